#include "browse/browse_state.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestBrowseState : public QObject
{
    Q_OBJECT
private slots:
    void unknownTableHasNoState();
    void roundTripKeepsEveryField();
    void namesThatLookAlikeStayApart();
    void tablesShareOneFile();
    void defaultStateRemovesTheEntry();
    void damagedFileIsSetAsideAndReportedOnce_data();
    void damagedFileIsSetAsideAndReportedOnce();
    void damageFoundBySaveIsReportedAndTheStateKept();
    void unreadableFileIsNeverReplaced();
    void profilesStayApart();
    void defaultDirectoryIsInTheDataFolder();

private:
    static QByteArray read(const QString &path);
    static void write(const QString &path, const QByteArray &bytes);
    static BrowseState richState();
};

QByteArray TestBrowseState::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestBrowseState::write(const QString &path, const QByteArray &bytes)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

// Every field set, with names holding quotes, dots and characters outside ASCII.
BrowseState TestBrowseState::richState()
{
    BrowseState state;
    state.sort = {
        {u"\"Größe\".cm"_s, true, true}, {u"id"_s, false, std::nullopt}, {u"名前"_s, false, false}};
    state.filter.conditions = {{u"it's"_s, FilterOperator::Between, {u"1"_s, u"9"_s}},
                               {u"\"Größe\".cm"_s, FilterOperator::IsNull, {}},
                               {u"tags"_s, FilterOperator::JsonContains, {u"{\"a\": \"ü\"}"_s}},
                               {u"note"_s, FilterOperator::NotLike, {u"%🙂%"_s}}};
    state.filter.matchAny = true;
    state.filter.expression = u"\"Größe\".cm > 3\n  AND note <> 'x''y'"_s;
    state.columnWidths = {{u"\"Größe\".cm"_s, 120}, {u"名前"_s, 0}, {u"id"_s, 64}};
    return state;
}

void TestBrowseState::unknownTableHasNoState()
{
    QTemporaryDir dir;
    BrowseStateStore store(dir.path(), u"Local"_s);
    const auto loaded = store.load(u"public"_s, u"orders"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QVERIFY(!loaded->has_value());
    QVERIFY(!QFile::exists(store.filePath())); // reading creates nothing
}

void TestBrowseState::roundTripKeepsEveryField()
{
    QTemporaryDir dir;
    const QString schema = u"Sch\"ema.Ä"_s;
    const QString table = u"or.ders \"🙂\""_s;
    {
        BrowseStateStore store(dir.path(), u"Local"_s);
        const auto saved = store.save(schema, table, richState());
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
    }
    BrowseStateStore store(dir.path(), u"Local"_s); // a new store reads the file, not a cache
    const auto loaded = store.load(schema, table);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QVERIFY(loaded->has_value());
    const BrowseState &state = loaded->value();
    QCOMPARE(state.sort, richState().sort);
    QCOMPARE(state.filter.conditions, richState().filter.conditions);
    QCOMPARE(state.filter.expression, richState().filter.expression);
    QCOMPARE(state.columnWidths, richState().columnWidths);
    QVERIFY(state == richState());
    QVERIFY(!(state == BrowseState{}));
}

// "a.b" + "c" and "a" + "b.c" would both be "a.b.c" if the key were joined naively.
void TestBrowseState::namesThatLookAlikeStayApart()
{
    QTemporaryDir dir;
    BrowseStateStore store(dir.path(), u"Local"_s);
    BrowseState first;
    first.filter.expression = u"first"_s;
    BrowseState second;
    second.filter.expression = u"second"_s;
    BrowseState third;
    third.filter.expression = u"third"_s;
    QVERIFY(store.save(u"a.b"_s, u"c"_s, first).ok());
    QVERIFY(store.save(u"a"_s, u"b.c"_s, second).ok());
    QVERIFY(store.save(u"\"a\""_s, u"b"_s, third).ok());
    QCOMPARE(store.load(u"a.b"_s, u"c"_s)->value().filter.expression, u"first"_s);
    QCOMPARE(store.load(u"a"_s, u"b.c"_s)->value().filter.expression, u"second"_s);
    QCOMPARE(store.load(u"\"a\""_s, u"b"_s)->value().filter.expression, u"third"_s);
    QVERIFY(!store.load(u"a"_s, u"b"_s)->has_value());
}

void TestBrowseState::tablesShareOneFile()
{
    QTemporaryDir dir;
    BrowseState orders;
    orders.sort = {{u"placed_at"_s, true, std::nullopt}};
    BrowseState customers;
    customers.columnWidths = {{u"name"_s, 200}};
    // Two stores of one profile, as two windows would have: each save keeps the other's table.
    BrowseStateStore one(dir.path(), u"Local"_s);
    BrowseStateStore other(dir.path(), u"Local"_s);
    QVERIFY(one.save(u"public"_s, u"orders"_s, orders).ok());
    QVERIFY(other.save(u"public"_s, u"customers"_s, customers).ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
             QStringList{QFileInfo(one.filePath()).fileName()});
    QVERIFY(one.load(u"public"_s, u"orders"_s)->value() == orders);
    QVERIFY(one.load(u"public"_s, u"customers"_s)->value() == customers);
    const QByteArray bytes = read(one.filePath());
    QVERIFY2(bytes.contains("\"public.orders\"") && bytes.contains("\"public.customers\""),
             bytes.constData());

    orders.sort[0].descending = false; // saving again replaces the table's state
    QVERIFY(other.save(u"public"_s, u"orders"_s, orders).ok());
    QVERIFY(one.load(u"public"_s, u"orders"_s)->value() == orders);
}

void TestBrowseState::defaultStateRemovesTheEntry()
{
    QTemporaryDir dir;
    BrowseStateStore store(dir.path(), u"Local"_s);
    QVERIFY(store.save(u"public"_s, u"orders"_s, richState()).ok());
    QVERIFY(store.save(u"public"_s, u"orders"_s, BrowseState{}).ok());
    QVERIFY(!store.load(u"public"_s, u"orders"_s)->has_value());
    QVERIFY(!read(store.filePath()).contains("orders"));
}

void TestBrowseState::damagedFileIsSetAsideAndReportedOnce_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not JSON") << QByteArray("{\"format\": \"mizzle-browse-state\", \"tab");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("another format") << QByteArray("{\"format\": \"mizzle-session\"}");
    QTest::newRow("later version")
        << QByteArray("{\"format\": \"mizzle-browse-state\", \"version\": 2, \"tables\": {}}");
    QTest::newRow("tables not an object")
        << QByteArray("{\"format\": \"mizzle-browse-state\", \"version\": 1, \"tables\": []}");
    QTest::newRow("width not a number")
        << QByteArray("{\"format\": \"mizzle-browse-state\", \"version\": 1, \"tables\": "
                      "{\"public.orders\": {\"columnWidths\": {\"id\": \"wide\"}}}}");
    QTest::newRow("direction not a boolean") << QByteArray(
        "{\"format\": \"mizzle-browse-state\", \"version\": 1, \"tables\": "
        "{\"public.orders\": {\"sort\": [{\"column\": \"id\", \"descending\": 1}]}}}");
}

