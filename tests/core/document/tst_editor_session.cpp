#include "document/editor_session.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestEditorSession : public QObject
{
    Q_OBJECT
private slots:
    void missingFileIsAnEmptySession();
    void roundTripKeepsEveryField();
    void unicodeTextSurvivesExactly();
    void largeTextSurvives();
    void savingCreatesTheFolder();
    void damagedFileIsAnErrorAndKeptAside_data();
    void damagedFileIsAnErrorAndKeptAside();
    void earlierBrokenCopyIsNotOverwritten();
    void unreadableFileIsNeverOverwritten();
    void onlyOneProcessClaimsTheSession();
    void defaultPathIsInTheDataFolder();

private:
    static QString sessionPath(const QTemporaryDir &dir) { return dir.filePath(u"session.json"_s); }
    static void write(const QString &path, const QByteArray &bytes);
    static QByteArray read(const QString &path);
};

void TestEditorSession::write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray TestEditorSession::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestEditorSession::missingFileIsAnEmptySession()
{
    QTemporaryDir dir;
    EditorSession session(sessionPath(dir));
    const auto loaded = session.load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QVERIFY(loaded->isEmpty());
    QVERIFY(session.canSave());
    QVERIFY(!QFile::exists(sessionPath(dir)));
}

void TestEditorSession::roundTripKeepsEveryField()
{
    QTemporaryDir dir;
    const QList<SessionDocument> documents{
        {u"/home/ada/report.sql"_s, u"SELECT 2;\n"_s, true, 9, u"report.sql"_s},
        {u"/home/ada/clean.sql"_s, QString(), false, 0, u"clean.sql"_s},
        {QString(), u"SELECT 'untitled'"_s, true, 17, u"SQL 3"_s},
        {QString(), QString(), false, 0, u"SQL 4"_s},
    };
    EditorSession writer(sessionPath(dir));
    const auto saved = writer.save(documents);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
    // Written through a temporary file and renamed: nothing else is left in the folder.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"session.json"_s});

    EditorSession reader(sessionPath(dir));
    const auto loaded = reader.load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QCOMPARE(loaded->size(), documents.size());
    for (qsizetype i = 0; i < documents.size(); ++i) {
        QCOMPARE(loaded->at(i).filePath, documents[i].filePath);
        QCOMPARE(loaded->at(i).unsavedText, documents[i].unsavedText);
        QCOMPARE(loaded->at(i).modified, documents[i].modified);
        QCOMPARE(loaded->at(i).cursorPosition, documents[i].cursorPosition);
        QCOMPARE(loaded->at(i).title, documents[i].title);
    }

    // An empty list is a valid session too, and replaces the earlier one.
    QVERIFY(writer.save({}).ok());
    const auto emptied = EditorSession(sessionPath(dir)).load();
    QVERIFY(emptied.ok());
    QVERIFY(emptied->isEmpty());
}

void TestEditorSession::unicodeTextSurvivesExactly()
{
    QTemporaryDir dir;
    const QString text = u"SELECT 'Żółć 🐘', E'\\t\"quoted\" \\\\ back', $$ᚠᛇᚻ$$;\r\n"
                         u"-- nbsp:\u00a0 separator:\u2028 bom:\ufeff nul:"_s +
                         QChar(0) + u" end"_s;
    const QString path = u"/tmp/ünïcödé folder/日本語.sql"_s;
    EditorSession writer(sessionPath(dir));
    QVERIFY(writer.save({{path, text, true, 5, u"日本語.sql"_s}}).ok());
    const auto loaded = EditorSession(sessionPath(dir)).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->size(), 1);
    QCOMPARE(loaded->first().unsavedText, text);
    QCOMPARE(loaded->first().filePath, path);
    QCOMPARE(loaded->first().title, u"日本語.sql"_s);
}

void TestEditorSession::largeTextSurvives()
{
    QTemporaryDir dir;
    QString text;
    for (int i = 0; i < 200'000; ++i)
        text += u"INSERT INTO t VALUES (%1, 'row ✓ %1');\n"_s.arg(i);
    QVERIFY(text.size() > 7'000'000);
    EditorSession writer(sessionPath(dir));
    QVERIFY(writer.save({{QString(), text, true, int(text.size()), u"SQL 1"_s}}).ok());
    const auto loaded = EditorSession(sessionPath(dir)).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->size(), 1);
    QVERIFY(loaded->first().unsavedText == text); // QCOMPARE would print 7 MB on failure
    QCOMPARE(loaded->first().cursorPosition, int(text.size()));
}

void TestEditorSession::savingCreatesTheFolder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"not/there/yet/session.json"_s);
    EditorSession session(path);
    QVERIFY(session.save({{QString(), u"x"_s, true, 0, u"SQL 1"_s}}).ok());
    QVERIFY(QFile::exists(path));
}

