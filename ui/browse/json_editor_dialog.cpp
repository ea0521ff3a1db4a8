#include "browse/json_editor_dialog.h"

#include "values/json_text.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

JsonEditorDialog::JsonEditorDialog(const QString &json, QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_pretty(new QPushButton(tr("Pretty-print"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Edit JSON"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_pretty->setToolTip(tr("Indent by structure; numbers and strings stay exactly as written"));
    m_buttons->addButton(m_pretty, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(640, 480);

    connect(m_text, &QPlainTextEdit::textChanged, this, &JsonEditorDialog::check);
    connect(m_pretty, &QPushButton::clicked, this, &JsonEditorDialog::prettyPrint);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setText(json);
}

QString JsonEditorDialog::text() const
{
    return m_text->toPlainText();
}

void JsonEditorDialog::setText(const QString &json)
{
    m_text->setPlainText(json);
    m_text->document()->setModified(false);
    check();
}

void JsonEditorDialog::prettyPrint()
{
    if (m_error)
        return;
    // Through the cursor, so that Undo brings the text as it was back.
    QTextCursor cursor(m_text->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(indentJson(text()));
}

QString JsonEditorDialog::status() const
{
    return m_status->text();
}

QPushButton *JsonEditorDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void JsonEditorDialog::check()
{
    m_error = checkJsonSyntax(text());
    okButton()->setEnabled(!m_error);
    m_pretty->setEnabled(!m_error);
    if (!m_error) {
        m_status->setStyleSheet({});
        m_status->setText(tr("Valid JSON"));
        return;
    }
    m_status->setStyleSheet(u"color: #b00020"_s);
    m_status->setText(tr("Not JSON near line %1, column %2 (offset %3): %4")
                          .arg(m_error->line)
                          .arg(m_error->column)
                          .arg(m_error->position)
                          .arg(m_error->message));
}

} // namespace mizzle
