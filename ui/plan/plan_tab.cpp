#include "plan/plan_tab.h"

#include "common/busy_indicator.h"
#include "common/error_banner.h"
#include "connection/connection_pool.h"
#include "explain/plan_metrics.h"
#include "explain/plan_parser.h"
#include "plan/graph/plan_graph_view.h"
#include "plan/plan_details_panel.h"
#include "plan/plan_flame_graph.h"
#include "plan/plan_hints_panel.h"
#include "plan/plan_sql_view.h"
#include "plan/plan_tree_model.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

enum Band { Planning, Execution, Triggers, Jit, Serialization, BandCount };

QString ms(double value)
{
    return QObject::tr("%1 ms").arg(QLocale().toString(value, 'f', 3));
}

} // namespace

PlanTab::PlanTab(ConnectionPool *pool, const QString &statement, bool analyze, QWidget *parent)
    : QWidget(parent)
    , m_statement(statement)
    , m_analyze(analyze)
    , m_capture(new explain::PlanCapture(pool, this))
    , m_readOnly(pool && pool->settings().readOnly)
    , m_model(new PlanTreeModel(this))
    , m_status(new QLabel(this))
    , m_progress(new BusyIndicator(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_rerun(new QPushButton(tr("Run again"), this))
    , m_error(new ErrorBanner(this))
    , m_pages(new QTabWidget(this))
    , m_view(new QTreeView(this))
    , m_details(new PlanDetailsPanel(this))
    , m_raw(new QPlainTextEdit(this))
    , m_hints(new PlanHintsPanel(pool, this))
    , m_graph(new PlanGraphView(this))
    , m_flame(new PlanFlameGraph(this))
    , m_sql(new PlanSqlView(this))
{
    m_cancel->setObjectName(u"cancelPlan"_s);
    m_rerun->setObjectName(u"rerunPlan"_s);
    m_rerun->setToolTip(analyze ? tr("Explain Analyze the statement again") : tr("Explain again"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancel);
    bar->addWidget(m_rerun);

    m_view->setModel(m_model);
    m_view->setObjectName(u"planTree"_s);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_details->setObjectName(u"planDetails"_s);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_raw->setObjectName(u"planRaw"_s);
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setUndoRedoEnabled(false);
    m_pages->setDocumentMode(true);
    m_pages->addTab(splitter, tr("Table"));
    m_pages->addTab(m_graph, tr("Graph"));
    auto *flameScroll = new QScrollArea(this); // a deep plan is taller than the page
    flameScroll->setWidget(m_flame);
    flameScroll->setWidgetResizable(true);
    m_pages->addTab(flameScroll, tr("Flame"));
    m_pages->addTab(m_hints, tr("Hints"));
    m_pages->addTab(m_raw, tr("Raw"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(buildEffectsBanner());
    layout->addWidget(buildBands());
    m_sql->setObjectName(u"planSql"_s);
    m_sql->hide();
    auto *planAndSql = new QSplitter(Qt::Vertical, this);
    planAndSql->addWidget(m_pages);
    planAndSql->addWidget(m_sql);
    planAndSql->setStretchFactor(0, 4);
    planAndSql->setStretchFactor(1, 1);
    layout->addWidget(planAndSql, 1);

    connect(m_capture, &explain::PlanCapture::finished, this, &PlanTab::onFinished);
    connect(m_pages, &QTabWidget::currentChanged, this, &PlanTab::fillRawPage);
    connect(m_cancel, &QPushButton::clicked, this, &PlanTab::cancel);
    connect(m_hints, &PlanHintsPanel::nodeSelected, this,
            [this](int id) { m_view->setCurrentIndex(m_model->indexOfNode(id)); });
    connect(m_rerun, &QPushButton::clicked, this, &PlanTab::run);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &PlanTab::showDetails);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                m_graph->setSelectedNode(m_model->nodeId(index));
                m_flame->setSelectedNode(m_model->nodeId(index));
                m_sql->setSelectedNode(m_model->nodeId(index));
            });
    const auto selectRow = [this](int id) { m_view->setCurrentIndex(m_model->indexOfNode(id)); };
    connect(m_graph, &PlanGraphView::nodeSelected, this, selectRow);
    connect(m_flame, &PlanFlameGraph::nodeSelected, this, selectRow);
    connect(m_sql, &PlanSqlView::nodeSelected, this, selectRow);
    setRunning(false);
}

PlanTab::~PlanTab() = default;

QWidget *PlanTab::buildEffectsBanner()
{
    m_effects = new QFrame(this);
    m_effects->setObjectName(u"effectsBanner"_s);
    m_effects->setFrameShape(QFrame::StyledPanel);
    m_effects->setAutoFillBackground(true);
    QPalette tinted = m_effects->palette();
    tinted.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xcd));
    tinted.setColor(QPalette::WindowText, QColor(0x66, 0x4d, 0x03));
    m_effects->setPalette(tinted);
    m_effectsLabel = new QLabel(m_effects);
    m_effectsLabel->setWordWrap(true);
    m_keepEffects = new QPushButton(tr("Run again and keep its effects…"), m_effects);
    m_keepEffects->setObjectName(u"keepEffects"_s);
    auto *layout = new QHBoxLayout(m_effects);
    layout->addWidget(m_effectsLabel, 1);
    layout->addWidget(m_keepEffects);
    connect(m_keepEffects, &QPushButton::clicked, this, &PlanTab::confirmKeepingEffects);
    m_effects->hide();
    return m_effects;
}

