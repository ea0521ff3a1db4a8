#include "common/app_settings.h"

#include "query/script_runner.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QSettings>
#include <QStyleHints>

using namespace Qt::StringLiterals;

namespace mizzle::app_settings {

namespace {

constexpr int defaultPageSize = 500;

} // namespace

int rowLimit()
{
    return QSettings().value(u"editor/rowLimit"_s, ScriptRunner::defaultRowCap).toInt();
}

void setRowLimit(int rows)
{
    QSettings().setValue(u"editor/rowLimit"_s, rows);
}

int pageSize()
{
    const int rows = QSettings().value(u"browse/pageSize"_s, defaultPageSize).toInt();
    return rows > 0 ? rows : defaultPageSize;
}

void setPageSize(int rows)
{
    QSettings().setValue(u"browse/pageSize"_s, rows);
}

QFont editorFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QString saved = QSettings().value(u"editor/font"_s).toString();
    if (!saved.isEmpty())
        font.fromString(saved);
    return font;
}

void setEditorFont(const QFont &font)
{
    QSettings().setValue(u"editor/font"_s, font.toString());
}

Theme theme()
{
    const QString name = QSettings().value(u"appearance/theme"_s).toString();
    return name == u"light" ? Theme::Light : name == u"dark" ? Theme::Dark : Theme::System;
}

void setTheme(Theme theme)
{
    QSettings().setValue(u"appearance/theme"_s, theme == Theme::Light  ? u"light"_s
                                                : theme == Theme::Dark ? u"dark"_s
                                                                       : u"system"_s);
}

void applyTheme(Theme theme)
{
    QGuiApplication::styleHints()->setColorScheme(theme == Theme::Light ? Qt::ColorScheme::Light
                                                  : theme == Theme::Dark
                                                      ? Qt::ColorScheme::Dark
                                                      : Qt::ColorScheme::Unknown);
}

} // namespace mizzle::app_settings
