#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>

class QAction;
class QWidget;

namespace mizzle {

class ConnectionPool;
class ExportDialog;
struct Error;

// Opens the export dialog (File → Export SQL Script…, Ctrl+Shift+E, or Export… on a schema or
// table in the schema tree) and Show CREATE Script's SQL tab, on the current connection's pool.
// One export dialog at a time: asking again brings it forward with the new choice.
class ExportLauncher : public QObject
{
    Q_OBJECT
public:
    using SchemaList = std::function<QStringList()>;
    using ScriptOpener = std::function<void(const QString &sql)>;

    ExportLauncher(QWidget *window, SchemaList schemas, ScriptOpener openScript,
                   QObject *parent = nullptr);
    ~ExportLauncher() override;

    QAction *exportAction() const { return m_exportAction; }
    // The connection's pool, or nullptr when there is none. A dialog on the pool that goes is
    // closed first, its export cancelled: its lease must not outlive the pool. A read-only
    // connection's dialog offers no verification, which would create a database.
    void setPool(ConnectionPool *pool, bool readOnly = false);
    ExportDialog *dialog() const;

    // relation empty: the whole schema; schema empty too: the schemas of the database.
    void openExport(const QString &schema = {}, const QString &relation = {});
    void showCreateScript(const QString &schema, const QString &relation);

signals:
    void problem(const mizzle::Error &error);

private:
    QWidget *m_window;
    SchemaList m_schemas;
    ScriptOpener m_openScript;
    QAction *m_exportAction;
    QPointer<ConnectionPool> m_pool;
    bool m_readOnly = false;
    QPointer<ExportDialog> m_dialog;
};

} // namespace mizzle
