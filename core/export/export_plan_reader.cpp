#include "export/export_plan_reader.h"

#include "connection/pg_connection.h"
#include "connection/read_only_transaction.h"
#include "export/catalog_queries.h"
#include "export/dependency_order.h"
#include "export/post_data_queries.h"
#include "values/sql_literal.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

// The catalog queries in the order the pipeline sends them; those before Data are the
// definitions, ranked in that order when nothing else decides between two objects.
enum Query {
    Schemas,
    Types,
    Functions,
    Sequences,
    Tables,
    Views,
    SequenceOwners,
    Constraints,
    Indexes,
    Triggers,
    Grants,
    Dependencies,
    DataTables,
    SequenceValues,
    Refreshes,
    QueryCount
};

struct QueryText
{
    QString (*sql)();
    int parameters; // how many of $1 (namespaces), $2 (relations), $3 (owners) it takes
};

const QueryText queries[QueryCount] = {
    {catalog_queries::schemas, 3},        {catalog_queries::types, 3},
    {catalog_queries::functions, 3},      {catalog_queries::sequences, 3},
    {catalog_queries::tables, 3},         {catalog_queries::views, 3},
    {catalog_queries::sequenceOwners, 2}, {post_data_queries::constraints, 2},
    {post_data_queries::indexes, 2},      {post_data_queries::triggers, 2},
    {post_data_queries::grants, 3},       {post_data_queries::dependencies, 0},
    {post_data_queries::dataTables, 2},   {post_data_queries::sequenceValues, 2},
    {post_data_queries::refreshes, 2},
};

QList<ExportStatement> statementsOf(const QueryResult &result)
{
    QList<ExportStatement> statements;
    statements.reserve(result.rowCount());
    for (qsizetype row = 0; row < result.rowCount(); ++row) {
        statements.append({result.text(row, 0), result.text(row, 1), result.text(row, 2),
                           result.text(row, 3), result.text(row, 4)});
    }
    return statements;
}

QList<std::pair<QString, QString>> edgesOf(const QueryResult &result)
{
    QList<std::pair<QString, QString>> edges;
    edges.reserve(result.rowCount());
    for (qsizetype row = 0; row < result.rowCount(); ++row)
        edges.append({result.text(row, 0), result.text(row, 1)});
    return edges;
}

QStringList stringsOf(const QString &jsonArray)
{
    QStringList strings;
    for (const QJsonValue &value : QJsonDocument::fromJson(jsonArray.toUtf8()).array())
        strings.append(value.toString());
    return strings;
}

// The definitions in dependency order: each object's statements stay together, in their order.
QList<ExportStatement> orderDefinitions(const QList<QueryResult> &results)
{
    QList<OrderItem> items;
    QList<QList<ExportStatement>> objects;
    QHash<QString, qsizetype> objectOf;
    for (int query = Schemas; query <= Views; ++query) {
        for (ExportStatement &statement : statementsOf(results.at(query))) {
            auto found = objectOf.constFind(statement.key);
            if (found == objectOf.cend()) {
                found = objectOf.insert(statement.key, items.size());
                items.append({statement.key, query});
                objects.append(QList<ExportStatement>());
            }
            objects[*found].append(std::move(statement));
        }
    }
    QList<ExportStatement> ordered;
    for (const qsizetype index : dependencyOrder(items, edgesOf(results.at(Dependencies))))
        ordered += objects.at(index);
    ordered += statementsOf(results.at(SequenceOwners));
    return ordered;
}

