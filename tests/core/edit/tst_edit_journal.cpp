// The journal of pending changes as files: what it writes and when, what it reads back and
// what it sets aside, and where its files go. The check against the server and a killed editor
// are in tst_journal_recovery.
#include "edit/edit_journal.h"
#include "journal_support.h"
#include "test_database.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

// Quotes, a slash, "..", and Unicode in the schema too.
const QString kSchema = u"jo'ur/../nal ü"_s;
const QString kTable = test::hostileTable();

} // namespace

class TestEditJournal : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void everyKindOfChangeRoundTrips();
    void rowsWithoutKeyRoundTrip();
    void burstsAreWrittenOnceAtTheNextTurn();
    void anEmptyBufferRemovesTheFile();
    void brokenJournalsAreSetAsideIntact_data();
    void brokenJournalsAreSetAsideIntact();
    void anEarlierJournalIsNeverOverwritten();
    void pathsStayInTheirFolderAndApart();
    void noPasswordReachesTheKeyThePathOrTheFile();

private:
    QString path(const QString &table) const;

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<QTemporaryDir> m_data;
};

void TestEditJournal::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::createJournalTables(*m_pool, kSchema);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestEditJournal::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
}

QString TestEditJournal::path(const QString &table) const
{
    return EditJournal::journalPath(m_data->path(), u"test profile"_s, kSchema, table);
}

void TestEditJournal::everyKindOfChangeRoundTrips()
{
    const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
    EditBuffer buffer(page.table);
    EditJournal journal(path(kTable), &buffer);
    test::setCell(buffer, page, 0, u"label"_s, CellValue::of(QString())); // '' is not NULL
    test::setCell(buffer, page, 0, u"note"_s, CellValue::of(u"NULL"_s));  // nor is 'NULL'
    test::setCell(buffer, page, 1, u"label"_s, CellValue::null());
    test::setCell(buffer, page, 1, u"n"_s, CellValue::of(u"22"_s));
    test::setCell(buffer, page, 2, u"note"_s, CellValue::of(u"line\nbreak \"q\" 'a' \\ 😀"_s));
    test::setCell(buffer, page, 3, u"label"_s, CellValue::of(u"edited, then deleted"_s));
    test::deleteRow(buffer, page, 3);
    buffer.addRow({{0, CellValue::of(u"5"_s)},
                   {1, CellValue::of(QString())},
                   {2, CellValue::byDefault()},
                   {3, CellValue::null()}});
    buffer.addRow({}, 7);
    const Result<void> flushed = journal.flush();
    QVERIFY2(flushed.ok(), test::describe(flushed).constData());

    const auto back = test::restoredBuffer(journal.filePath(), page.table);
    QCOMPARE(JournalContents::of(*back).toJson(), JournalContents::of(buffer).toJson());
    const QString row0 = page.identity(0).mapKey();
    const QString row1 = page.identity(1).mapKey();
    const QString row3 = page.identity(3).mapKey();
    QCOMPARE(back->cell(row0, 1), CellValue::of(QString()));
    QCOMPARE(back->cell(row0, 2), CellValue::of(u"NULL"_s));
    QCOMPARE(back->cell(row1, 1), CellValue::null());
    QCOMPARE(back->cell(page.identity(2).mapKey(), 2),
             CellValue::of(u"line\nbreak \"q\" 'a' \\ 😀"_s));
    QVERIFY(back->isDeleted(row3));
    QCOMPARE(back->cell(row3, 1), CellValue::of(u"edited, then deleted"_s));
    QVERIFY(!page.identity(1).version.isEmpty());
    QCOMPARE(back->edit(row1)->identity, page.identity(1));
    QCOMPARE(back->edit(row1)->original, page.values(1));
    QCOMPARE(back->edit(row0)->original.at(2), std::nullopt); // an original NULL stays NULL
    QCOMPARE(back->newRow(1)->cells.value(1), CellValue::of(QString()));
    QVERIFY(back->newRow(1)->cells.value(2).isDefault());
    QVERIFY(back->newRow(1)->cells.value(3).isNull());
    QVERIFY(!back->newRow(1)->cells.contains(4));
    QVERIFY(back->newRow(7) && back->newRow(7)->cells.isEmpty());
    QCOMPARE(back->addRow(), quint64(8)); // later rows never take a restored id
    QCOMPARE(back->changeCount(), buffer.changeCount() + 1);
}

