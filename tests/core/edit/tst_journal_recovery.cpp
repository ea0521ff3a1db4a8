// Recovering a journal of pending changes: the check of its rows against their current versions
// on the server, and an editor killed with SIGKILL that loses none of its changes.
#include "edit/edit_journal.h"
#include "edit/journal_check.h"
#include "journal_support.h"
#include "test_database.h"
#include "values/sql_literal.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <cstdio>
#include <sys/types.h>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

const QString kSchema = u"re'cov/../ery ü"_s;
const QString kTable = test::hostileTable();

// What the crashing child makes, and the parent again to compare the restored changes with.
void makeCrashEdits(EditBuffer &buffer, const test::TablePage &page)
{
    test::setCell(buffer, page, 0, u"label"_s, CellValue::of(u"changed\n'quoted' ü"_s));
    test::setCell(buffer, page, 0, u"note"_s, CellValue::null());
    test::setCell(buffer, page, 1, u"label"_s, CellValue::of(QString()));
    test::deleteRow(buffer, page, 3);
    buffer.addRow({{0, CellValue::of(u"10"_s)}, {2, CellValue::byDefault()}});
    const quint64 dropped = buffer.addRow({{0, CellValue::of(u"11"_s)}});
    buffer.addRow({{0, CellValue::of(u"12"_s)}, {1, CellValue::null()}});
    buffer.removeRow(dropped); // the ids left are 1 and 3
}

int runChild(const QString &path, const QString &schema)
{
    ConnectionPool pool(test::testParameters(), PoolSettings{});
    const test::TablePage page = test::readTable(pool, schema, u"crash"_s, u"id"_s);
    EditBuffer buffer(page.table);
    EditJournal journal(path, &buffer);
    makeCrashEdits(buffer, page);
    // Queued after the journal's own write: by then the file holds every change, or it failed.
    QMetaObject::invokeMethod(
        &journal,
        [&journal] {
            std::puts(journal.hasPendingWrite() || !QFileInfo::exists(journal.filePath())
                          ? "not written"
                          : "ready");
            std::fflush(stdout);
        },
        Qt::QueuedConnection);
    return QCoreApplication::exec(); // until killed
}

} // namespace

class TestJournalRecovery : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void versionsAreCheckedAgainstTheServer();
    void aCheckWhoseContextIsGoneNeverReports();
    void aKilledEditorLosesNoPendingChange();

private:
    QString path(const QString &table) const;

    std::unique_ptr<ConnectionPool> m_pool;
    std::unique_ptr<QTemporaryDir> m_data;
};

void TestJournalRecovery::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    const auto created = test::createJournalTables(*m_pool, kSchema);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

void TestJournalRecovery::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
}

QString TestJournalRecovery::path(const QString &table) const
{
    return EditJournal::journalPath(m_data->path(), u"test profile"_s, kSchema, table);
}

void TestJournalRecovery::versionsAreCheckedAgainstTheServer()
{
    const test::TablePage keyed = test::readTable(*m_pool, kSchema, u"versions"_s, u"id"_s);
    const test::TablePage loose = test::readTable(*m_pool, kSchema, u"loose_versions"_s, u"v"_s);
    EditBuffer keyedBuffer(keyed.table);
    EditBuffer looseBuffer(loose.table);
    EditJournal keyedJournal(path(u"versions"_s), &keyedBuffer);
    EditJournal looseJournal(path(u"loose_versions"_s), &looseBuffer);
    for (qsizetype row = 0; row < 4; ++row)
        test::setCell(keyedBuffer, keyed, row, u"label"_s, CellValue::of(u"mine"_s));
    keyedBuffer.addRow({{0, CellValue::of(u"9"_s)}}); // nothing to check it against
    test::setCell(looseBuffer, loose, 0, u"v"_s, CellValue::of(u"mine"_s)); // 'kept'
    test::setCell(looseBuffer, loose, 1, u"v"_s, CellValue::of(u"mine"_s)); // 'updated'
    QVERIFY(keyedJournal.flush().ok() && looseJournal.flush().ok());

    const QString schema = sqlIdentifier(kSchema);
    const auto changed = test::runScript(
        *m_pool, u"UPDATE %1.versions SET label = 'theirs' WHERE id = 2;"
                 u"DELETE FROM %1.versions WHERE id = 3;"
                 u"UPDATE %1.loose_versions SET v = 'updated!' WHERE v = 'updated';"_s.arg(schema));
    QVERIFY2(changed.ok(), test::describe(changed).constData());

    const auto check = [this](const TableDetails &table, const QString &file) {
        const Result<std::optional<JournalContents>> read = EditJournal::read(file, table);
        if (!read.ok() || !read.value())
            qFatal("no journal at %s", qPrintable(file));
        return test::await<JournalCheck>(
            [&](auto done) { checkJournal(m_pool.get(), table, *read.value(), this, done); });
    };
    const Result<JournalCheck> keyedCheck = check(keyed.table, keyedJournal.filePath());
    QVERIFY2(keyedCheck.ok(), test::describe(keyedCheck).constData());
    const auto key = [&keyed](qsizetype row) { return keyed.identity(row).mapKey(); };
    QCOMPARE(keyedCheck->current, QStringList({key(0), key(3)}));
    QCOMPARE(keyedCheck->changed, QStringList({key(1)}));
    QCOMPARE(keyedCheck->gone, QStringList({key(2)}));
    QCOMPARE(keyedCheck->rows.size(), 1);
    const QueryResult theirs = keyedCheck->rows.value(key(1));
    QCOMPARE(rowValues(keyed.table, theirs, 0),
             QList<std::optional<QString>>({u"2"_s, u"theirs"_s}));
    QVERIFY(identityOf(keyed.table, theirs, 0).version != keyed.identity(1).version);

    const Result<JournalCheck> looseCheck = check(loose.table, looseJournal.filePath());
    QVERIFY2(looseCheck.ok(), test::describe(looseCheck).constData());
    QCOMPARE(looseCheck->current, QStringList({loose.identity(0).mapKey()}));
    QVERIFY(looseCheck->changed.isEmpty()); // without a key, another version is another row
    QCOMPARE(looseCheck->gone, QStringList({loose.identity(1).mapKey()}));
}