void TestBrowseState::damagedFileIsSetAsideAndReportedOnce()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    BrowseStateStore store(dir.path(), u"Local"_s);
    write(store.filePath(), content);

    const auto first = store.load(u"public"_s, u"orders"_s);
    QVERIFY(!first.ok());
    QCOMPARE(first.error().where, store.filePath());
    const QString aside = store.filePath() + u".broken"_s;
    QVERIFY2(first.error().hint.contains(aside), qPrintable(first.error().toString()));
    QCOMPARE(read(aside), content); // kept byte for byte, never deleted
    QVERIFY(!QFile::exists(store.filePath()));

    const auto second = store.load(u"public"_s, u"orders"_s); // reported once only
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().toString()));
    QVERIFY(!second->has_value());

    // A later damage goes beside the first, which stays as it was.
    QVERIFY(store.save(u"public"_s, u"orders"_s, richState()).ok());
    write(store.filePath(), "second damage");
    const auto third = store.load(u"public"_s, u"orders"_s);
    QVERIFY(!third.ok());
    QVERIFY2(third.error().hint.contains(u".broken.2"_s), qPrintable(third.error().toString()));
    QCOMPARE(read(aside), content);
    QCOMPARE(read(aside + u".2"_s), QByteArray("second damage"));
}

void TestBrowseState::damageFoundBySaveIsReportedAndTheStateKept()
{
    QTemporaryDir dir;
    BrowseStateStore store(dir.path(), u"Local"_s);
    write(store.filePath(), "]]");
    const auto saved = store.save(u"public"_s, u"orders"_s, richState());
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.contains(u"damaged"_s), qPrintable(saved.error().toString()));
    QCOMPARE(read(store.filePath() + u".broken"_s), QByteArray("]]"));
    const auto loaded = store.load(u"public"_s, u"orders"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QVERIFY(loaded->value() == richState());
}

// A file that cannot be opened is not known to be damaged: it stays, and save() refuses to
// replace it. A folder in its place stands in for an unreadable file (as root, permissions would
// not stop the read).
void TestBrowseState::unreadableFileIsNeverReplaced()
{
    QTemporaryDir dir;
    BrowseStateStore store(dir.path(), u"Local"_s);
    write(store.filePath() + u"/inside.txt"_s, "keep me");
    const auto loaded = store.load(u"public"_s, u"orders"_s);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().where, store.filePath());
    const auto saved = store.save(u"public"_s, u"orders"_s, richState());
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().where, store.filePath());
    QCOMPARE(read(store.filePath() + u"/inside.txt"_s), QByteArray("keep me"));
    QVERIFY(!QFile::exists(store.filePath() + u".broken"_s));
}

void TestBrowseState::profilesStayApart()
{
    QTemporaryDir dir;
    // A key may be a connection URI; whatever it holds, the file holds none of it.
    BrowseStateStore production(dir.path(), u"postgresql://app:s3cret@db.example/shop"_s);
    BrowseStateStore staging(dir.path(), u"Staging"_s);
    QVERIFY(production.filePath() != staging.filePath());
    QVERIFY(production.save(u"public"_s, u"orders"_s, richState()).ok());
    QVERIFY(!staging.load(u"public"_s, u"orders"_s)->has_value());

    BrowseState other;
    other.filter.expression = u"id < 10"_s;
    QVERIFY(staging.save(u"public"_s, u"orders"_s, other).ok());
    QVERIFY(production.load(u"public"_s, u"orders"_s)->value() == richState());
    QVERIFY(staging.load(u"public"_s, u"orders"_s)->value() == other);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
    const QByteArray bytes = read(production.filePath());
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains("s3cret"));
    QVERIFY(!production.filePath().contains(u"s3cret"_s));
}

void TestBrowseState::defaultDirectoryIsInTheDataFolder()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString expected =
        QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/browse-state"_s;
    QCOMPARE(BrowseStateStore::defaultDirectory(), expected);
    BrowseStateStore store({}, u"Playground"_s);
    QCOMPARE(QFileInfo(store.filePath()).absolutePath(), expected);
    QVERIFY(QFileInfo(store.filePath()).fileName().startsWith(u"playground-"_s));
    QVERIFY(store.filePath().endsWith(u".json"_s));
}

QTEST_GUILESS_MAIN(TestBrowseState)
#include "tst_browse_state.moc"
