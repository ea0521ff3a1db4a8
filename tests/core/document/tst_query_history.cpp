#include "document/query_history.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestQueryHistory : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void recordsAndSearchesNewestFirst();
    void searchMatchesSubstringsIgnoringCase();
    void percentAndUnderscoreAreLiteral();
    void profilesKeepSeparateFiles();
    void fileNameIsSafeForAnyKey();
    void reopeningFindsEarlierEntries();
    void twoInstancesShareOneProfile();
    void folderThatCannotBeCreatedIsNamed();
    void unwritableFolderNamesTheFile();
    void quotesAndSemicolonsRoundTripExactly();
    void limitCapsTheResults();
    void emptyFieldsAreStored();
    void useBeforeOpenIsAnError();
    void destructionRemovesTheConnection();

private:
    static HistoryEntry entry(const QString &sql, int secondsAfterBase);
    static QStringList statements(const Result<QList<HistoryEntry>> &found);
    static std::unique_ptr<QueryHistory> opened(const QString &directory, const QString &key);
};

// Milliseconds included, so that the round trip shows they survive.
static const QDateTime base = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123);

HistoryEntry TestQueryHistory::entry(const QString &sql, int secondsAfterBase)
{
    HistoryEntry e;
    e.ranAt = base.addSecs(secondsAfterBase);
    e.sql = sql;
    e.durationMs = 10 + secondsAfterBase;
    e.rows = secondsAfterBase;
    e.status = u"ok"_s;
    e.message = u"SELECT %1"_s.arg(secondsAfterBase);
    e.profile = u"Playground"_s;
    return e;
}

QStringList TestQueryHistory::statements(const Result<QList<HistoryEntry>> &found)
{
    QStringList sql;
    if (found)
        for (const HistoryEntry &e : found.value())
            sql.append(e.sql);
    return sql;
}

std::unique_ptr<QueryHistory> TestQueryHistory::opened(const QString &directory, const QString &key)
{
    auto history = std::make_unique<QueryHistory>(directory, key);
    const Result<void> open = history->open();
    if (!open)
        qFatal("%s", qPrintable(open.error().toString()));
    return history;
}

void TestQueryHistory::init()
{
    // Catches, among others, removeDatabase() complaining that a connection is still in use.
    QTest::failOnWarning(QRegularExpression(u".*"_s));
}

void TestQueryHistory::recordsAndSearchesNewestFirst()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto history = opened(dir.path(), u"Playground"_s);
    QSignalSpy recorded(history.get(), &QueryHistory::recorded);

    // Recorded out of order: the order comes from ranAt, not from insertion.
    QVERIFY(history->record(entry(u"SELECT 2"_s, 2)).ok());
    QVERIFY(history->record(entry(u"SELECT 1"_s, 1)).ok());
    QVERIFY(history->record(entry(u"SELECT 3"_s, 3)).ok());
    QCOMPARE(recorded.count(), 3);
    QCOMPARE(recorded.last().first().value<HistoryEntry>().sql, u"SELECT 3"_s);
    // The write-ahead log exists only in WAL mode, which keeps a crash from corrupting the file.
    QVERIFY(QFileInfo::exists(history->filePath() + u"-wal"_s));

    const auto found = history->search({});
    QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().toString()));
    QCOMPARE(statements(found), (QStringList{u"SELECT 3"_s, u"SELECT 2"_s, u"SELECT 1"_s}));

    const HistoryEntry &newest = found->first();
    QCOMPARE(newest.ranAt, base.addSecs(3));
    QCOMPARE(newest.ranAt.toMSecsSinceEpoch() % 1000, 123);
    QCOMPARE(newest.durationMs, 13);
    QCOMPARE(newest.rows, 3);
    QCOMPARE(newest.status, u"ok"_s);
    QCOMPARE(newest.message, u"SELECT 3"_s);
    QCOMPARE(newest.profile, u"Playground"_s);
}

void TestQueryHistory::searchMatchesSubstringsIgnoringCase()
{
    QTemporaryDir dir;
    auto history = opened(dir.path(), u"Playground"_s);
    QVERIFY(history->record(entry(u"SELECT * FROM Users"_s, 1)).ok());
    QVERIFY(history->record(entry(u"select 1"_s, 2)).ok());
    QVERIFY(history->record(entry(u"UPDATE users SET name = 'x'"_s, 3)).ok());
    QVERIFY(history->record(entry(u"SELECT 'ÄRGER'"_s, 4)).ok());

    QCOMPARE(statements(history->search(u"users"_s)),
             (QStringList{u"UPDATE users SET name = 'x'"_s, u"SELECT * FROM Users"_s}));
    QCOMPARE(statements(history->search(u"from USERS"_s)), QStringList{u"SELECT * FROM Users"_s});
    QCOMPARE(statements(history->search(u"ärger"_s)), QStringList{u"SELECT 'ÄRGER'"_s});
    QCOMPARE(statements(history->search(u"delete"_s)), QStringList{});
}

