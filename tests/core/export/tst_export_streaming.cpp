#include "connection/pg_connection.h"
#include "export/script_export.h"
#include "export_databases.h"
#include "process_memory.h"
#include "test_database.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// A table of a million rows passes through the export in constant memory: its rows go from the
// server's COPY into the file as they come, never all into the client.
class TestExportStreaming : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void aMillionRowsStayInBoundedMemory();

private:
    QString m_database;
};

void TestExportStreaming::initTestCase()
{
    m_database = u"mizzle_export_big_"_s + QString::number(QCoreApplication::applicationPid());
    QVERIFY(test::createDatabase(m_database).ok());
    const test::ProgramRun made = test::psql(
        m_database, {u"-c"_s, u"CREATE TABLE big AS SELECT g AS id, repeat(md5(g::text), 2) AS v "
                              "FROM generate_series(1, 1000000) g; ANALYZE big"_s});
    QVERIFY2(made.exitCode == 0, made.err.constData());
}

void TestExportStreaming::cleanupTestCase()
{
    test::dropDatabase(m_database);
}

void TestExportStreaming::aMillionRowsStayInBoundedMemory()
{
    auto connection = std::make_shared<PgConnection>();
    QVERIFY(test::open(*connection, test::testParameters(m_database)).ok());
    QDir().mkpath(u"export"_s);
    const QString path = QDir::currentPath() + u"/export/big.sql"_s;
    ExportOptions options;
    options.tables = {u"public.big"_s};
    ScriptExport exporter(connection, options);
    QList<ExportProgress> reports;
    QObject::connect(&exporter, &ScriptExport::progress, &exporter,
                     [&reports](const ExportProgress &progress) { reports.append(progress); });
    const qint64 before = test::peakResidentKiB();
    QVERIFY(before > 0);
    // A plain event loop, not QTest's waiting (which sleeps between its turns): the rows come
    // as fast as the socket delivers them.
    std::optional<Result<ExportSummary>> outcome;
    QEventLoop loop;
    QObject::connect(&exporter, &ScriptExport::finished, &loop,
                     [&](const Result<ExportSummary> &summary) {
                         outcome = summary;
                         loop.quit();
                     });
    exporter.start(path);
    loop.exec();
    QVERIFY(outcome.has_value());
    const Result<ExportSummary> &exported = *outcome;
    QVERIFY2(exported.ok(), test::describe(exported));
    const qint64 grewKiB = test::peakResidentKiB() - before;
    const qint64 fileBytes = QFileInfo(path).size();
    QFile::remove(path);

    QCOMPARE(exported->rows, 1'000'000);
    QVERIFY2(fileBytes > 70'000'000, qPrintable(QString::number(fileBytes)));
    // The file is ~75 MB; the export's buffer is 1 MiB, and libpq's and the writer's a few more.
    QVERIFY2(grewKiB < 24 * 1024, qPrintable(u"peak memory grew by %1 KiB"_s.arg(grewKiB)));
    // Progress came while the rows streamed, not only at the end, with the planner's estimate.
    QVERIFY(reports.size() > 10);
    QCOMPARE(reports.last().rows, 1'000'000);
    QCOMPARE(reports.last().tablesDone, 1);
    QVERIFY(reports.first().estimatedRows > 900'000);
}

QTEST_GUILESS_MAIN(TestExportStreaming)
#include "tst_export_streaming.moc"
