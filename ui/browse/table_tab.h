#pragma once

#include "catalog/catalog_types.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace mizzle {

class BusyIndicator;
class ConnectionPool;
class ErrorBanner;
class TableGridModel;
class TableReader;

// One opened table: its grid, how its rows are ordered, a live row count with a busy
// indicator while a page loads, and a banner for errors.
class TableTab : public QWidget
{
    Q_OBJECT
public:
    TableTab(ConnectionPool *pool, const TableDetails &table, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    TableGridModel *model() const { return m_model; }
    ErrorBanner *banner() const { return m_banner; }
    QString qualifiedName() const;

signals:
    // The first page is on screen (or the table turned out empty).
    void firstPageShown();
    void loadFailed();

private:
    TableReader *m_reader;
    TableGridModel *m_model;
    ErrorBanner *m_banner;
    QTableView *m_view;
    QLabel *m_status;
    BusyIndicator *m_busy;
    bool m_firstPageShown = false;
};

} // namespace mizzle