QWidget *PlanTab::buildBands()
{
    auto *bands = new QWidget(this);
    auto *layout = new QHBoxLayout(bands);
    layout->setContentsMargins(4, 0, 4, 0);
    const QStringList names{u"planningBand"_s, u"executionBand"_s, u"triggersBand"_s, u"jitBand"_s,
                            u"serializationBand"_s};
    for (const QString &name : names) {
        auto *label = new QLabel(bands);
        label->setObjectName(name);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->hide();
        layout->addWidget(label);
        m_bands.append(label);
    }
    layout->addStretch(1);
    return bands;
}

bool PlanTab::isRunning() const
{
    return m_capture->isRunning();
}

QString PlanTab::effectsNotice() const
{
    return m_effects->isHidden() ? QString() : m_effectsLabel->text();
}

void PlanTab::run()
{
    start({.analyze = m_analyze, .keepEffects = false});
}

void PlanTab::showPlanText(const QByteArray &text, const QString &source)
{
    m_rerun->hide(); // nothing to run again: the plan did not come from a statement
    Result<explain::Plan> plan = explain::parsePlan(text);
    if (!plan) {
        Error error = plan.error();
        error.where = error.where.isEmpty() ? source : source + u", "_s + error.where;
        onFinished(error);
        m_status->setText(tr("Could not read the plan from %1").arg(source));
        return;
    }
    explain::CapturedPlan opened;
    opened.plan = std::move(plan).value();
    opened.statement = opened.plan.queryText; // auto_explain's Query Text, else nothing
    opened.options.analyze = opened.plan.root.actualLoops.has_value();
    opened.json = QString::fromUtf8(text); // the Raw page shows what was opened
    onFinished(opened);
    m_status->setText(tr("%1 nodes · from %2").arg(m_model->nodeCount()).arg(source));
}

void PlanTab::runKeepingEffects()
{
    start({.analyze = true, .keepEffects = true});
}

void PlanTab::confirmKeepingEffects()
{
    const auto answer = QMessageBox::warning(
        this, tr("Keep the statement's effects?"),
        tr("Explain Analyze will run the statement again and commit whatever it changes. "
           "This cannot be undone.\n\n%1")
            .arg(m_statement.left(500)),
        QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Ok)
        runKeepingEffects();
}

void PlanTab::start(explain::PlanCaptureOptions options)
{
    if (isRunning())
        return;
    m_error->hide();
    m_effects->hide();
    m_status->setText(options.analyze ? tr("Running Explain Analyze…") : tr("Explaining…"));
    setRunning(true);
    m_capture->start(m_statement, options);
}

void PlanTab::cancel()
{
    if (!isRunning())
        return;
    m_status->setText(tr("Cancelling…"));
    m_capture->cancel();
}

void PlanTab::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_rerun->setEnabled(!running);
    m_keepEffects->setEnabled(!running);
}

void PlanTab::onFinished(const Result<explain::CapturedPlan> &result)
{
    setRunning(false);
    if (!result) {
        m_graph->clear(); // before the model frees the plan the views point into
        m_flame->clear();
        m_sql->clear();
        m_sql->hide();
        m_model->clear();
        m_printed.clear();
        m_details->clearNode();
        m_rawText.clear();
        m_raw->clear();
        m_hints->clear();
        for (QLabel *band : std::as_const(m_bands))
            band->hide();
        m_status->setText(tr("Failed"));
        m_error->showError(result.error());
        emit captureFinished(false);
        return;
    }
    showPlan(result.value());
    emit captureFinished(true);
}

