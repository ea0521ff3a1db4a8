#pragma once

#include "catalog/type_catalog.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace mizzle {

class QueryResult;

// Beside the result grids: the whole value of the current cell, which a grid cell shortens to
// one line. JSON and JSONB are indented, with every number kept exactly as the server wrote it;
// bytea is the server's hex text with its size in bytes; SQL NULL reads "NULL", set apart from
// the text 'NULL' by its style and caption.
class ValueViewer : public QWidget
{
    Q_OBJECT
public:
    explicit ValueViewer(QWidget *parent = nullptr);

    // Names the value's type through the catalog in the caption; without one, by the built-in
    // names.
    void setTypeCatalog(const TypeCatalog *types) { m_types = types; }

    // Copies the value; the result may go afterwards.
    void showValue(const QueryResult &result, qsizetype row, int column);
    void clear();

    QString text() const;
    QString caption() const;
    bool showsNull() const { return m_null; }

private:
    void setNullStyle(bool null);

    QLabel *m_caption;
    QPlainTextEdit *m_text;
    QPointer<const TypeCatalog> m_types;
    bool m_null = false;
};

} // namespace mizzle
