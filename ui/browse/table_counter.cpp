#include "browse/table_counter.h"

#include "browse/foreign_key_filter.h"
#include "browse/table_reader.h"
#include "catalog/catalog.h"
#include "session/connection_session.h"

#include <QLocale>

namespace mizzle {

using namespace Qt::StringLiterals;

TableCounter::TableCounter(ConnectionSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{}

void TableCounter::countRows(TableReader *reader)
{
    cancel();
    m_context = std::make_unique<QObject>();
    emit countingChanged(true);
    reader->countRows(m_context.get(), [this](Result<qint64> rows) {
        m_context.reset();
        emit countingChanged(false);
        if (rows)
            emit counted(rows.value());
        else
            emit failed(rows.error());
    });
}

void TableCounter::cancel()
{
    if (!m_context)
        return;
    m_context.reset();
    emit countingChanged(false);
}

void TableCounter::countReferences(const TableDetails &table, const RowValues &rowValues)
{
    m_references.clear();
    m_referencesContext = std::make_unique<QObject>(); // an earlier round stops here
    QObject *context = m_referencesContext.get();
    for (const ForeignKey &key : table.referencedBy) {
        const auto filter = referencingRowsFilter(key, rowValues(key.referencedColumns));
        if (!filter)
            continue;
        m_session->catalog()->loadTable(
            key.schema, key.table, context,
            [this, context, key, filter](Result<TableDetails> details) {
                if (!details) {
                    emit failed(details.error());
                    return;
                }
                TableReader referencing(m_session->pool(), details.value());
                referencing.setFilter(*filter);
                referencing.countRows(context, [this, key](Result<qint64> rows) {
                    m_references.append(rows ? tr("%1.%2 (%3): %4 rows")
                                                   .arg(key.schema, key.table,
                                                        key.columns.join(u", "),
                                                        QLocale().toString(rows.value()))
                                             : rows.error().message);
                    emit referencesCounted(m_references);
                });
            });
    }
}

} // namespace mizzle
