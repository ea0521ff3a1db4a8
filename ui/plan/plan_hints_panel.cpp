#include "plan/plan_hints_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

QString milliseconds(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 2 : 0) + u" ms"_s;
}

QString signedFigure(std::optional<double> value, int decimals)
{
    if (!value)
        return {};
    return (*value > 0 ? u"+"_s : QString()) + QLocale().toString(*value, 'f', decimals);
}

QString changeName(explain::PlanDiffEntry::Change change)
{
    switch (change) {
    case explain::PlanDiffEntry::Change::Same:
        return PlanHintsPanel::tr("same");
    case explain::PlanDiffEntry::Change::Changed:
        return PlanHintsPanel::tr("changed");
    case explain::PlanDiffEntry::Change::Removed:
        return PlanHintsPanel::tr("removed");
    case explain::PlanDiffEntry::Change::Added:
        return PlanHintsPanel::tr("added");
    }
    return {};
}

} // namespace

PlanHintsPanel::PlanHintsPanel(ConnectionPool *pool, QWidget *parent)
    : QWidget(parent)
    , m_trial(new explain::WhatIfIndex(pool, this))
    , m_canTry(pool != nullptr)
    , m_list(new QTreeWidget(this))
    , m_detail(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("Copy SQL"), this))
    , m_tryIndex(new QPushButton(tr("Try this index (HypoPG)"), this))
    , m_trialStatus(new QLabel(this))
    , m_diff(new QTreeWidget(this))
{
    m_list->setObjectName(u"planHints"_s);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Hint"), tr("Time at stake")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tryIndex->setToolTip(tr("Plan the statement again with this index made up by HypoPG: "
                              "nothing is built, and the database is left as it was"));
    m_trialStatus->setWordWrap(true);
    m_trialStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_diff->setObjectName(u"planTrialDiff"_s);
    m_diff->setHeaderLabels({tr("Before"), tr("After"), tr("Change"), tr("Cost Δ")});
    m_diff->setRootIsDecorated(false);
    m_diff->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_tryIndex);
    buttons->addStretch(1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_detail, 1);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_trialStatus);
    rightLayout->addWidget(m_diff, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &PlanHintsPanel::showHint);
    connect(m_copy, &QPushButton::clicked, this, &PlanHintsPanel::copySql);
    connect(m_tryIndex, &QPushButton::clicked, this, &PlanHintsPanel::tryIndex);
    connect(m_trial, &explain::WhatIfIndex::finished, this, &PlanHintsPanel::showTrial);
    clear();
}

void PlanHintsPanel::clear()
{
    m_hints.clear();
    m_list->clear();
    m_detail->clear();
    m_copy->setEnabled(false);
    m_tryIndex->hide();
    m_trialStatus->clear();
    m_diff->clear();
    m_diff->hide();
}

void PlanHintsPanel::setPlan(const explain::Plan &plan, const explain::PlanMetrics &metrics,
                             const QString &statement)
{
    clear();
    m_statement = statement;
    m_hints = explain::planHints(plan, metrics);
    for (const explain::PlanHint &hint : m_hints)
        new QTreeWidgetItem(m_list, {hint.title, milliseconds(hint.msAtStake)});
    if (m_hints.empty()) {
        m_detail->setPlainText(plan.root.actualLoops
                                   ? tr("Nothing to suggest: no node of this plan matches a hint.")
                                   : tr("Hints rest on what actually happened: use Explain "
                                        "Analyze (Shift+F7)."));
        return;
    }
    m_list->setCurrentItem(m_list->topLevelItem(0));
}

const explain::PlanHint *PlanHintsPanel::currentHint() const
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    return row >= 0 && row < int(m_hints.size()) ? &m_hints[size_t(row)] : nullptr;
}

QString PlanHintsPanel::detailText() const
{
    return m_detail->toPlainText() + u'\n' + m_trialStatus->text();
}

void PlanHintsPanel::showHint()
{
    const explain::PlanHint *hint = currentHint();
    m_trialStatus->clear();
    m_diff->hide();
    m_copy->setEnabled(hint && !hint->sql.isEmpty());
    // A trial needs the statement and a connection; a plan opened from a file may have neither.
    m_tryIndex->setVisible(hint && hint->kind == explain::PlanHint::Kind::Index &&
                           !m_statement.isEmpty() && m_canTry);
    m_tryIndex->setEnabled(!m_trial->isRunning());
    if (!hint)
        return;
    m_detail->setPlainText(hint->detail +
                           (hint->sql.isEmpty() ? QString() : u"\n\n"_s + hint->sql));
    if (hint->nodeId >= 0)
        emit nodeSelected(hint->nodeId);
}

void PlanHintsPanel::copySql()
{
    if (const explain::PlanHint *hint = currentHint())
        QApplication::clipboard()->setText(hint->sql);
}

void PlanHintsPanel::tryIndex()
{
    const explain::PlanHint *hint = currentHint();
    if (!hint || hint->kind != explain::PlanHint::Kind::Index || m_trial->isRunning())
        return;
    m_tryIndex->setEnabled(false);
    m_trialStatus->setText(tr("Planning with a hypothetical index…"));
    m_diff->hide();
    m_trial->start(m_statement, hint->sql);
}

void PlanHintsPanel::showTrial(const Result<explain::WhatIfOutcome> &outcome)
{
    m_tryIndex->setEnabled(true);
    if (!outcome) {
        const Error &error = outcome.error();
        m_trialStatus->setText(error.message +
                               (error.hint.isEmpty() ? QString() : u"\n"_s + error.hint));
        emit trialFinished(false);
        return;
    }
    const explain::WhatIfOutcome &trial = outcome.value();
    const QString used = trial.indexUsed ? tr("The planner uses the index.")
                                         : tr("The planner would not use the index.");
    m_trialStatus->setText(
        tr("Estimated cost %1 → %2 (%3). %4 Nothing was built.")
            .arg(QLocale().toString(trial.costBefore, 'f', 2),
                 QLocale().toString(trial.costAfter, 'f', 2),
                 trial.costBefore > 0
                     ? QLocale().toString(100.0 * trial.costAfter / trial.costBefore, 'f', 1) +
                           u"%"_s
                     : QString(),
                 used));
    m_diff->clear();
    for (const explain::PlanDiffEntry &entry : trial.diff) {
        const QString indent(entry.depth * 2, u' ');
        new QTreeWidgetItem(m_diff,
                            {indent + entry.labelBefore, indent + entry.labelAfter,
                             changeName(entry.change), signedFigure(entry.totalCostDelta, 2)});
    }
    m_diff->resizeColumnToContents(0);
    m_diff->show();
    emit trialFinished(true);
}

} // namespace mizzle
