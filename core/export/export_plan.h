#pragma once

#include "export/export_statement.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mizzle {

// One table whose rows an export writes.
struct ExportTable
{
    QString key;
    QString schema;
    QString name;
    QString qualifiedName; // as the server quotes it, schema included
    QString columns;       // quoted, comma-separated; generated columns left out
    QStringList columnTypes;
    bool identityAlways = false; // INSERTs then need OVERRIDING SYSTEM VALUE
    QStringList referencedKeys;  // the tables its foreign keys reference
    qint64 estimatedRows = 0;
};

// Everything an export writes, read from one snapshot, in the order it is written: definitions
// in dependency order, table data with referenced tables first, sequence values, then what
// comes after the data (keys, indexes, triggers, foreign keys last, refreshes, grants).
struct ExportPlan
{
    QList<ExportStatement> preData;
    QList<ExportTable> tables;
    QList<ExportStatement> sequenceValues;
    QList<ExportStatement> postData;
    // Set when the tables' foreign keys form a cycle, so that no order of the data satisfies
    // them all: a data-only script restores only with the constraints deferred or dropped.
    bool dataOrderCycle = false;
};

} // namespace mizzle