// Referenced tables first, so that a data-only script satisfies the foreign keys in place.
QList<ExportTable> orderTables(const QueryResult &result, bool &cycle)
{
    QList<ExportTable> tables;
    QList<OrderItem> items;
    QList<std::pair<QString, QString>> edges;
    for (qsizetype row = 0; row < result.rowCount(); ++row) {
        ExportTable table{result.text(row, 0),
                          result.text(row, 1),
                          result.text(row, 2),
                          result.text(row, 3),
                          result.text(row, 4),
                          stringsOf(result.text(row, 5)),
                          result.text(row, 6) == u"t",
                          stringsOf(result.text(row, 7)),
                          result.text(row, 8).toLongLong()};
        for (const QString &referenced : std::as_const(table.referencedKeys))
            edges.append({table.key, referenced});
        items.append({table.key, 0});
        tables.append(std::move(table));
    }
    QList<ExportTable> ordered;
    QHash<QString, qsizetype> position;
    for (const qsizetype index : dependencyOrder(items, edges)) {
        position.insert(tables.at(index).key, ordered.size());
        ordered.append(tables.at(index));
    }
    cycle = false;
    for (const auto &[dependent, dependency] : std::as_const(edges)) {
        if (position.contains(dependency) && position.value(dependency) > position.value(dependent))
            cycle = true;
    }
    return ordered;
}

ExportPlan planOf(const QList<QueryResult> &results, const ExportOptions &options)
{
    ExportPlan plan;
    if (options.definitions) {
        plan.preData = orderDefinitions(results);
        // Keys, indexes and triggers, then the foreign keys, which may reference any of them.
        QList<ExportStatement> foreignKeys;
        for (ExportStatement &statement : statementsOf(results.at(Constraints))) {
            if (statement.kind == u"FK CONSTRAINT")
                foreignKeys.append(std::move(statement));
            else
                plan.postData.append(std::move(statement));
        }
        plan.postData += statementsOf(results.at(Indexes));
        plan.postData += statementsOf(results.at(Triggers));
        plan.postData += foreignKeys;
    }
    if (options.data) {
        plan.tables = orderTables(results.at(DataTables), plan.dataOrderCycle);
        plan.sequenceValues = statementsOf(results.at(SequenceValues));
        plan.postData += statementsOf(results.at(Refreshes));
    }
    if (options.definitions)
        plan.postData += statementsOf(results.at(Grants));
    return plan;
}

} // namespace

QString exportSnapshotBegin()
{
    return readOnlyTransactionBegin(u"repeatable read"_s) + uR"(;
SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('DateStyle', 'ISO', true),
       pg_catalog.set_config('IntervalStyle', 'postgres', true),
       pg_catalog.set_config('extra_float_digits', '3', true),
       pg_catalog.set_config('bytea_output', 'hex', true),
       pg_catalog.set_config('statement_timeout', '0', true))"_s;
}

void ExportPlanReader::read(PgConnection &connection, QObject *context,
                            const ExportOptions &options, Callback done)
{
    const PgConnection::Parameters names{arrayLiteral(options.schemas),
                                         arrayLiteral(options.tables)};
    QPointer<PgConnection> guarded(&connection);
    connection.exec(
        context, catalog_queries::selection(), names,
        [guarded, context, options, done = std::move(done)](Result<QueryResult> selection) {
            if (!selection)
                return done(selection.error());
            const QueryResult &found = selection.value();
            if (!found.isNull(0, 2) || !found.isNull(0, 3)) {
                QStringList missing;
                if (!found.isNull(0, 2))
                    missing.append(u"schema %1"_s.arg(found.text(0, 2)));
                if (!found.isNull(0, 3))
                    missing.append(u"table %1"_s.arg(found.text(0, 3)));
                return done(Error{u"the database has no %1"_s.arg(missing.join(u", and no "_s)),
                                  QString(),
                                  u"Check the spelling: a name with capitals or spaces is "
                                  "written in double quotes, as in SQL (\"My Schema\".\"T\")."_s});
            }
            if (!guarded)
                return;
            const PgConnection::Parameters all{found.text(0, 0), found.text(0, 1),
                                               options.owners ? u"true"_s : u"false"_s};
            QList<PgConnection::PipelineStatement> statements;
            for (const QueryText &query : queries)
                statements.append({query.sql(), all.first(query.parameters)});
            guarded->execPipeline(
                context, statements, [options, done](Result<QList<QueryResult>> results) {
                    if (!results) {
                        // Which query failed says where to look.
                        Error error = results.error();
                        error.where += u" (export catalog query %1)"_s.arg(error.statement + 1);
                        return done(error);
                    }
                    done(planOf(results.value(), options));
                });
        });
}

} // namespace mizzle
