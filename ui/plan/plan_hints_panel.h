#pragma once

#include "explain/plan_hints.h"
#include "explain/what_if_index.h"

#include <QWidget>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace mizzle {

class ConnectionPool;

// The Hints page of a plan tab: what to try, the most time at stake first. Selecting a hint
// shows why and the SQL to copy, and selects its node in the plan. An index hint can be tried
// first without building anything (HypoPG): the plan before and after, their costs, and the
// nodes that changed.
class PlanHintsPanel : public QWidget
{
    Q_OBJECT
public:
    // Without a pool (a plan opened from a file, offline) no index can be tried.
    explicit PlanHintsPanel(ConnectionPool *pool, QWidget *parent = nullptr);

    void setPlan(const explain::Plan &plan, const explain::PlanMetrics &metrics,
                 const QString &statement);
    void clear();

    const std::vector<explain::PlanHint> &hints() const { return m_hints; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *tryIndexButton() const { return m_tryIndex; }
    // Why, the SQL, and after a trial its outcome.
    QString detailText() const;
    QTreeWidget *diffView() const { return m_diff; }

signals:
    void nodeSelected(int nodeId);
    void trialFinished(bool ok);

private:
    void showHint();
    void copySql();
    void tryIndex();
    void showTrial(const Result<explain::WhatIfOutcome> &outcome);
    const explain::PlanHint *currentHint() const;

    explain::WhatIfIndex *m_trial;
    bool m_canTry;
    std::vector<explain::PlanHint> m_hints;
    QString m_statement;
    QTreeWidget *m_list;
    QPlainTextEdit *m_detail;
    QPushButton *m_copy;
    QPushButton *m_tryIndex;
    QLabel *m_trialStatus;
    QTreeWidget *m_diff;
};

} // namespace mizzle
