#include "browse/review_sql_dialog.h"

#include "common/file_dialogs.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

QString ReviewSqlDialog::describe(const QList<ChangeStatement> &statements)
{
    QStringList parts{u"BEGIN;"_s};
    for (const ChangeStatement &statement : statements) {
        QString part = u"-- %1\n%2;"_s.arg(statement.description, statement.sql);
        for (qsizetype i = 0; i < statement.parameters.size(); ++i) {
            const auto &value = statement.parameters[i];
            part += u"\n--   $%1 = %2"_s.arg(i + 1).arg(
                value ? u"'%1'"_s.arg(QString(*value).replace(u"'"_s, u"''"_s)) : u"NULL"_s);
        }
        parts.append(part);
    }
    parts.append(u"-- each UPDATE and DELETE must touch exactly one row, or nothing is kept\n"
                 "COMMIT;"_s);
    return parts.join(u"\n\n");
}

ReviewSqlDialog::ReviewSqlDialog(const QList<ChangeStatement> &statements, const QString &script,
                                 QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
    , m_script(script)
{
    setWindowTitle(tr("Review SQL"));
    resize(900, 600);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(describe(statements));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy as script"), QDialogButtonBox::ActionRole);
    QPushButton *save = buttons->addButton(tr("Save as script…"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_script); });
    connect(save, &QPushButton::clicked, this, &ReviewSqlDialog::saveScript);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
}

QString ReviewSqlDialog::shownText() const
{
    return m_text->toPlainText();
}

void ReviewSqlDialog::saveScript()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const auto target = chooseSaveFile(this, tr("Save script"), documents + u"/changes.sql"_s,
                                       {{tr("SQL"), u"sql"_s}});
    if (!target)
        return;
    QSaveFile file(target->path);
    const QByteArray bytes = m_script.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        m_text->appendPlainText(
            tr("\n-- could not save %1: %2").arg(target->path, file.errorString()));
}

} // namespace mizzle
