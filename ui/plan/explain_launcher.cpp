#include "plan/explain_launcher.h"

#include "common/file_dialogs.h"
#include "plan/plan_diff_view.h"
#include "plan/plan_tab.h"
#include "plan/plan_tree_model.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace mizzle {

ExplainLauncher::ExplainLauncher(QTabWidget *tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
{
    auto *open = new QAction(tr("Open Plan…"), this);
    open->setToolTip(tr("Read an EXPLAIN plan from a file: JSON, TEXT as psql prints it, or an "
                        "auto_explain log entry"));
    connect(open, &QAction::triggered, this, &ExplainLauncher::chooseFile);
    auto *paste = new QAction(tr("Paste Plan"), this);
    paste->setToolTip(tr("Read an EXPLAIN plan from the clipboard"));
    connect(paste, &QAction::triggered, this, [this] {
        openPlanText(QGuiApplication::clipboard()->text().toUtf8(), tr("the clipboard"));
    });
    auto *compare = new QAction(tr("Compare Plans…"), this);
    compare->setToolTip(tr("Match the current plan against another plan tab, node by node"));
    connect(compare, &QAction::triggered, this, &ExplainLauncher::chooseComparison);
    m_actions = {open, paste, compare};
}

void ExplainLauncher::chooseComparison()
{
    auto *current = qobject_cast<PlanTab *>(m_tabs->currentWidget());
    QStringList names;
    QList<PlanTab *> others;
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<PlanTab *>(m_tabs->widget(i));
        if (tab && tab != current && tab->model()->plan()) {
            names << m_tabs->tabText(i);
            others << tab;
        }
    }
    if (!current || !current->model()->plan() || others.isEmpty()) {
        QMessageBox::information(m_tabs->window(), tr("Compare plans"),
                                 tr("Open two plan tabs first, then compare from one of them."));
        return;
    }
    bool chosen = false;
    const QString name = QInputDialog::getItem(m_tabs->window(), tr("Compare plans"),
                                               tr("Compare the current plan, as the later one, "
                                                  "with:"),
                                               names, 0, false, &chosen);
    if (chosen)
        openComparison(others.value(int(names.indexOf(name))), current);
}

QWidget *ExplainLauncher::openComparison(PlanTab *before, PlanTab *after)
{
    if (!before || !after || !before->model()->plan() || !after->model()->plan())
        return nullptr;
    auto *view = new PlanDiffView(m_tabs);
    view->setPlans(*before->model()->plan(), before->model()->metrics(), *after->model()->plan(),
                   after->model()->metrics());
    const QString title = m_tabs->tabText(m_tabs->indexOf(before)) + u" ↔ "_s +
                          m_tabs->tabText(m_tabs->indexOf(after));
    m_tabs->setCurrentIndex(m_tabs->addTab(view, tr("Compare")));
    m_tabs->setTabToolTip(m_tabs->currentIndex(), title);
    return view;
}

void ExplainLauncher::chooseFile()
{
    const QString path =
        chooseOpenFile(m_tabs->window(), tr("Open plan"), {}, tr("Plans (*.json *.txt *.log)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    // A plan file is small; an unreadable one still gets a tab that says why.
    openPlanText(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray(), name);
}

PlanTab *ExplainLauncher::openPlanText(const QByteArray &text, const QString &source)
{
    auto *tab = new PlanTab(nullptr, QString(), false, m_tabs);
    const int at = m_tabs->addTab(tab, tr("Plan: %1").arg(source));
    m_tabs->setTabToolTip(at, source);
    m_tabs->setCurrentIndex(at);
    tab->showPlanText(text, source);
    return tab;
}

PlanTab *ExplainLauncher::open(ConnectionPool *pool, QWidget *origin, const QString &statement,
                               bool analyze)
{
    if (statement.trimmed().isEmpty())
        return nullptr;
    auto *tab = new PlanTab(pool, statement, analyze, m_tabs);
    int at = m_tabs->indexOf(origin) + 1;
    while (at > 0 && at < m_tabs->count() && qobject_cast<PlanTab *>(m_tabs->widget(at)))
        ++at;
    if (at <= 0)
        at = m_tabs->count();
    at = m_tabs->insertTab(at, tab, title(statement));
    m_tabs->setTabToolTip(
        at, (analyze ? tr("Explain Analyze:\n%1") : tr("Explain:\n%1")).arg(statement.left(2000)));
    m_tabs->setCurrentIndex(at);
    tab->run();
    return tab;
}

QString ExplainLauncher::title(const QString &statement)
{
    const QString line = statement.simplified();
    return tr("Plan: %1").arg(line.size() > 30 ? line.left(29) + u"…"_s : line);
}

} // namespace mizzle