void TestEditJournal::rowsWithoutKeyRoundTrip()
{
    const test::TablePage page = test::readTable(*m_pool, kSchema, u"loose"_s, u"v, n"_s);
    EditBuffer buffer(page.table);
    EditJournal journal(path(u"loose"_s), &buffer);
    test::setCell(buffer, page, 0, u"v"_s, CellValue::of(u"first a"_s)); // the twins 'a', 1
    test::setCell(buffer, page, 1, u"n"_s, CellValue::null());
    test::deleteRow(buffer, page, 2);
    QVERIFY(journal.flush().ok());

    const auto back = test::restoredBuffer(journal.filePath(), page.table);
    QCOMPARE(JournalContents::of(*back).toJson(), JournalContents::of(buffer).toJson());
    QCOMPARE(back->edits().size(), 3);
    const EditBuffer::RowEdit *twin = back->edit(page.identity(1).mapKey());
    QVERIFY(twin);
    QVERIFY(twin->identity.key.isEmpty());
    QVERIFY(!twin->identity.location.isEmpty());
    QCOMPARE(twin->identity, page.identity(1));
    QCOMPARE(twin->cells.value(1), CellValue::null());
    QVERIFY(!twin->cells.contains(0));
}

void TestEditJournal::burstsAreWrittenOnceAtTheNextTurn()
{
    const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
    EditBuffer buffer(page.table);
    EditJournal journal(path(kTable), &buffer);
    for (int i = 0; i < 200; ++i)
        test::setCell(buffer, page, 0, u"label"_s, CellValue::of(QString::number(i)));
    QVERIFY(!QFileInfo::exists(journal.filePath())); // not one write a change
    QVERIFY(journal.hasPendingWrite());
    QTRY_VERIFY(!journal.hasPendingWrite());
    QCOMPARE(
        test::restoredBuffer(journal.filePath(), page.table)->cell(page.identity(0).mapKey(), 1),
        CellValue::of(u"199"_s));

    test::setCell(buffer, page, 0, u"n"_s, CellValue::of(u"9"_s));
    QVERIFY(journal.hasPendingWrite());
    QVERIFY(journal.flush().ok()); // at once, without waiting for the turn
    QVERIFY(!journal.hasPendingWrite());
    QCOMPARE(test::fileBytes(journal.filePath()), JournalContents::of(buffer).toJson());
}

void TestEditJournal::anEmptyBufferRemovesTheFile()
{
    const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
    EditBuffer buffer(page.table);
    const QString file = path(kTable);
    {
        EditJournal journal(file, &buffer);
        test::setCell(buffer, page, 0, u"label"_s, CellValue::of(u"x"_s));
        QVERIFY(journal.flush().ok());
        QVERIFY(QFileInfo::exists(file));
        buffer.setCell(page.identity(0), page.values(0), 1, std::nullopt); // taken back
        QVERIFY(!buffer.hasChanges());
        QVERIFY(journal.flush().ok());
        QVERIFY(!QFileInfo::exists(file));

        buffer.addRow();
        QVERIFY(journal.flush().ok());
        QVERIFY(QFileInfo::exists(file));
        buffer.clear(); // what a committed save does
        QVERIFY(journal.flush().ok());
        QVERIFY(!QFileInfo::exists(file));

        buffer.addRow();
        QVERIFY(journal.flush().ok());
        QVERIFY(journal.discard().ok()); // thrown away while still in the buffer
        QVERIFY(!QFileInfo::exists(file));

        buffer.addRow(); // and the journal goes before its turn comes
    }
    QVERIFY(QFileInfo::exists(file));
    QCOMPARE(test::fileBytes(file), JournalContents::of(buffer).toJson());
}

