#pragma once

#include "explain/plan_capture.h"

#include <QJsonObject>
#include <QWidget>
#include <vector>

class QFrame;
class QLabel;
class QModelIndex;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace mizzle {

class BusyIndicator;
class ConnectionPool;
class ErrorBanner;
class PlanDetailsPanel;
class PlanFlameGraph;
class PlanGraphView;
class PlanHintsPanel;
class PlanSqlView;
class PlanTreeModel;

// The plan of one statement, captured with PlanCapture on the pool: a toolbar with progress,
// Cancel and Run again; the bands around the plan tree (planning, execution, triggers, JIT,
// serialization); the plan as a tree table beside the selected node's details; hints with the
// time at stake (an index hint can be tried with HypoPG); and the raw JSON. Below them, the
// statement, where the selected node's relation and conditions are marked and a click on one
// selects its node.
// A failure shows the server's error instead. After Explain Analyze of a statement that changes
// data, a banner says the statement ran inside a transaction that was rolled back, and offers to
// run it again keeping its effects, after asking.
class PlanTab : public QWidget
{
    Q_OBJECT
public:
    PlanTab(ConnectionPool *pool, const QString &statement, bool analyze,
            QWidget *parent = nullptr);
    ~PlanTab() override;

    // Captures the plan; under ANALYZE the statement's effects are rolled back.
    void run();
    // Shows a plan from elsewhere (a file, the clipboard) in any form parsePlan() reads, instead
    // of capturing one; source names it in the status line and in errors.
    void showPlanText(const QByteArray &text, const QString &source);
    // Explain Analyze again and commit what the statement does. The caller has asked the user.
    void runKeepingEffects();
    void cancel();
    bool isRunning() const;

    QString statement() const { return m_statement; }
    bool isAnalyze() const { return m_analyze; }
    PlanTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    PlanDetailsPanel *details() const { return m_details; }
    // The Raw page, which is filled when it is first shown.
    QPlainTextEdit *rawView() const { return m_raw; }
    // What the Raw page shows: the JSON or text the plan came from.
    QString rawText() const { return m_rawText; }
    PlanHintsPanel *hints() const { return m_hints; }
    PlanGraphView *graph() const { return m_graph; }
    PlanFlameGraph *flame() const { return m_flame; }
    PlanSqlView *sqlView() const { return m_sql; }
    ErrorBanner *errorBanner() const { return m_error; }
    // The rollback notice, empty while it is hidden.
    QString effectsNotice() const;

signals:
    void captureFinished(bool ok);

private:
    void start(explain::PlanCaptureOptions options);
    void onFinished(const Result<explain::CapturedPlan> &result);
    void showPlan(const explain::CapturedPlan &captured);
    void showBands(const explain::Plan &plan);
    void fillRawPage();
    void showEffects(const explain::CapturedPlan &captured);
    void showDetails(const QModelIndex &index);
    void confirmKeepingEffects();
    void setRunning(bool running);
    QWidget *buildEffectsBanner();
    QWidget *buildBands();

    QString m_statement;
    bool m_analyze;
    explain::PlanCapture *m_capture;
    bool m_readOnly; // a read-only profile: never offer to keep effects
    PlanTreeModel *m_model;
    std::vector<QJsonObject> m_printed; // each node as PostgreSQL printed it, by id
    QLabel *m_status;
    BusyIndicator *m_progress;
    QPushButton *m_cancel;
    QPushButton *m_rerun;
    ErrorBanner *m_error;
    QFrame *m_effects = nullptr;
    QLabel *m_effectsLabel = nullptr;
    QPushButton *m_keepEffects = nullptr;
    QList<QLabel *> m_bands;
    QTabWidget *m_pages;
    QTreeView *m_view;
    PlanDetailsPanel *m_details;
    QPlainTextEdit *m_raw;
    QString m_rawText;
    PlanHintsPanel *m_hints;
    PlanGraphView *m_graph;
    PlanFlameGraph *m_flame;
    PlanSqlView *m_sql;
};

} // namespace mizzle
