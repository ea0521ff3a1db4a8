#include "export/export_dialog.h"

#include "common/file_dialogs.h"
#include "connection/connection_pool.h"
#include "export/export_verifier.h"
#include "export/script_export.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

ExportDialog::ExportDialog(ConnectionPool *pool, const QStringList &schemas,
                           const QStringList &chosen, const QStringList &tables, QWidget *parent)
    : QDialog(parent)
    , m_pool(pool)
    , m_schemas(new QListWidget(this))
    , m_tables(new QLineEdit(tables.join(u", "_s), this))
    , m_definitions(new QCheckBox(tr("Definitions"), this))
    , m_data(new QCheckBox(tr("Data"), this))
    , m_format(new QComboBox(this))
    , m_onConflict(new QCheckBox(tr("Skip rows that exist (ON CONFLICT DO NOTHING)"), this))
    , m_rowsPerInsert(new QSpinBox(this))
    , m_owners(new QCheckBox(tr("Owners"), this))
    , m_grants(new QCheckBox(tr("Grants"), this))
    , m_verify(new QCheckBox(tr("Verify: restore into a scratch database and compare"), this))
    , m_path(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export SQL Script"));
    for (const QString &schema : schemas) {
        auto *item = new QListWidgetItem(schema, m_schemas);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen.contains(schema) ? Qt::Checked : Qt::Unchecked);
    }
    m_schemas->setObjectName(u"schemas"_s);
    m_schemas->setMaximumHeight(140);
    m_tables->setObjectName(u"tables"_s);
    m_tables->setPlaceholderText(tr("or tables: schema.table, … (as SQL writes them)"));
    m_definitions->setChecked(true);
    m_data->setChecked(true);
    m_format->addItem(tr("COPY blocks (fastest; psql reads them)"));
    m_format->addItem(tr("INSERT statements"));
    m_format->setObjectName(u"format"_s);
    m_rowsPerInsert->setRange(1, 10000);
    m_rowsPerInsert->setValue(ExportOptions().rowsPerInsert);
    m_rowsPerInsert->setSuffix(tr(" rows per INSERT"));
    m_verify->setObjectName(u"verify"_s);
    m_verify->setToolTip(tr("Creates a database on the same server, restores the script there "
                            "with psql, compares definitions, rows and sequences, and drops it."));
    m_path->setObjectName(u"path"_s);
    m_path->setText(QDir::home().filePath(u"export.sql"_s));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, &ExportDialog::chooseFile);
    m_progress->setVisible(false);
    m_status->setObjectName(u"status"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportButton = m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setDefault(true);

    auto *include = new QHBoxLayout;
    include->addWidget(m_definitions);
    include->addWidget(m_data);
    include->addWidget(m_owners);
    include->addWidget(m_grants);
    include->addStretch();
    auto *inserts = new QHBoxLayout;
    inserts->addWidget(m_rowsPerInsert);
    inserts->addWidget(m_onConflict);
    auto *file = new QHBoxLayout;
    file->addWidget(m_path, 1);
    file->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Schemas:"), m_schemas);
    form->addRow(QString(), m_tables);
    form->addRow(tr("Include:"), include);
    form->addRow(tr("Data as:"), m_format);
    form->addRow(QString(), inserts);
    form->addRow(tr("File:"), file);
    form->addRow(QString(), m_verify);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (isRunning())
            cancel();
        else
            reject();
    });
    for (QCheckBox *box : {m_definitions, m_data})
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(m_tables, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

ExportDialog::~ExportDialog() = default;

ExportOptions ExportDialog::options() const
{
    ExportOptions options;
    for (int row = 0; row < m_schemas->count(); ++row) {
        if (m_schemas->item(row)->checkState() == Qt::Checked)
            options.schemas.append(m_schemas->item(row)->text());
    }
    for (const QString &table : m_tables->text().split(u',', Qt::SkipEmptyParts)) {
        if (!table.trimmed().isEmpty())
            options.tables.append(table.trimmed());
    }
    if (!options.tables.isEmpty())
        options.schemas.clear(); // the narrower choice wins
    options.definitions = m_definitions->isChecked();
    options.data = m_data->isChecked();
    options.dataFormat = m_format->currentIndex() == 1 ? ExportOptions::DataFormat::Insert
                                                       : ExportOptions::DataFormat::Copy;
    options.onConflictDoNothing =
        options.dataFormat == ExportOptions::DataFormat::Insert && m_onConflict->isChecked();
    options.rowsPerInsert = m_rowsPerInsert->value();
    options.owners = m_owners->isChecked();
    options.grants = m_grants->isChecked();
    return options;
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

bool ExportDialog::verifies() const
{
    return m_verify->isChecked() && !m_verificationForbidden;
}

void ExportDialog::forbidVerification(const QString &why)
{
    m_verificationForbidden = true;
    m_verify->setChecked(false);
    m_verify->setToolTip(why);
    updateState();
}

bool ExportDialog::isRunning() const
{
    return m_acquiring || (m_export && m_export->isRunning()) || m_verifier;
}

QString ExportDialog::status() const
{
    return m_status->text();
}

void ExportDialog::chooseFile()
{
    const auto target =
        chooseSaveFile(this, tr("Export SQL Script"), path(), {{tr("SQL script"), u"sql"_s}});
    if (target)
        m_path->setText(target->path);
}

void ExportDialog::updateState()
{
    const bool running = isRunning();
    const bool inserts = m_format->currentIndex() == 1;
    m_schemas->setEnabled(!running && m_tables->text().trimmed().isEmpty());
    m_format->setEnabled(!running && m_data->isChecked());
    m_onConflict->setEnabled(!running && m_data->isChecked() && inserts);
    m_rowsPerInsert->setEnabled(!running && m_data->isChecked() && inserts);
    m_exportButton->setEnabled(!running && (m_definitions->isChecked() || m_data->isChecked()));
    for (QWidget *widget : std::initializer_list<QWidget *>{m_tables, m_definitions, m_data,
                                                            m_owners, m_grants, m_path})
        widget->setEnabled(!running);
    m_verify->setEnabled(!running && !m_verificationForbidden);
}

bool ExportDialog::startExport()
{
    if (isRunning())
        return false;
    if (!m_pool) {
        m_status->setText(tr("Not connected: connect first, then export."));
        return false;
    }
    if (path().isEmpty()) {
        m_status->setText(tr("Choose the file to write."));
        return false;
    }
    const ExportOptions chosen = options();
    if (chosen.schemas.isEmpty() && chosen.tables.isEmpty() && m_schemas->count() > 0) {
        m_status->setText(tr("Tick a schema, or name tables, to export."));
        return false;
    }
    m_status->setText(tr("Waiting for a connection…"));
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    auto *acquiring = new QObject(this);
    m_acquiring = acquiring;
    updateState();
    m_pool->acquire(
        acquiring, u"Export"_s, [this, acquiring, chosen](Result<ConnectionPool::Lease> lease) {
            m_acquiring = nullptr;
            acquiring->deleteLater();
            if (!lease)
                return finish(false, lease.error().toString());
            m_export = std::make_unique<ScriptExport>(lease.value(), chosen);
            connect(m_export.get(), &ScriptExport::progress, this, &ExportDialog::showProgress);
            connect(m_export.get(), &ScriptExport::finished, this, &ExportDialog::exported);
            m_export->start(path());
            m_status->setText(tr("Reading the catalog…"));
            updateState();
        });
    return true;
}

void ExportDialog::showProgress(const ExportProgress &progress)
{
    const QLocale locale;
    if (progress.estimatedRows > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(
            qMin<qint64>(1000, progress.rows * 1000 / qMax<qint64>(1, progress.estimatedRows))));
    }
    m_status->setText(tr("Table %1 of %2 %3: %4 rows, %5 written")
                          .arg(progress.tablesDone + (progress.table.isEmpty() ? 0 : 1))
                          .arg(progress.tableCount)
                          .arg(progress.table, locale.toString(progress.rows),
                               locale.formattedDataSize(progress.bytes)));
}

void ExportDialog::exported(const Result<ExportSummary> &summary)
{
    if (!summary)
        return finish(false, summary.error().toString());
    const QLocale locale;
    const QString written =
        tr("Wrote %1: %2 objects, %3 tables, %4 rows, %5.")
            .arg(summary->path)
            .arg(summary->objects)
            .arg(summary->tables)
            .arg(locale.toString(summary->rows), locale.formattedDataSize(summary->bytes));
    if (!verifies() || !m_pool)
        return finish(true, written);
    m_status->setText(written);
    m_progress->setRange(0, 0);
    m_verifier = std::make_unique<ExportVerifier>(m_pool->parameters(), summary->path, options());
    connect(m_verifier.get(), &ExportVerifier::stage, this,
            [this, written](const QString &stage) { m_status->setText(written + u'\n' + stage); });
    connect(m_verifier.get(), &ExportVerifier::finished, this, &ExportDialog::verified);
    m_verifier->start();
    updateState();
}

void ExportDialog::verified(const Result<VerifyReport> &report)
{
    const QString written = m_status->text().section(u'\n', 0, 0);
    m_verifier.release()->deleteLater(); // it is still emitting
    if (!report)
        return finish(false, written + u'\n' + tr("Not verified: ") + report.error().toString());
    if (!report->identical()) {
        return finish(false, written + u'\n' + tr("The restored copy differs from the source:\n") +
                                 report->differences.mid(0, 10).join(u'\n'));
    }
    finish(true, written + u'\n' +
                     tr("Verified: %1 definitions, %2 tables' rows and %3 sequences restore "
                        "exactly.")
                         .arg(report->definitions)
                         .arg(report->tables)
                         .arg(report->sequences));
}

void ExportDialog::finish(bool ok, const QString &message)
{
    m_progress->setVisible(false);
    m_status->setText(message);
    updateState();
    emit exportFinished(ok);
}

void ExportDialog::cancel()
{
    if (m_acquiring) {
        delete m_acquiring; // its death cancels the acquire
        m_acquiring = nullptr;
        return finish(false, tr("Cancelled."));
    }
    if (m_export && m_export->isRunning())
        m_export->cancel();
    else if (m_verifier)
        m_verifier->cancel();
}

} // namespace mizzle
