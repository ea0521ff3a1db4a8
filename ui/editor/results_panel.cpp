#include "editor/results_panel.h"

#include "common/file_dialogs.h"
#include "common/shortcut_actions.h"
#include "export/result_exporter.h"
#include "grid/grid_copy.h"
#include "grid/grid_view.h"
#include "grid/result_grid_model.h"
#include "grid/value_viewer.h"
#include "query/script_runner.h"
#include "values/text_summary.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>
#include <climits>

namespace mizzle {

using namespace Qt::StringLiterals;

ResultsPanel::ResultsPanel(ScriptRunner *runner, QWidget *parent)
    : ResultsPanel(runner, nullptr, parent)
{}

ResultsPanel::ResultsPanel(ScriptRunner *runner, const TypeCatalog *types, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_types(types)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_tabs(new QTabWidget(m_splitter))
    , m_messages(new QPlainTextEdit(this))
    , m_viewer(new ValueViewer(m_splitter))
    , m_viewerAction(new QAction(tr("Value Viewer"), this))
{
    m_viewer->setTypeCatalog(types);
    m_messages->setReadOnly(true);
    m_messages->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_messages, tr("Messages"));
    m_tabs->setDocumentMode(true);
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(m_viewer);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(0, false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_viewerAction->setCheckable(true);
    m_viewerAction->setChecked(true);
    connect(m_viewerAction, &QAction::toggled, this, [this](bool shown) {
        m_viewer->setVisible(shown);
        showCurrentValue();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &ResultsPanel::showCurrentValue);

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
    // Exports read the runner's results too.
    const auto exporters = findChildren<ResultExporter *>(Qt::FindDirectChildrenOnly);
    for (ResultExporter *exporter : exporters)
        exporter->cancel();
    // Models point into the runner's results, which the next run replaces.
    for (const auto &[index, model] : std::as_const(m_models))
        model->setResult(nullptr);
    while (m_tabs->count() > 1)
        delete m_tabs->widget(1);
    m_models.clear();
    m_viewer->clear();
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
    auto *model = new ResultGridModel(m_runner->result(index), m_types, view);
    view->setModel(model);
    setUpGridView(view);
    m_models.append({index, model});
    addActions(view);
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this, view] {
        if (m_tabs->currentWidget() == view)
            showCurrentValue();
    });
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
    const QString what = firstLine(outcome.statement.sql, 80);
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

void ResultsPanel::addActions(QTableView *view)
{
    const auto add = [this, view](const QString &text, const QKeySequence &keys, auto slot) {
        addShortcutAction(view, text, {keys}, this, slot);
    };
    const auto separator = [view] {
        auto *action = new QAction(view);
        action->setSeparator(true);
        view->addAction(action);
    };
    auto *copy = new GridCopy(
        view,
        [this, view](int row, qsizetype *inRows) -> const QueryResult * {
            const QueryResult *result = resultOf(view);
            *inRows = row;
            return result && row < result->rowCount() ? result : nullptr;
        },
        view);
    copy->addActions();
    separator();
    add(tr("Export…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        [this, view] { chooseExportFile(view); });
    separator();
    view->addAction(m_viewerAction);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

void ResultsPanel::copySelection(int number, ResultFormat format)
{
    if (const QTableView *view = resultView(number)) {
        if (auto *copy = view->findChild<GridCopy *>())
            copy->copy(format);
    }
}

void ResultsPanel::chooseExportFile(QTableView *view)
{
    static const QList<ResultFormat> formats{ResultFormat::Csv, ResultFormat::Json,
                                             ResultFormat::SqlInsert};
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const auto target = chooseSaveFile(
        this, tr("Export Result"), documents + u"/result.csv"_s,
        {{tr("CSV"), u"csv"_s}, {tr("JSON"), u"json"_s}, {tr("SQL INSERT statements"), u"sql"_s}});
    if (target)
        exportResult(numberOf(view), formats.at(target->type), target->path);
}

ResultExporter *ResultsPanel::exportResult(int number, ResultFormat format, const QString &path)
{
    const QTableView *view = resultView(number);
    const QueryResult *result = view ? resultOf(view) : nullptr;
    if (!result)
        return nullptr;
    auto *exporter = new ResultExporter(result, format, path, this);
    const qsizetype total = result->rowCount();
    const QString rows = QLocale().toString(total);
    auto *progress =
        new QProgressDialog(tr("Exporting %1 rows to %2…").arg(rows, QFileInfo(path).fileName()),
                            tr("Cancel"), 0, int(std::min<qsizetype>(total, INT_MAX)), this);
    progress->setWindowTitle(tr("Export"));
    progress->setWindowModality(Qt::NonModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setMinimumDuration(500);
    connect(progress, &QProgressDialog::canceled, exporter, &ResultExporter::cancel);
    connect(exporter, &ResultExporter::progress, progress, [progress](qsizetype done) {
        progress->setValue(int(std::min<qsizetype>(done, INT_MAX)));
    });
    connect(exporter, &ResultExporter::finished, this,
            [this, exporter, progress, rows](const Result<QString> &outcome) {
                // Closing a progress dialog reports a cancel; this one is done already.
                disconnect(progress, nullptr, exporter, nullptr);
                progress->deleteLater();
                exporter->deleteLater();
                if (outcome.ok()) {
                    appendMessage(tr("Exported %1 rows to %2")
                                      .arg(rows, QDir::toNativeSeparators(outcome.value())));
                    return;
                }
                appendMessage(outcome.error().toString());
                if (!progress->wasCanceled())
                    showMessages();
            });
    exporter->start();
    return exporter;
}

void ResultsPanel::showCurrentValue()
{
    if (m_viewer->isHidden())
        return;
    const auto *view = qobject_cast<QTableView *>(m_tabs->currentWidget());
    const QueryResult *result = view ? resultOf(view) : nullptr;
    const QModelIndex index = view ? view->currentIndex() : QModelIndex();
    if (!result || !index.isValid() || index.row() >= result->rowCount()) {
        m_viewer->clear();
        return;
    }
    m_viewer->showValue(*result, index.row(), index.column());
}

int ResultsPanel::numberOf(QTableView *view) const
{
    return m_tabs->indexOf(view) - 1;
}

const QueryResult *ResultsPanel::resultOf(const QTableView *view) const
{
    for (const auto &[statement, model] : m_models) {
        if (model == view->model())
            return m_runner->result(statement);
    }
    return nullptr;
}

} // namespace mizzle
