#include "editor/query_tab.h"

#include "common/shortcut_actions.h"
#include "document/sql_document.h"
#include "editor/results_panel.h"
#include "editor/row_limit_box.h"
#include "query/script_runner.h"
#include "sqltext/sql_editor.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// The server counts positions in characters; QString indexes UTF-16 code units.
int utf16Index(const QString &text, int characters)
{
    int index = 0;
    for (int counted = 0; counted < characters && index < text.size(); ++counted)
        index += text.at(index).isHighSurrogate() ? 2 : 1;
    return index;
}

// How far to underline: the word or symbol starting there, at least one character.
int tokenLength(const QString &text, int index)
{
    static const QRegularExpression token(u"\\G(\\w+|\\S)"_s);
    const QRegularExpressionMatch match = token.match(text, index);
    return match.hasMatch() ? int(match.capturedLength()) : 1;
}

} // namespace

QueryTab::QueryTab(ConnectionPool *pool, QWidget *parent)
    : QueryTab(pool, nullptr, parent)
{}

QueryTab::QueryTab(ConnectionPool *pool, const TypeCatalog *types, QWidget *parent)
    : QWidget(parent)
    , m_editor(new SqlEditor(this))
    , m_runner(new ScriptRunner(pool, this))
    , m_results(new ResultsPanel(m_runner, types, this))
    , m_status(new QLabel(this))
    , m_transaction(new QLabel(tr("● Transaction open"), this))
    , m_runButton(new QPushButton(tr("Run"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_fetchAllButton(new QPushButton(tr("Fetch all"), this))
    , m_rowLimit(new RowLimitBox(this))
{
    m_runButton->setToolTip(tr("Run the selection or the statement under the cursor "
                               "(Ctrl+Enter); Ctrl+Shift+Enter or F5 runs everything"));
    m_cancelButton->setToolTip(tr("Cancel the running statement (Esc)"));
    m_cancelButton->setEnabled(false);
    m_fetchAllButton->setObjectName(u"fetchAll"_s);
    m_fetchAllButton->hide();
    m_transaction->setStyleSheet(u"color: #b26a00; font-weight: bold"_s);
    m_transaction->setToolTip(tr("This tab holds its connection until COMMIT or ROLLBACK"));
    m_transaction->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_runButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_transaction);
    bar->addStretch(1);
    bar->addWidget(m_status);
    bar->addWidget(m_fetchAllButton);
    bar->addWidget(m_rowLimit);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_results);
    splitter->setSizes({300, 300});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    addShortcuts();

    connect(m_runButton, &QPushButton::clicked, this, &QueryTab::runAtCursor);
    connect(m_cancelButton, &QPushButton::clicked, this, &QueryTab::cancel);
    connect(m_fetchAllButton, &QPushButton::clicked, this, &QueryTab::fetchAll);
    m_runner->setRowCap(m_rowLimit->value());
    connect(m_rowLimit, &QSpinBox::valueChanged, m_runner, &ScriptRunner::setRowCap);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        m_spans = splitStatements(m_editor->toPlainText());
        markStatementAtCursor();
    });
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this,
            &QueryTab::markStatementAtCursor);
    connect(m_runner, &ScriptRunner::statementFinished, this, &QueryTab::onStatementFinished);
    connect(m_runner, &ScriptRunner::rowsAppended, this, [this](int, qsizetype rows) {
        m_status->setText(tr("%1 rows…").arg(QLocale().toString(rows)));
    });
    connect(m_runner, &ScriptRunner::transactionChanged, this, [this](bool open) {
        m_transaction->setVisible(open);
        emit transactionChanged(open);
    });
    connect(m_runner, &ScriptRunner::finished, this, [this](bool ok) {
        setRunning(false);
        emit runFinished(ok);
    });
    connect(m_editor->document(), &QTextDocument::modificationChanged, this,
            &QueryTab::modifiedChanged);
}

QueryTab::~QueryTab() = default;

void QueryTab::addShortcuts()
{
    const auto add = [this](const QList<QKeySequence> &keys, auto slot) {
        addShortcutAction(this, QString(), keys, this, slot);
    };
    add({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
        &QueryTab::runAtCursor);
    add({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::Key_F5)},
        &QueryTab::runAll);
    add({QKeySequence(Qt::Key_Escape)}, &QueryTab::cancel);
    add({QKeySequence(Qt::Key_F7)}, [this] { emit explainRequested(statementAtCursor(), false); });
    add({QKeySequence(Qt::SHIFT | Qt::Key_F7)},
        [this] { emit explainRequested(statementAtCursor(), true); });
}

bool QueryTab::isRunning() const
{
    return m_runner->isRunning();
}

bool QueryTab::hasOpenTransaction() const
{
    return m_runner->inTransaction();
}

QList<ScriptStatement> QueryTab::statementsIn(int start, int end) const
{
    const QString text = m_editor->toPlainText().mid(start, end - start);
    QList<ScriptStatement> statements;
    for (const SqlStatementSpan &span : splitStatements(text))
        statements.append({text.mid(span.start, span.length), start + span.start});
    return statements;
}

QList<ScriptStatement> QueryTab::statementsToRun() const
{
    const QTextCursor cursor = m_editor->textCursor();
    if (cursor.hasSelection())
        return statementsIn(cursor.selectionStart(), cursor.selectionEnd());
    const QList<SqlStatementSpan> spans = splitStatements(m_editor->toPlainText());
    const int index = statementIndexAt(spans, cursor.position());
    if (index < 0)
        return {};
    return {
        {m_editor->toPlainText().mid(spans[index].start, spans[index].length), spans[index].start}};
}

