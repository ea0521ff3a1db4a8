#pragma once

#include "base/result.h"
#include "export/result_formatter.h"

#include <QObject>
#include <QString>
#include <memory>

class QSaveFile;

namespace mizzle {

class QueryResult;

// Writes a whole QueryResult to a file, a slice of rows per event-loop turn so that the window
// stays responsive. The file appears only when every row is written: it goes through QSaveFile,
// so a cancelled or failed export leaves the previous file (or none) in place.
class ResultExporter : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype sliceRows = 5000;

    // The result must outlive the export, or the export be cancelled first. Rows that arrive
    // after start() are not written.
    ResultExporter(const QueryResult *result, ResultFormat format, const QString &path,
                   QObject *parent = nullptr);
    ~ResultExporter() override;

    // For SQL INSERT statements; see ResultFormatter::setTable.
    void setTable(const QString &schema, const QString &name);

    // Begins in the next event-loop turn; progress and finished follow from the event loop.
    void start();
    // Stops and discards what was written; finished() reports the cancellation at once.
    void cancel();
    bool isRunning() const { return m_running; }
    QString path() const { return m_path; }

signals:
    void progress(qsizetype done, qsizetype total);
    // The file's path once it is complete, or what went wrong.
    void finished(const mizzle::Result<QString> &path);

private:
    void writeSlice();
    void fail(const QString &message);

    const QueryResult *m_result;
    ResultFormatter m_formatter;
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    qsizetype m_done = 0;
    qsizetype m_total = 0;
    bool m_running = false;
};

} // namespace mizzle
