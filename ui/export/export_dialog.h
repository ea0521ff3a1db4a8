#pragma once

#include "base/result.h"
#include "export/export_options.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace mizzle {

class ConnectionPool;
class ExportVerifier;
class ScriptExport;
struct ExportProgress;
struct ExportSummary;
struct VerifyReport;

// File → Export SQL script…, and Export… in the schema tree: what to include (schemas, or
// tables), definitions and data, the data's format, owners and grants, the file, and whether to
// verify the script by restoring it into a scratch database. The export runs on a connection
// borrowed from the pool, with a progress bar and Cancel; the dialog stays open to report.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // `schemas` are the database's, to choose from; `chosen` those ticked at first, and `tables`
    // ("schema.table" as SQL writes it) a narrower choice that wins over them.
    ExportDialog(ConnectionPool *pool, const QStringList &schemas, const QStringList &chosen,
                 const QStringList &tables, QWidget *parent = nullptr);
    ~ExportDialog() override;

    ExportOptions options() const;
    QString path() const;
    void setPath(const QString &path);
    bool verifies() const;
    // Verification unchecked and disabled, with the reason as its tooltip.
    void forbidVerification(const QString &why);
    bool isRunning() const;
    // Starts the export, as the Export button does; false (and a message) when the choice is not
    // complete.
    bool startExport();
    // The last run's outcome, as the status line says it.
    QString status() const;

signals:
    // The export (and its verification, when asked) ended: with what it wrote, or why not.
    void exportFinished(bool ok);

private:
    void chooseFile();
    void updateState();
    void showProgress(const ExportProgress &progress);
    void exported(const Result<ExportSummary> &summary);
    void verified(const Result<VerifyReport> &report);
    void finish(bool ok, const QString &message);
    void cancel();

    QPointer<ConnectionPool> m_pool;
    QListWidget *m_schemas;
    QLineEdit *m_tables;
    QCheckBox *m_definitions;
    QCheckBox *m_data;
    QComboBox *m_format;
    QCheckBox *m_onConflict;
    QSpinBox *m_rowsPerInsert;
    QCheckBox *m_owners;
    QCheckBox *m_grants;
    QCheckBox *m_verify;
    QLineEdit *m_path;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
    std::unique_ptr<ScriptExport> m_export;
    std::unique_ptr<ExportVerifier> m_verifier;
    QObject *m_acquiring = nullptr; // the context of a pending acquire, so Cancel can drop it
    bool m_verificationForbidden = false;
};

} // namespace mizzle