QString QueryTab::statementAtCursor() const
{
    const QList<ScriptStatement> statements = statementsToRun();
    return statements.isEmpty() ? QString() : statements.first().sql;
}

void QueryTab::runAtCursor()
{
    run(statementsToRun());
}

void QueryTab::runAll()
{
    run(statementsIn(0, int(m_editor->toPlainText().size())));
}

void QueryTab::fetchAll()
{
    if (!m_capped || isRunning())
        return;
    const int cap = m_runner->rowCap();
    m_runner->setRowCap(0);
    run({*m_capped});
    m_runner->setRowCap(cap);
}

void QueryTab::cancel()
{
    if (!isRunning())
        return;
    m_status->setText(tr("Cancelling…"));
    m_runner->cancel();
}

void QueryTab::run(const QList<ScriptStatement> &statements)
{
    if (statements.isEmpty() || isRunning())
        return;
    m_editor->clearErrors();
    if (rejectSyntaxErrors(statements))
        return;
    m_capped.reset();
    m_fetchAllButton->hide();
    m_results->clearResults();
    setRunning(true);
    m_runner->run(statements);
}

// Nothing is sent while the parser already knows the server would refuse it.
bool QueryTab::rejectSyntaxErrors(const QList<ScriptStatement> &statements)
{
    for (const ScriptStatement &statement : statements) {
        const std::optional<Error> error = checkSyntax(statement.sql);
        if (!error)
            continue;
        const int at = statement.offset + std::max(0, error->position - 1);
        m_editor->showError(at, tokenLength(m_editor->toPlainText(), at), error->message);
        m_editor->moveCursorTo(at);
        m_results->appendMessage(tr("Not sent: %1 (found before running)").arg(error->message));
        m_results->showMessages();
        return true;
    }
    return false;
}

void QueryTab::onStatementFinished(const StatementOutcome &outcome)
{
    emit statementRan(outcome);
    if (outcome.capped) {
        m_capped = outcome.statement;
        m_fetchAllButton->show();
    }
    m_status->setText(outcome.error ? tr("Failed after %1 ms").arg(outcome.elapsedMs)
                                    : tr("%1 rows · %2 ms")
                                          .arg(QLocale().toString(outcome.rowsReceived))
                                          .arg(outcome.elapsedMs));
    if (!outcome.error || outcome.error->position <= 0)
        return;
    const int at =
        outcome.statement.offset + utf16Index(outcome.statement.sql, outcome.error->position - 1);
    m_editor->showError(at, tokenLength(m_editor->toPlainText(), at), outcome.error->message);
    m_editor->moveCursorTo(at);
}

void QueryTab::markStatementAtCursor()
{
    const int index = statementIndexAt(m_spans, m_editor->textCursor().position());
    if (index < 0)
        m_editor->setActiveStatement(-1, 0);
    else
        m_editor->setActiveStatement(m_spans[index].start, m_spans[index].length);
}

void QueryTab::setRunning(bool running)
{
    m_runButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    if (running)
        m_status->setText(tr("Running…"));
}

QString QueryTab::title() const
{
    return m_filePath.isEmpty() ? m_untitledTitle : QFileInfo(m_filePath).fileName();
}

void QueryTab::setUntitledTitle(const QString &title)
{
    m_untitledTitle = title;
    emit titleChanged();
}

bool QueryTab::isModified() const
{
    return m_editor->document()->isModified();
}

// toPlainText() would turn non-breaking and line separator characters into spaces and line
// breaks, changing the file on save.
QString QueryTab::documentText() const
{
    return m_editor->document()->toRawText().replace(QChar::ParagraphSeparator, u'\n');
}

void QueryTab::setFilePath(const QString &path)
{
    m_filePath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    emit titleChanged();
}

Result<void> QueryTab::saveTo(const QString &path)
{
    if (Result<void> saved = SqlDocument::save(path, documentText(), m_crlf); !saved)
        return saved;
    setFilePath(path);
    m_editor->document()->setModified(false);
    return {};
}

Result<void> QueryTab::loadFrom(const QString &path)
{
    Result<SqlFileText> loaded = SqlDocument::load(path);
    if (!loaded)
        return loaded.error();
    m_crlf = loaded->crlf;
    m_editor->setPlainText(loaded->text);
    setFilePath(path);
    return {};
}

SessionDocument QueryTab::sessionDocument() const
{
    SessionDocument document;
    document.filePath = m_filePath;
    document.modified = isModified();
    if (document.modified || m_filePath.isEmpty())
        document.unsavedText = documentText();
    document.cursorPosition = m_editor->textCursor().position();
    document.title = title();
    return document;
}

Result<void> QueryTab::restore(const SessionDocument &document)
{
    if (!document.title.isEmpty() && document.filePath.isEmpty())
        m_untitledTitle = document.title;
    if (!document.filePath.isEmpty() && !document.modified) {
        if (Result<void> loaded = loadFrom(document.filePath); !loaded)
            return loaded;
    } else {
        m_crlf = !document.filePath.isEmpty() && SqlDocument::usesCrlf(document.filePath);
        m_editor->setPlainText(document.unsavedText);
        m_editor->document()->setModified(document.modified);
        setFilePath(document.filePath);
    }
    m_editor->moveCursorTo(document.cursorPosition);
    return {};
}

} // namespace mizzle
