#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"
#include "export/export_options.h"
#include "export/export_plan.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

class QProcess;

namespace mizzle {

class PgConnection;

struct VerifyReport
{
    QString scratchDatabase;
    int definitions = 0; // statements compared
    int tables = 0;      // tables whose rows were compared
    int sequences = 0;
    QStringList differences; // one line each; empty when the restore is exact
    bool identical() const { return differences.isEmpty(); }
};

// Proves that an SQL script export restores exactly. On the source's server it:
//  1. creates a scratch database (when the user may create databases),
//  2. restores the script there with psql, as a person would (-X -v ON_ERROR_STOP=1
//     --single-transaction),
//  3. compares the two: every definition as the export's catalog reader renders it, every
//     table's rows (a hash over each row's columns by name, so column order does not matter)
//     and every sequence's value,
//  4. drops the scratch database, whatever happened, and reports.
// The source is compared as it is when the comparison runs: changes made after the export
// show as differences.
class ExportVerifier : public QObject
{
    Q_OBJECT
public:
    ExportVerifier(ConnectionParameters source, QString scriptPath, ExportOptions options,
                   QObject *parent = nullptr);
    ~ExportVerifier() override;

    void start();
    void cancel();
    // The scratch database's name, drawn when the verifier is made.
    QString scratchDatabase() const { return m_report.scratchDatabase; }

signals:
    // "Creating a scratch database", "Restoring the script", "Comparing", "Dropping …".
    void stage(const QString &what);
    void finished(const mizzle::Result<mizzle::VerifyReport> &report);

private:
    void createScratch();
    void restore();
    void restored();
    void readPlans();
    void compareRows();
    void drop(Result<VerifyReport> outcome);
    void fail(const Error &error);
    void end(Result<VerifyReport> outcome);
    ConnectionParameters scratchParameters() const;
    bool stopped(const std::optional<Error> &error);

    ConnectionParameters m_source;
    QString m_scriptPath;
    ExportOptions m_options;
    std::unique_ptr<PgConnection> m_admin;   // on the source database: CREATE/DROP DATABASE
    std::unique_ptr<PgConnection> m_scratch; // on the scratch database
    std::unique_ptr<QProcess> m_psql;
    ExportPlan m_sourcePlan;
    VerifyReport m_report;
    bool m_scratchCreated = false;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace mizzle