void TestEditJournal::brokenJournalsAreSetAsideIntact_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("problem");
    const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
    EditBuffer buffer(page.table);
    test::setCell(buffer, page, 0, u"label"_s, CellValue::of(u"x"_s));
    const JournalContents valid = JournalContents::of(buffer);
    const auto variant = [&valid](const std::function<void(JournalContents &)> &change) {
        JournalContents contents = valid;
        change(contents);
        return contents.toJson();
    };
    QTest::newRow("cut short") << valid.toJson().left(40) << u"not valid JSON"_s;
    QTest::newRow("not a journal") << "[1, 2]"_ba << u"not a Mizzle edit journal"_s;
    QTest::newRow("another version")
        << valid.toJson().replace("\"version\": 1", "\"version\": 2") << u"version is not 1"_s;
    QTest::newRow("another table")
        << variant([](JournalContents &c) { c.name = u"other"_s; }) << u"not of"_s;
    QTest::newRow("created again")
        << variant([](JournalContents &c) { ++c.oid; }) << u"dropped and created again"_s;
    QTest::newRow("columns changed")
        << variant([](JournalContents &c) { c.columns.swapItemsAt(1, 2); }) << u"columns"_s;
    QTest::newRow("cell past the columns")
        << variant([](JournalContents &c) { c.edits[0].cells.insert(9, CellValue::null()); })
        << u"past the table's last"_s;
    QTest::newRow("new row id 0") << variant([](JournalContents &c) {
        c.newRows.append(EditBuffer::NewRow{0, {}});
    }) << u"id"_s;
}

void TestEditJournal::brokenJournalsAreSetAsideIntact()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, problem);
    const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
    const QString file = path(kTable);
    test::writeBytes(file, bytes);

    const Result<std::optional<JournalContents>> read = EditJournal::read(file, page.table);
    QVERIFY(!read.ok());
    QVERIFY2(read.error().message.contains(problem), qPrintable(read.error().message));
    QCOMPARE(read.error().where, file);
    QVERIFY(!QFileInfo::exists(file));
    const QStringList aside = test::asideFiles(file, u".broken-"_s);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(test::fileBytes(aside.first()), bytes); // kept as it was, byte for byte
    QVERIFY2(read.error().hint.contains(aside.first()), qPrintable(read.error().hint));

    // Once set aside, the table has no journal, and a second damaged one gets a file of its own.
    const Result<std::optional<JournalContents>> again = EditJournal::read(file, page.table);
    QVERIFY(again.ok() && !again.value());
    test::writeBytes(file, "second");
    QVERIFY(!EditJournal::read(file, page.table).ok());
    QCOMPARE(test::asideFiles(file, u".broken-"_s).size(), 2);
    QCOMPARE(test::fileBytes(aside.first()), bytes);
}

void TestEditJournal::anEarlierJournalIsNeverOverwritten()
{
    const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
    const QString file = path(kTable);
    EditBuffer earlier(page.table);
    test::setCell(earlier, page, 0, u"label"_s, CellValue::of(u"earlier"_s));
    const QByteArray earlierBytes = JournalContents::of(earlier).toJson();
    test::writeBytes(file, earlierBytes);

    EditBuffer buffer(page.table);
    {
        EditJournal untouched(file, &buffer);
        buffer.addRow();
        buffer.clear(); // empty again: still not this journal's file to remove
        QVERIFY(untouched.flush().ok());
    }
    QCOMPARE(test::fileBytes(file), earlierBytes);

    EditJournal journal(file, &buffer);
    test::setCell(buffer, page, 1, u"label"_s, CellValue::of(u"now"_s));
    QVERIFY(journal.flush().ok());
    const QStringList aside = test::asideFiles(file, u".unrestored-"_s);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(test::fileBytes(aside.first()), earlierBytes);
    QCOMPARE(test::fileBytes(file), JournalContents::of(buffer).toJson());

    // Restored, the earlier changes are the journal's own: written over, nothing set aside.
    test::writeBytes(file, earlierBytes);
    EditBuffer second(page.table);
    EditJournal restoring(file, &second);
    const auto read = EditJournal::read(file, page.table);
    QVERIFY(read.ok() && read.value());
    restoring.restore(*read.value());
    QVERIFY(restoring.flush().ok());
    QCOMPARE(test::fileBytes(file), earlierBytes);
    QCOMPARE(test::asideFiles(file, u".unrestored-"_s).size(), 1);
    QCOMPARE(second.cell(page.identity(0).mapKey(), 1), CellValue::of(u"earlier"_s));
}