void TestJournalRecovery::aCheckWhoseContextIsGoneNeverReports()
{
    const test::TablePage page = test::readTable(*m_pool, kSchema, kTable, u"id"_s);
    EditBuffer buffer(page.table);
    test::setCell(buffer, page, 0, u"label"_s, CellValue::of(u"x"_s));
    const JournalContents contents = JournalContents::of(buffer);
    int reported = 0;
    {
        QObject context;
        checkJournal(m_pool.get(), page.table, contents, &context, [&](auto) { ++reported; });
        checkJournal(m_pool.get(), page.table, JournalContents{}, &context,
                     [&](auto) { ++reported; });
    }
    // One that does report, on the same pool and event loop: by then the others would have.
    const Result<JournalCheck> after = test::await<JournalCheck>(
        [&](auto done) { checkJournal(m_pool.get(), page.table, contents, this, done); });
    QVERIFY2(after.ok(), test::describe(after).constData());
    QCOMPARE(after->current, QStringList({page.identity(0).mapKey()}));
    QCOMPARE(reported, 0);
}

void TestJournalRecovery::aKilledEditorLosesNoPendingChange()
{
    const QString file = path(u"crash"_s);
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {u"--child"_s, file, kSchema});
    QVERIFY(child.waitForStarted());
    while (!child.canReadLine())
        QVERIFY2(child.waitForReadyRead(60'000), "the child ended or never said it was ready");
    QCOMPARE(child.readLine().trimmed(), "ready"_ba);
    QVERIFY(::kill(pid_t(child.processId()), SIGKILL) == 0);
    QVERIFY(child.waitForFinished(60'000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    const test::TablePage page = test::readTable(*m_pool, kSchema, u"crash"_s, u"id"_s);
    EditBuffer made(page.table);
    makeCrashEdits(made, page);
    const auto back = test::restoredBuffer(file, page.table);
    QCOMPARE(JournalContents::of(*back).toJson(), JournalContents::of(made).toJson());
    QCOMPARE(back->changeCount(), 6);
    QCOMPARE(back->newRows().size(), 2);
    QCOMPARE(back->newRows().at(1).id, quint64(3));

    const auto updated = test::run(
        *m_pool, u"UPDATE %1.crash SET note = 'theirs' WHERE id = 2"_s.arg(sqlIdentifier(kSchema)));
    QVERIFY2(updated.ok(), test::describe(updated).constData());
    const Result<std::optional<JournalContents>> read = EditJournal::read(file, page.table);
    QVERIFY(read.ok() && read.value());
    const Result<JournalCheck> check = test::await<JournalCheck>(
        [&](auto done) { checkJournal(m_pool.get(), page.table, *read.value(), this, done); });
    QVERIFY2(check.ok(), test::describe(check).constData());
    QCOMPARE(check->current, QStringList({page.identity(0).mapKey(), page.identity(3).mapKey()}));
    QCOMPARE(check->changed, QStringList({page.identity(1).mapKey()}));
    QVERIFY(check->gone.isEmpty());
}

// Run with "--child <journal path> <schema>", the binary is the editor the crash test kills.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--child") == 0)
        return runChild(QString::fromLocal8Bit(argv[2]), QString::fromUtf8(argv[3]));
    TestJournalRecovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_journal_recovery.moc"
