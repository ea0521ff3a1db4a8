#pragma once

#include "base/error.h"
#include "catalog/catalog_types.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace mizzle {

class ConnectionSession;
class TableReader;

// A table tab's counts beyond the planner's estimate: count(*) of its filtered rows, and how
// many rows of each referencing table refer to one row. Each runs on a pooled connection of its
// own; cancel(), or a new count, stops the one running on the server.
class TableCounter : public QObject
{
    Q_OBJECT
public:
    using RowValues = std::function<QList<std::optional<QString>>(const QStringList &columns)>;

    explicit TableCounter(ConnectionSession *session, QObject *parent = nullptr);

    void countRows(TableReader *reader);
    void cancel();
    bool isCounting() const { return m_context != nullptr; }
    // The rows of every table in table.referencedBy that refer to the row rowValues reads.
    void countReferences(const TableDetails &table, const RowValues &rowValues);

signals:
    void countingChanged(bool counting);
    void counted(qint64 rows);
    void failed(const mizzle::Error &error);
    // One line per referencing table, as they come: "public.posts (author_id): 12 rows".
    void referencesCounted(const QStringList &lines);

private:
    ConnectionSession *m_session;
    std::unique_ptr<QObject> m_context; // destroying it cancels the count on the server
    std::unique_ptr<QObject> m_referencesContext;
    QStringList m_references;
};

} // namespace mizzle
