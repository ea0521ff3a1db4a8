#include "grid/value_viewer.h"

#include "connection/query_result.h"
#include "values/json_text.h"
#include "values/pg_type_names.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

constexpr unsigned int byteaOid = 17;
constexpr unsigned int jsonOid = 114;
constexpr unsigned int jsonbOid = 3802;

} // namespace

ValueViewer::ValueViewer(QWidget *parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setWordWrap(true);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Select a cell to see its whole value."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_text, 1);
}

void ValueViewer::showValue(const QueryResult &result, qsizetype row, int column)
{
    const ResultColumn &info = result.columns().at(column);
    const QString type = m_types ? m_types->typeName(info.typeOid, info.typeModifier)
                                 : formatTypeWithModifier(builtinTypeName(info.typeOid),
                                                          info.typeOid, info.typeModifier);
    const QString where = u"%1 · %2"_s.arg(info.name, type);
    const QLocale locale;
    if (result.isNull(row, column)) {
        setNullStyle(true);
        m_text->setPlainText(u"NULL"_s);
        m_caption->setText(tr("%1 · SQL NULL").arg(where));
        return;
    }
    setNullStyle(false);
    const QByteArrayView bytes = result.bytes(row, column);
    const QString text = QString::fromUtf8(bytes);
    if (info.typeOid == byteaOid && bytes.startsWith("\\x")) {
        m_text->setPlainText(text);
        m_caption->setText(tr("%1 · %2 bytes").arg(where, locale.toString((bytes.size() - 2) / 2)));
        return;
    }
    if (info.typeOid == jsonOid || info.typeOid == jsonbOid)
        m_text->setPlainText(indentJson(text));
    else
        m_text->setPlainText(text);
    m_caption->setText(tr("%1 · %2 characters").arg(where, locale.toString(text.size())));
}

void ValueViewer::clear()
{
    setNullStyle(false);
    m_text->clear();
    m_caption->clear();
}

QString ValueViewer::text() const
{
    return m_text->toPlainText();
}

QString ValueViewer::caption() const
{
    return m_caption->text();
}

void ValueViewer::setNullStyle(bool null)
{
    m_null = null;
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setItalic(null);
    m_text->setFont(font);
    QPalette palette = m_text->palette();
    palette.setColor(QPalette::Text, null ? QPalette().color(QPalette::Disabled, QPalette::Text)
                                          : QPalette().color(QPalette::Active, QPalette::Text));
    m_text->setPalette(palette);
}

} // namespace mizzle
