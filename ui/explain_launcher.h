#pragma once

#include <QObject>

class QTabWidget;
class QWidget;

namespace mizzle {

class ConnectionPool;
class PlanTab;
class QueryTab;

// Turns a SQL tab's Explain (F7) and Explain Analyze (Shift+F7) into a plan tab titled "Plan: …"
// next to it, capturing on the SQL tab's pool. Each request opens a tab of its own, so plans of
// the same statement can be compared side by side.
class ExplainLauncher : public QObject
{
    Q_OBJECT
public:
    explicit ExplainLauncher(QTabWidget *tabs, QObject *parent = nullptr);

    void attach(QueryTab *tab, ConnectionPool *pool);
    // Opens the plan tab after `origin` and the plan tabs that already follow it, makes it
    // current and starts the capture. Nothing happens for an empty statement.
    PlanTab *open(ConnectionPool *pool, QWidget *origin, const QString &statement, bool analyze);

    static QString title(const QString &statement);

private:
    QTabWidget *m_tabs;
};

} // namespace mizzle
