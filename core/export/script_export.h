#pragma once

#include "base/result.h"
#include "connection/connection_pool.h"
#include "export/export_options.h"
#include "export/export_plan.h"

#include <QObject>
#include <QString>
#include <memory>

class QIODevice;
class QSaveFile;

namespace mizzle {

class InsertRows;
class ScriptWriter;

struct ExportProgress
{
    QString table; // the table whose rows are being written, or empty
    int tablesDone = 0;
    int tableCount = 0;
    qint64 rows = 0;          // rows written so far, all tables
    qint64 estimatedRows = 0; // the planner's estimate for all tables; may be off either way
    qint64 bytes = 0;
};

struct ExportSummary
{
    QString path; // empty when written to a device
    int objects = 0;
    int tables = 0;
    qint64 rows = 0;
    qint64 bytes = 0;
};

// Writes an SQL script export that psql restores as it is: the walker of the export. It decides
// the order and owns the snapshot: one REPEATABLE READ READ ONLY transaction on its connection,
// from which the catalog (ExportPlanReader) and every row are read, so the script is one moment
// of the database. The bytes are the ScriptWriter's.
//
// Rows stream from COPY ... TO STDOUT (or a streamed SELECT, for INSERTs) into the file as the
// server sends them, so memory stays the same whatever the table's size. A file is written
// through QSaveFile: it appears only when complete, and a cancelled or failed export leaves what
// was there before.
class ScriptExport : public QObject
{
    Q_OBJECT
public:
    // The lease must be idle and outside a transaction; it is held until the export ends.
    ScriptExport(ConnectionPool::Lease lease, ExportOptions options, QObject *parent = nullptr);
    ~ScriptExport() override;

    // Begins in the next event-loop turn; progress and finished follow from the event loop.
    void start(const QString &path);
    // The same, into a device that is open for writing and that outlives the export (stdout).
    void start(QIODevice *device);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const mizzle::ExportProgress &progress);
    void finished(const mizzle::Result<mizzle::ExportSummary> &summary);

private:
    void begin();
    void readPlan();
    Result<void> writeDefinitions();
    void writeNextTable();
    void copyTable(const ExportTable &table);
    void insertTable(const ExportTable &table);
    void tableWritten(Result<QueryResult> result);
    void writeRest();
    void fail(const Error &error);
    void end(Result<ExportSummary> result);
    void reportProgress();
    // A step's callback: runs the step unless the export has ended or failed in between.
    bool stopped(const Result<void> &step);

    ConnectionPool::Lease m_lease;
    ExportOptions m_options;
    ExportPlan m_plan;
    std::unique_ptr<QSaveFile> m_file;
    QIODevice *m_device = nullptr;
    std::unique_ptr<ScriptWriter> m_writer;
    std::unique_ptr<InsertRows> m_inserts;
    ExportProgress m_progress;
    ExportSummary m_summary;
    qsizetype m_nextTable = 0;
    qint64 m_tableRows = 0;
    bool m_running = false;
    bool m_cancelled = false;
    std::optional<Error> m_rowError; // a row the writer refused, or the device's failure
};

} // namespace mizzle

Q_DECLARE_METATYPE(mizzle::ExportProgress)
