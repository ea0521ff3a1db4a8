#pragma once

#include <QList>
#include <QObject>

class QAction;
class QTabWidget;
class QWidget;

namespace mizzle {

class ConnectionPool;
class PlanTab;

// Opens Explain (F7) and Explain Analyze (Shift+F7) of a statement in a plan tab titled
// "Plan: …" next to the tab it came from, capturing on that tab's pool. Each request opens a tab
// of its own, so plans of the same statement can be compared side by side.
class ExplainLauncher : public QObject
{
    Q_OBJECT
public:
    explicit ExplainLauncher(QTabWidget *tabs, QObject *parent = nullptr);

    // Opens the plan tab after `origin` and the plan tabs that already follow it, makes it
    // current and starts the capture. Nothing happens for an empty statement.
    PlanTab *open(ConnectionPool *pool, QWidget *origin, const QString &statement, bool analyze);

    // A plan from elsewhere, read as `mizzle plan` reads it, in a tab of its own, without a
    // connection. source names it ("slow.json", "the clipboard").
    PlanTab *openPlanText(const QByteArray &text, const QString &source);
    // The current plan tab against another one, node by node, in a tab of its own; nullptr
    // when either has no plan.
    QWidget *openComparison(PlanTab *before, PlanTab *after);
    // Open Plan… (a file), Paste Plan (the clipboard) and Compare Plans…, for the Plan menu.
    QList<QAction *> actions() const { return m_actions; }

    static QString title(const QString &statement);

private:
    void chooseFile();
    void chooseComparison();

    QTabWidget *m_tabs;
    QList<QAction *> m_actions;
};

} // namespace mizzle