void TestEditorSession::damagedFileIsAnErrorAndKeptAside_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("named");
    QTest::newRow("not JSON") << QByteArray("{\"format\": \"mizzle-session\", \"vers") << u"JSON"_s;
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 12) << u"JSON"_s;
    QTest::newRow("array") << QByteArray("[1, 2]") << u"format"_s;
    QTest::newRow("other format") << QByteArray(R"({"format": "x", "version": 1})") << u"format"_s;
    QTest::newRow("newer version")
        << QByteArray(R"({"format": "mizzle-session", "version": 2, "documents": []})")
        << u"version"_s;
    QTest::newRow("documents not array")
        << QByteArray(R"({"format": "mizzle-session", "version": 1, "documents": {}})")
        << u"documents"_s;
    QTest::newRow("document not object")
        << QByteArray(R"({"format": "mizzle-session", "version": 1, "documents": ["x"]})")
        << u"documents[0]"_s;
    QTest::newRow("text not string") << QByteArray(R"({"format": "mizzle-session", "version": 1,
        "documents": [{"title": "SQL 1"}, {"text": 5}]})")
                                     << u"documents[1].text"_s;
    QTest::newRow("negative cursor") << QByteArray(R"({"format": "mizzle-session", "version": 1,
        "documents": [{"cursor": -3}]})")
                                     << u"documents[0].cursor"_s;
    QTest::newRow("fractional cursor") << QByteArray(R"({"format": "mizzle-session",
        "version": 1, "documents": [{"cursor": 1.5}]})")
                                       << u"cursor"_s;
    QTest::newRow("modified not bool") << QByteArray(R"({"format": "mizzle-session",
        "version": 1, "documents": [{"modified": "yes"}]})")
                                       << u"modified"_s;
}

void TestEditorSession::damagedFileIsAnErrorAndKeptAside()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, named);
    QTemporaryDir dir;
    const QString path = sessionPath(dir);
    write(path, content);

    EditorSession session(path);
    const auto loaded = session.load();
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().message.contains(named), qPrintable(loaded.error().toString()));
    QCOMPARE(loaded.error().where, path);
    const QString aside = path + u".broken"_s;
    QVERIFY2(loaded.error().hint.contains(aside), qPrintable(loaded.error().hint));
    // Nothing is lost: the damaged bytes are kept as they were, out of the way.
    QCOMPARE(read(aside), content);
    QVERIFY(!QFile::exists(path));

    // The session carries on with a fresh file.
    QVERIFY(session.canSave());
    QVERIFY(session.save({{QString(), u"new"_s, true, 0, u"SQL 1"_s}}).ok());
    const auto reloaded = EditorSession(path).load();
    QVERIFY(reloaded.ok());
    QCOMPARE(reloaded->size(), 1);
    QCOMPARE(read(aside), content);
}

void TestEditorSession::earlierBrokenCopyIsNotOverwritten()
{
    QTemporaryDir dir;
    const QString path = sessionPath(dir);
    write(path, "first damage");
    QVERIFY(!EditorSession(path).load().ok());
    write(path, "second damage");
    const auto loaded = EditorSession(path).load();
    QVERIFY(!loaded.ok());
    QCOMPARE(read(path + u".broken"_s), QByteArray("first damage"));
    QCOMPARE(read(path + u".broken.2"_s), QByteArray("second damage"));
    QVERIFY2(loaded.error().hint.contains(u".broken.2"_s), qPrintable(loaded.error().hint));
}

// A file that cannot even be read cannot be moved aside safely either: saving must then refuse
// rather than replace it. A folder in its place stands in for an unreadable file (as root,
// permissions would not stop the read).
void TestEditorSession::unreadableFileIsNeverOverwritten()
{
    QTemporaryDir dir;
    const QString path = sessionPath(dir);
    QVERIFY(QDir().mkpath(path));
    write(path + u"/inside.txt"_s, "keep me");
    EditorSession session(path);
    const auto loaded = session.load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().where, path);
    QVERIFY(!session.canSave());
    const auto saved = session.save({{QString(), u"x"_s, true, 0, u"SQL 1"_s}});
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().where, path);
    QCOMPARE(read(path + u"/inside.txt"_s), QByteArray("keep me"));
}

void TestEditorSession::onlyOneProcessClaimsTheSession()
{
    QTemporaryDir dir;
    auto first = std::make_unique<EditorSession>(sessionPath(dir));
    QVERIFY(first->claim().ok());
    QVERIFY(first->claim().ok()); // claiming again is harmless

    EditorSession second(sessionPath(dir));
    const auto refused = second.claim();
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"Another Mizzle"_s),
             qPrintable(refused.error().toString()));
    QVERIFY2(refused.error().message.contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(refused.error().toString()));

    first.reset();
    QVERIFY(second.claim().ok());
}

void TestEditorSession::defaultPathIsInTheDataFolder()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString path = EditorSession::defaultFilePath();
    QCOMPARE(path, QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                       u"/session.json"_s);
    QCOMPARE(EditorSession().filePath(), path);
    QCOMPARE(EditorSession(u"/elsewhere/s.json"_s).filePath(), u"/elsewhere/s.json"_s);
}

QTEST_GUILESS_MAIN(TestEditorSession)
#include "tst_editor_session.moc"