void TestQueryHistory::percentAndUnderscoreAreLiteral()
{
    QTemporaryDir dir;
    auto history = opened(dir.path(), u"Playground"_s);
    QVERIFY(history->record(entry(u"SELECT '100%'"_s, 1)).ok());
    QVERIFY(history->record(entry(u"SELECT 1000"_s, 2)).ok());
    QVERIFY(history->record(entry(u"SELECT a_b FROM t"_s, 3)).ok());
    QVERIFY(history->record(entry(u"SELECT axb FROM t"_s, 4)).ok());
    QVERIFY(history->record(entry(u"SELECT E'\\\\'"_s, 5)).ok());

    QCOMPARE(statements(history->search(u"100%"_s)), QStringList{u"SELECT '100%'"_s});
    QCOMPARE(statements(history->search(u"%"_s)), QStringList{u"SELECT '100%'"_s});
    QCOMPARE(statements(history->search(u"a_b"_s)), QStringList{u"SELECT a_b FROM t"_s});
    QCOMPARE(statements(history->search(u"_"_s)), QStringList{u"SELECT a_b FROM t"_s});
    QCOMPARE(statements(history->search(u"\\"_s)), QStringList{u"SELECT E'\\\\'"_s});
}

void TestQueryHistory::profilesKeepSeparateFiles()
{
    QTemporaryDir dir;
    auto playground = opened(dir.path(), u"Playground"_s);
    auto production = opened(dir.path(), u"/home/ann/.config/mizzle/profiles/production.json"_s);
    // Keys that sanitise to the same name still get files of their own.
    auto upper = opened(dir.path(), u"PROD"_s);
    auto lower = opened(dir.path(), u"prod"_s);
    QVERIFY(playground->record(entry(u"SELECT 'playground'"_s, 1)).ok());
    QVERIFY(production->record(entry(u"SELECT 'production'"_s, 2)).ok());
    QVERIFY(upper->record(entry(u"SELECT 'upper'"_s, 3)).ok());

    const QStringList paths = {playground->filePath(), production->filePath(), upper->filePath(),
                               lower->filePath()};
    for (const QString &path : paths) {
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
        QCOMPARE(QFileInfo(path).absolutePath(), QDir(dir.path()).absolutePath());
        QCOMPARE(paths.count(path), 1);
    }
    QVERIFY(QFileInfo(production->filePath()).fileName().startsWith(u"production-"_s));

    QCOMPARE(statements(playground->search({})), QStringList{u"SELECT 'playground'"_s});
    QCOMPARE(statements(production->search({})), QStringList{u"SELECT 'production'"_s});
    QCOMPARE(statements(upper->search({})), QStringList{u"SELECT 'upper'"_s});
    QCOMPARE(statements(lower->search({})), QStringList{});
}

void TestQueryHistory::fileNameIsSafeForAnyKey()
{
    const QStringList keys = {u"../../etc/passwd"_s, u"a:b*c?\"<>|"_s, u"  "_s, u"Ärger & Co."_s,
                              QString(300, u'x')};
    QStringList names;
    for (const QString &key : keys) {
        const QString name = QueryHistory::fileNameFor(key);
        QVERIFY2(QRegularExpression(u"^[a-z0-9][a-z0-9._-]*-[0-9a-f]{10}\\.sqlite$"_s)
                     .match(name)
                     .hasMatch(),
                 qPrintable(name));
        QVERIFY2(name.size() <= 60, qPrintable(name));
        QCOMPARE(QueryHistory::fileNameFor(key), name); // stable: the same key finds its file
        names.append(name);
    }
    names.removeDuplicates();
    QCOMPARE(names.size(), keys.size());
    QVERIFY(QueryHistory::fileNameFor(u"Playground"_s).startsWith(u"playground-"_s));
}

void TestQueryHistory::reopeningFindsEarlierEntries()
{
    QTemporaryDir dir;
    {
        auto history = opened(dir.path(), u"Playground"_s);
        QVERIFY(history->record(entry(u"SELECT 'before'"_s, 1)).ok());
    }
    auto reopened = opened(dir.path(), u"Playground"_s);
    QVERIFY(reopened->record(entry(u"SELECT 'after'"_s, 2)).ok());
    QCOMPARE(statements(reopened->search({})),
             (QStringList{u"SELECT 'after'"_s, u"SELECT 'before'"_s}));
}

void TestQueryHistory::twoInstancesShareOneProfile()
{
    // Two windows on one profile: each has its own connection to the same file.
    QTemporaryDir dir;
    auto first = opened(dir.path(), u"Playground"_s);
    auto second = opened(dir.path(), u"Playground"_s);
    QCOMPARE(first->filePath(), second->filePath());
    QVERIFY(first->record(entry(u"SELECT 'first'"_s, 1)).ok());
    QVERIFY(second->record(entry(u"SELECT 'second'"_s, 2)).ok());
    QCOMPARE(statements(first->search({})),
             (QStringList{u"SELECT 'second'"_s, u"SELECT 'first'"_s}));
    QCOMPARE(statements(second->search({})), statements(first->search({})));
}

