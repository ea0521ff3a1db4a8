#include "export/export_launcher.h"

#include "base/error.h"
#include "connection/connection_pool.h"
#include "export/create_script.h"
#include "export/export_dialog.h"
#include "values/sql_literal.h"

#include <QAction>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace mizzle {

ExportLauncher::ExportLauncher(QWidget *window, SchemaList schemas, ScriptOpener openScript,
                               QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_schemas(std::move(schemas))
    , m_openScript(std::move(openScript))
    , m_exportAction(new QAction(tr("&Export SQL Script…"), this))
{
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportAction->setToolTip(
        tr("Schemas and tables as a script psql restores exactly (Ctrl+Shift+E)"));
    m_exportAction->setEnabled(false);
    connect(m_exportAction, &QAction::triggered, this, [this] { openExport(); });
}

ExportLauncher::~ExportLauncher()
{
    delete m_dialog;
}

ExportDialog *ExportLauncher::dialog() const
{
    return m_dialog;
}

void ExportLauncher::setPool(ConnectionPool *pool, bool readOnly)
{
    if (pool != m_pool)
        delete m_dialog;
    m_pool = pool;
    m_readOnly = readOnly;
    m_exportAction->setEnabled(pool != nullptr);
}

void ExportLauncher::openExport(const QString &schema, const QString &relation)
{
    if (!m_pool)
        return;
    const QStringList schemas = m_schemas();
    QStringList chosen = schemas;
    QStringList tables;
    if (!relation.isEmpty())
        tables = {sqlIdentifier(schema) + u'.' + sqlIdentifier(relation)};
    else if (!schema.isEmpty())
        chosen = {schema};
    if (m_dialog && m_dialog->isRunning()) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    delete m_dialog;
    m_dialog = new ExportDialog(m_pool, schemas, chosen, tables, m_window);
    if (m_readOnly)
        m_dialog->forbidVerification(tr("A read-only connection never verifies: verifying "
                                        "creates a scratch database on its server."));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->show();
}

void ExportLauncher::showCreateScript(const QString &schema, const QString &relation)
{
    if (!m_pool)
        return;
    CreateScript::read(*m_pool, this, schema, relation, [this](Result<QString> script) {
        if (!script)
            return emit problem(script.error());
        m_openScript(script.value());
    });
}

} // namespace mizzle
