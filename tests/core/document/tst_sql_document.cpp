#include "document/sql_document.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestSqlDocument : public QObject
{
    Q_OBJECT
private slots:
    void windowsLineEndingsComeBackOnSave();
    void unixFileStaysUnix();
    void notUtf8IsRefusedNamingTheFile();
    void failedSaveNamesTheFile();

private:
    QString write(const QString &name, const QByteArray &bytes);
    static QByteArray read(const QString &path);
    QTemporaryDir m_folder;
};

QString TestSqlDocument::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_folder.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray TestSqlDocument::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void TestSqlDocument::windowsLineEndingsComeBackOnSave()
{
    const QByteArray bytes = u"SELECT 'a\u00a0b';\r\n-- 日本語\r\nSELECT 2;\r\n"_s.toUtf8();
    const QString path = write(u"windows.sql"_s, bytes);
    QVERIFY(SqlDocument::usesCrlf(path));
    const auto loaded = SqlDocument::load(path);
    QVERIFY(loaded.ok());
    QVERIFY(loaded->crlf);
    QVERIFY(loaded->text.contains(u"日本語"_s));

    // The editor hands back lines ending in \n; the file gets its CR LF again.
    const QString copy = m_folder.filePath(u"copy.sql"_s);
    QVERIFY(SqlDocument::save(copy, QString(loaded->text).replace(u"\r\n"_s, u"\n"_s), true).ok());
    QCOMPARE(read(copy), bytes);
}

void TestSqlDocument::unixFileStaysUnix()
{
    const QString path = write(u"unix.sql"_s, "SELECT 1;\nSELECT 2;\n");
    QVERIFY(!SqlDocument::usesCrlf(path));
    const auto loaded = SqlDocument::load(path);
    QVERIFY(loaded.ok());
    QVERIFY(!loaded->crlf);
    QVERIFY(SqlDocument::save(path, loaded->text, loaded->crlf).ok());
    QCOMPARE(read(path), QByteArray("SELECT 1;\nSELECT 2;\n"));
    QVERIFY(!SqlDocument::usesCrlf(m_folder.filePath(u"missing.sql"_s)));
}

void TestSqlDocument::notUtf8IsRefusedNamingTheFile()
{
    const QString path = write(u"latin1.sql"_s, "SELECT 'caf\xe9';\n");
    const auto loaded = SqlDocument::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().where, path);
    QVERIFY(loaded.error().message.contains(u"UTF-8"_s));
    QVERIFY(!loaded.error().hint.isEmpty());

    const QString missing = m_folder.filePath(u"missing.sql"_s);
    const auto absent = SqlDocument::load(missing);
    QVERIFY(!absent.ok());
    QCOMPARE(absent.error().where, missing);
}

void TestSqlDocument::failedSaveNamesTheFile()
{
    const QString nowhere = m_folder.filePath(u"no/such/folder/x.sql"_s);
    const auto refused = SqlDocument::save(nowhere, u"SELECT 1"_s, false);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().where, nowhere);
    QVERIFY(!QFile::exists(nowhere));
}

QTEST_GUILESS_MAIN(TestSqlDocument)
#include "tst_sql_document.moc"