void TestQueryHistory::folderThatCannotBeCreatedIsNamed()
{
    // A file where a folder should be: no user, not even root, can create the folder.
    QTemporaryDir dir;
    const QString blocker = dir.filePath(u"blocker"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString folder = blocker + u"/history"_s;

    QueryHistory history(folder, u"Playground"_s);
    const Result<void> open = history.open();
    QVERIFY(!open.ok());
    QCOMPARE(open.error().where, folder);
    QVERIFY(open.error().message.contains(u"folder"_s));
    QVERIFY(!open.error().hint.isEmpty());
    QVERIFY(!history.isOpen());
    QVERIFY(!history.record(entry(u"SELECT 1"_s, 1)).ok());
}

void TestQueryHistory::unwritableFolderNamesTheFile()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"readonly"_s);
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    QFile probe(folder + u"/probe"_s);
    if (probe.open(QIODevice::WriteOnly))
        QSKIP("this user may write anywhere (root): a read-only folder cannot be tested");

    QueryHistory history(folder, u"Playground"_s);
    const Result<void> open = history.open();
    QVERIFY(!open.ok());
    QCOMPARE(open.error().where, history.filePath());
    QVERIFY(open.error().where.startsWith(folder + u'/'));
    QVERIFY(!open.error().message.isEmpty());
    QVERIFY(!open.error().hint.isEmpty());
    QVERIFY(!history.isOpen());
}

void TestQueryHistory::quotesAndSemicolonsRoundTripExactly()
{
    QTemporaryDir dir;
    auto history = opened(dir.path(), u"Playground"_s);
    // Text that would break, or rewrite, an INSERT built by concatenation.
    const QString sql =
        u"INSERT INTO t VALUES ('it''s; fine', \"quoted\"); DROP TABLE history; --\n"
        "\tSELECT $$a;b$$, E'\\'', ?, :name; ');"_s;
    HistoryEntry tricky = entry(sql, 1);
    tricky.status = u"error"_s;
    tricky.message = u"syntax error at or near \"'\"; SQLSTATE 42601"_s;
    QVERIFY(history->record(tricky).ok());
    QVERIFY(history->record(entry(u"SELECT 'still works'"_s, 2)).ok());

    const auto found = history->search(u"drop table"_s);
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().sql, sql);
    QCOMPARE(found->first().message, tricky.message);
    QCOMPARE(found->first().status, u"error"_s);
    QCOMPARE(statements(history->search({})).size(), 2);
}

void TestQueryHistory::limitCapsTheResults()
{
    QTemporaryDir dir;
    auto history = opened(dir.path(), u"Playground"_s);
    for (int i = 1; i <= 205; ++i)
        QVERIFY(history->record(entry(u"SELECT %1"_s.arg(i), i)).ok());

    QCOMPARE(statements(history->search({}, 3)),
             (QStringList{u"SELECT 205"_s, u"SELECT 204"_s, u"SELECT 203"_s}));
    QCOMPARE(statements(history->search(u"select 1"_s, 2)),
             (QStringList{u"SELECT 199"_s, u"SELECT 198"_s}));
    QCOMPARE(statements(history->search({})).size(), 200); // the default limit
    QCOMPARE(statements(history->search({}, 0)).size(), 205);
}

void TestQueryHistory::emptyFieldsAreStored()
{
    QTemporaryDir dir;
    auto history = opened(dir.path(), u"Playground"_s);
    HistoryEntry bare;
    bare.sql = u"VACUUM"_s; // no time, status, message or profile
    const QDateTime before = QDateTime::currentDateTime();
    const Result<void> recorded = history->record(bare);
    QVERIFY2(recorded.ok(), recorded.ok() ? "" : qPrintable(recorded.error().toString()));

    const auto found = history->search({});
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 1);
    QVERIFY(found->first().ranAt >= before.addMSecs(-1));
    QVERIFY(found->first().ranAt <= QDateTime::currentDateTime());
    QCOMPARE(found->first().rows, -1);
    QCOMPARE(found->first().message, QString());
    QCOMPARE(found->first().profile, u"Playground"_s);
}

void TestQueryHistory::useBeforeOpenIsAnError()
{
    QTemporaryDir dir;
    QueryHistory history(dir.path(), u"Playground"_s);
    QVERIFY(!history.record(entry(u"SELECT 1"_s, 1)).ok());
    QVERIFY(!history.search({}).ok());
    QVERIFY(!QFileInfo::exists(history.filePath()));
    QVERIFY(history.open().ok());
    QVERIFY(history.open().ok()); // again: nothing to do
    QVERIFY(history.search({}).ok());
}

void TestQueryHistory::destructionRemovesTheConnection()
{
    QTemporaryDir dir;
    const QStringList before = QSqlDatabase::connectionNames();
    {
        auto history = opened(dir.path(), u"Playground"_s);
        QVERIFY(history->record(entry(u"SELECT 1"_s, 1)).ok());
        QVERIFY(history->search({}).ok());
        QCOMPARE(QSqlDatabase::connectionNames().size(), before.size() + 1);
    }
    QCOMPARE(QSqlDatabase::connectionNames(), before);
}

QTEST_GUILESS_MAIN(TestQueryHistory)
#include "tst_query_history.moc"
