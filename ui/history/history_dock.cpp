#include "history/history_dock.h"

#include "history/history_panel.h"

namespace mizzle {

using namespace Qt::StringLiterals;

HistoryDock::HistoryDock(QWidget *parent)
    : QDockWidget(tr("History"), parent)
    , m_panel(new HistoryPanel(this))
{
    setObjectName(u"historyDock"_s);
    setWidget(m_panel);
    toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_panel, &HistoryPanel::statementChosen, this, &HistoryDock::statementChosen);
}

HistoryDock::~HistoryDock()
{
    m_panel->setHistory(nullptr);
}

void HistoryDock::setHistory(QueryHistory *history)
{
    m_panel->setHistory(history);
}

} // namespace mizzle
