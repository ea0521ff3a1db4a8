#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;

namespace mizzle {

class QueryResult;
struct TableDetails;

// Beside a wide table's grid: the current row read downwards, one line per column with its
// name, type and whole value (NULL set apart), for tables too wide to read across.
class RecordView : public QWidget
{
    Q_OBJECT
public:
    explicit RecordView(QWidget *parent = nullptr);

    void showRow(const TableDetails &table, const QueryResult &rows, qsizetype row,
                 const QString &rowLabel);
    void clear();
    QTableWidget *table() const { return m_fields; }

private:
    QLabel *m_caption;
    QTableWidget *m_fields;
};

} // namespace mizzle
