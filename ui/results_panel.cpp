#include "results_panel.h"

#include "result_grid_model.h"
#include "script_runner.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

QString firstLine(const QString &sql)
{
    const QString line = sql.section(u'\n', 0, 0).simplified();
    return line.size() > 80 ? line.left(77) + u"…"_s : line;
}

} // namespace

ResultsPanel::ResultsPanel(ScriptRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_tabs(new QTabWidget(this))
    , m_messages(new QPlainTextEdit(this))
{
    m_messages->setReadOnly(true);
    m_messages->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_messages, tr("Messages"));
    m_tabs->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(runner, &ScriptRunner::resultStarted, this, &ResultsPanel::onResultStarted);
    connect(runner, &ScriptRunner::rowsAppended, this, &ResultsPanel::onRowsAppended);
    connect(runner, &ScriptRunner::statementFinished, this, &ResultsPanel::onStatementFinished);
    connect(runner, &ScriptRunner::notice, this,
            [this](const QString &severity, const QString &message) {
                appendMessage(u"%1: %2"_s.arg(severity, message));
            });
}

void ResultsPanel::clearResults()
{
    // Models point into the runner's results, which the next run replaces.
    for (const auto &[index, model] : std::as_const(m_models))
        model->setResult(nullptr);
    while (m_tabs->count() > 1)
        delete m_tabs->widget(1);
    m_models.clear();
}

void ResultsPanel::appendMessage(const QString &text)
{
    m_messages->appendPlainText(
        u"[%1] %2"_s.arg(QTime::currentTime().toString(u"HH:mm:ss"_s), text));
}

void ResultsPanel::showMessages()
{
    m_tabs->setCurrentIndex(0);
}

int ResultsPanel::resultCount() const
{
    return m_tabs->count() - 1;
}

QTableView *ResultsPanel::resultView(int number) const
{
    return qobject_cast<QTableView *>(m_tabs->widget(number + 1));
}

QString ResultsPanel::messagesText() const
{
    return m_messages->toPlainText();
}

void ResultsPanel::onResultStarted(int index)
{
    auto *view = new QTableView(m_tabs);
    auto *model = new ResultGridModel(m_runner->result(index), view);
    view->setModel(model);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->horizontalHeader()->setDefaultSectionSize(140);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    m_models.append({index, model});
    const int tab = m_tabs->addTab(view, tr("Result %1").arg(resultCount() + 1));
    // The first result comes forward; later ones wait in their tabs.
    if (resultCount() == 1)
        m_tabs->setCurrentIndex(tab);
}

void ResultsPanel::onRowsAppended(int index, qsizetype totalRows)
{
    for (const auto &[statement, model] : std::as_const(m_models)) {
        if (statement == index)
            model->rowsArrived(totalRows);
    }
}

void ResultsPanel::onStatementFinished(const StatementOutcome &outcome)
{
    const QString what = firstLine(outcome.statement.sql);
    if (outcome.error) {
        const Error &error = *outcome.error;
        QString text = tr("ERROR in %1\n    %2").arg(what, error.message);
        if (!error.sqlState.isEmpty())
            text += u" (SQLSTATE %1)"_s.arg(error.sqlState);
        if (!error.detail.isEmpty())
            text += tr("\n    DETAIL: %1").arg(error.detail);
        if (!error.hint.isEmpty())
            text += tr("\n    HINT: %1").arg(error.hint);
        appendMessage(text);
        showMessages();
        return;
    }
    QString text = u"%1 — %2"_s.arg(outcome.commandTag, what);
    if (outcome.rowsReceived > 0)
        text += tr(" — %1 rows").arg(QLocale().toString(outcome.rowsReceived));
    text += tr(" — %1 ms").arg(outcome.elapsedMs);
    if (outcome.capped)
        text += tr(" — stopped at the row cap");
    appendMessage(text);
    if (resultCount() == 0)
        showMessages();
}

} // namespace mizzle