void PlanTab::showPlan(const explain::CapturedPlan &captured)
{
    m_printed = PlanDetailsPanel::printedNodes(captured.json.toUtf8());
    // Laying out megabytes of JSON (a 10,000-node plan, perhaps on one line) takes the better
    // part of a second, so the Raw page gets its text when it is first looked at.
    m_rawText = captured.json;
    m_raw->clear();
    fillRawPage();
    m_model->setPlan(captured.plan);
    m_graph->setPlan(*m_model->plan(), m_model->metrics());
    m_flame->setPlan(*m_model->plan(), m_model->metrics());
    m_sql->setPlan(*m_model->plan(), captured.statement);
    m_sql->setVisible(!captured.statement.trimmed().isEmpty());
    m_hints->setPlan(captured.plan, m_model->metrics(), captured.statement);
    m_view->expandAll();
    m_view->resizeColumnToContents(PlanTreeModel::NodeColumn);
    for (int column = 1; column < PlanTreeModel::ColumnCount; ++column)
        m_view->resizeColumnToContents(column);
    m_view->setCurrentIndex(m_model->indexOfNode(0));
    showBands(captured.plan);
    showEffects(captured);
    const QString kind = captured.options.analyze ? tr("Explain Analyze") : tr("Explain");
    const int nodes = m_model->nodeCount();
    m_status->setText(tr("%1 · %2 · PostgreSQL %3")
                          .arg(kind, nodes == 1 ? tr("1 node") : tr("%1 nodes").arg(nodes))
                          .arg(captured.serverVersion / 10000));
    m_status->setToolTip(captured.command);
}

void PlanTab::fillRawPage()
{
    if (m_pages->currentWidget() == m_raw && m_raw->document()->isEmpty())
        m_raw->setPlainText(m_rawText);
}

void PlanTab::showBands(const explain::Plan &plan)
{
    const explain::PlanMetrics &metrics = m_model->metrics();
    const auto set = [this](Band band, const std::optional<double> &value, const QString &text,
                            const QString &toolTip = {}) {
        QLabel *label = m_bands[band];
        label->setText(text);
        label->setToolTip(toolTip);
        label->setVisible(value.has_value());
    };
    QString planning =
        metrics.planningMs ? tr("Planning %1").arg(ms(*metrics.planningMs)) : QString();
    if (plan.planningMemoryUsedKb)
        planning += tr(" · %1 kB memory").arg(*plan.planningMemoryUsedKb);
    set(Planning, metrics.planningMs, planning);
    set(Execution, metrics.executionMs,
        metrics.executionMs ? tr("Execution %1").arg(ms(*metrics.executionMs)) : QString());
    QStringList triggers;
    for (const explain::PlanTrigger &trigger : plan.triggers)
        triggers << tr("%1 on %2: %3, %4 calls")
                        .arg(trigger.name, trigger.relation, ms(trigger.timeMs.value_or(0)))
                        .arg(trigger.calls.value_or(0));
    // PostgreSQL reports no trigger time as 0: the band is for statements that fired some.
    set(Triggers, plan.triggers.isEmpty() ? std::nullopt : metrics.triggersMs,
        metrics.triggersMs ? tr("Triggers %1").arg(ms(*metrics.triggersMs)) : QString(),
        triggers.join(u'\n'));
    set(Jit, metrics.jitMs,
        metrics.jitMs ? tr("JIT %1 · %2 functions")
                            .arg(ms(*metrics.jitMs))
                            .arg(plan.jit ? plan.jit->functions.value_or(0) : 0)
                      : QString());
    QString serialization;
    if (metrics.serializationMs) {
        serialization = tr("Serialization %1").arg(ms(*metrics.serializationMs));
        if (plan.serialization && plan.serialization->outputVolumeKb)
            serialization += tr(" · %1 kB sent").arg(*plan.serialization->outputVolumeKb);
    }
    set(Serialization, metrics.serializationMs, serialization);
}

void PlanTab::showEffects(const explain::CapturedPlan &captured)
{
    if (captured.options.analyze && captured.options.keepEffects) {
        m_effectsLabel->setText(tr("The statement ran and its effects were committed."));
        m_keepEffects->hide();
        m_effects->show();
    } else if (captured.rolledBack && captured.mayChangeData) {
        m_effectsLabel->setText(
            tr("This statement changes data. Explain Analyze ran it inside a transaction and "
               "rolled it back: nothing it did was kept."));
        // A read-only profile never keeps effects; its server would refuse them anyway.
        m_keepEffects->setVisible(!m_readOnly);
        m_effects->show();
    } else {
        m_effects->hide();
    }
}

void PlanTab::showDetails(const QModelIndex &index)
{
    const int id = m_model->nodeId(index);
    if (id < 0) {
        if (index.isValid())
            m_details->showText(index.siblingAtColumn(0).data(Qt::ToolTipRole).toString());
        else
            m_details->clearNode();
        return;
    }
    m_details->showNode(m_model->node(id), m_model->metrics().nodes[size_t(id)],
                        m_model->exclusiveShare(id),
                        size_t(id) < m_printed.size() ? m_printed[size_t(id)] : QJsonObject());
}

} // namespace mizzle