void TestEditJournal::pathsStayInTheirFolderAndApart()
{
    const QString root = m_data->path();
    const QStringList names{u".."_s,  u"."_s,     u"../../etc/passwd"_s,
                            u"a/b"_s, u"a\\b"_s,  u"\"'"_s,
                            u"ü😀"_s, QString(),  u" "_s,
                            u"T"_s,   u"t"_s,     u"a.b"_s,
                            u"CON"_s, u"-.x.-"_s, QString(63, u'x'),
                            u"/"_s};
    QSet<QString> paths;
    for (const QString &profile : {u"p"_s, u"P"_s, u".."_s, u"/etc/x"_s}) {
        for (const QString &schema : names) {
            for (const QString &table : names) {
                const QString p = EditJournal::journalPath(root, profile, schema, table);
                QCOMPARE(EditJournal::journalPath(root, profile, schema, table), p);
                QVERIFY2(p.startsWith(root + u"/journals/"_s), qPrintable(p));
                QCOMPARE(QDir::cleanPath(p), p);
                const QStringList parts = p.mid(root.size() + 10).split(u'/');
                QCOMPARE(parts.size(), 2);
                for (const QString &part : parts) {
                    QVERIFY2(!part.startsWith(u'.') && !part.contains(u'\\'), qPrintable(p));
                    QVERIFY2(part.size() <= 80, qPrintable(p));
                }
                QVERIFY(p.endsWith(u".json"_s));
                paths.insert(p);
            }
        }
    }
    QCOMPARE(paths.size(), 4 * names.size() * names.size()); // no two names meet
    QVERIFY(EditJournal::journalPath(root, u"p"_s, u"a.b"_s, u"c"_s) !=
            EditJournal::journalPath(root, u"p"_s, u"a"_s, u"b.c"_s));
    QVERIFY(EditJournal::journalPath({}, u"p"_s, u"s"_s, u"t"_s)
                .startsWith(EditJournal::defaultDirectory() + u"/journals/"_s));
}

void TestEditJournal::noPasswordReachesTheKeyThePathOrTheFile()
{
    const QString secret = u"Pw-s3cret-9"_s;
    for (const QString &conninfo :
         {u"postgresql://alice:Pw-s3cret-9@db.example.com:5433/app?sslmode=require"_s,
          u"host=db.example.com port=5433 dbname=app user=alice password=Pw-s3cret-9"_s}) {
        const Result<ConnectionParameters> parsed = ConnectionParameters::fromConninfo(conninfo);
        QVERIFY2(parsed.ok(), test::describe(parsed).constData());
        QCOMPARE(parsed->value(u"password"_s), secret); // the target does carry it
        ConnectionTarget target;
        target.displayName = parsed->displayName();
        target.parameters = parsed.value();
        const QString key = EditJournal::profileKey(target);
        QVERIFY2(!key.contains(secret), qPrintable(key));
        for (const QString &part : {u"alice"_s, u"db.example.com"_s, u"5433"_s, u"app"_s})
            QVERIFY2(key.contains(part), qPrintable(key));

        ConnectionTarget otherPassword = target;
        otherPassword.parameters.set(u"password"_s, u"another"_s);
        QCOMPARE(EditJournal::profileKey(otherPassword), key);
        ConnectionTarget otherPort = target;
        otherPort.parameters.set(u"port"_s, u"5434"_s);
        QVERIFY(EditJournal::profileKey(otherPort) != key);

        const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
        EditBuffer buffer(page.table);
        EditJournal journal(EditJournal::journalPath(m_data->path(), key, kSchema, kTable),
                            &buffer);
        QVERIFY(!journal.filePath().contains(secret));
        test::setCell(buffer, page, 0, u"label"_s, CellValue::of(u"x"_s));
        QVERIFY(journal.flush().ok());
        const QByteArray bytes = test::fileBytes(journal.filePath());
        QVERIFY(bytes.contains("\"x\""));
        QVERIFY(!bytes.contains(secret.toUtf8()));
    }
}

QTEST_GUILESS_MAIN(TestEditJournal)
#include "tst_edit_journal.moc"
