#include "export/result_exporter.h"
#include "test_database.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestResultExporter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void exportsEveryRowInSlices_data();
    void exportsEveryRowInSlices();
    void cancelLeavesNoFile();
    void cancelKeepsThePreviousFile();
    void unwritableFolderIsReported();

private:
    // Runs an export to its end; the outcome, or an error when it never finished.
    static Result<QString> finish(ResultExporter &exporter);
    static QByteArray contents(const QString &path);

    std::unique_ptr<ConnectionPool> m_pool;
    std::optional<QueryResult> m_rows;
};

void TestResultExporter::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    Result<QueryResult> rows = test::run(
        *m_pool, u"SELECT g AS id, md5(g::text) AS hash, g * 0.5 AS half, "
                 u"CASE WHEN g % 7 = 0 THEN NULL ELSE 'row, \"' || g || '\"' END AS label "
                 u"FROM generate_series(1, 20000) g"_s);
    QVERIFY2(rows.ok(), test::describe(rows));
    QCOMPARE(rows->rowCount(), 20000);
    m_rows = std::move(rows).value();
}

void TestResultExporter::cleanupTestCase()
{
    m_pool.reset();
}

Result<QString> TestResultExporter::finish(ResultExporter &exporter)
{
    std::optional<Result<QString>> outcome;
    QObject context;
    QObject::connect(&exporter, &ResultExporter::finished, &context,
                     [&outcome](const Result<QString> &result) { outcome.emplace(result); });
    QSignalSpy finished(&exporter, &ResultExporter::finished);
    if (!exporter.isRunning())
        exporter.start();
    if (finished.isEmpty() && !finished.wait(60'000))
        return Error{u"the export did not finish within 60 s"_s, {}, {}, {}, {}, -1};
    return *outcome;
}

QByteArray TestResultExporter::contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestResultExporter::exportsEveryRowInSlices_data()
{
    QTest::addColumn<ResultFormat>("format");
    QTest::newRow("csv") << ResultFormat::Csv;
    QTest::newRow("json") << ResultFormat::Json;
    QTest::newRow("sql") << ResultFormat::SqlInsert;
}

void TestResultExporter::exportsEveryRowInSlices()
{
    QFETCH(ResultFormat, format);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"rows.out"_s);
    ResultExporter exporter(&*m_rows, format, path);
    QSignalSpy progress(&exporter, &ResultExporter::progress);
    const Result<QString> outcome = finish(exporter);
    QVERIFY2(outcome.ok(), test::describe(outcome));
    QCOMPARE(outcome.value(), path);
    QVERIFY(!exporter.isRunning());

    // A slice a turn: 20,000 rows in four, each reporting how far it got.
    QCOMPARE(progress.count(), 4);
    for (int slice = 0; slice < progress.count(); ++slice) {
        QCOMPARE(progress[slice][0].value<qsizetype>(), (slice + 1) * ResultExporter::sliceRows);
        QCOMPARE(progress[slice][1].value<qsizetype>(), qsizetype(20000));
    }

    QList<qsizetype> rows;
    for (qsizetype row = 0; row < m_rows->rowCount(); ++row)
        rows.append(row);
    const QByteArray expected = ResultFormatter(*m_rows, format).format(rows);
    const QByteArray written = contents(path);
    QCOMPARE(written.size(), expected.size());
    QVERIFY(written == expected);
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files), QStringList{u"rows.out"_s});
}

void TestResultExporter::cancelLeavesNoFile()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"cancelled.csv"_s);
    ResultExporter exporter(&*m_rows, ResultFormat::Csv, path);
    QSignalSpy progress(&exporter, &ResultExporter::progress);
    // Cancelled between slices, once the first is on disk in the temporary file.
    connect(&exporter, &ResultExporter::progress, &exporter, &ResultExporter::cancel);
    const Result<QString> outcome = finish(exporter);
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.error().message.contains(u"cancelled"_s), test::describe(outcome));
    QCOMPARE(progress.count(), 1);
    QVERIFY(!exporter.isRunning());
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestResultExporter::cancelKeepsThePreviousFile()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"kept.json"_s);
    {
        QFile previous(path);
        QVERIFY(previous.open(QIODevice::WriteOnly));
        QCOMPARE(previous.write("previous export"), 15);
    }
    ResultExporter exporter(&*m_rows, ResultFormat::Json, path);
    connect(&exporter, &ResultExporter::progress, &exporter, [&exporter](qsizetype done) {
        if (done >= 2 * ResultExporter::sliceRows)
            exporter.cancel();
    });
    QVERIFY(!finish(exporter).ok());
    QCOMPARE(contents(path), "previous export");
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"kept.json"_s});
}

void TestResultExporter::unwritableFolderIsReported()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"no/such/folder/rows.csv"_s);
    ResultExporter exporter(&*m_rows, ResultFormat::Csv, path);
    QSignalSpy progress(&exporter, &ResultExporter::progress);
    const Result<QString> outcome = finish(exporter);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().where, QDir::toNativeSeparators(path));
    QVERIFY(!outcome.error().hint.isEmpty());
    QCOMPARE(progress.count(), 0);
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestResultExporter)
#include "tst_result_exporter.moc"
