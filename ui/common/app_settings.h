#pragma once

#include <QFont>
#include <QString>

namespace mizzle {

// The studio's preferences, kept with QSettings (~/.config/mizzle/mizzle.conf): one place that
// names every key and its default, read where each takes effect.
namespace app_settings {

enum class Theme { System, Light, Dark };

// The rows a SQL tab fetches of a result before it offers "Fetch all"; 0: no limit.
int rowLimit();
void setRowLimit(int rows);
// The rows a table tab reads per page.
int pageSize();
void setPageSize(int rows);
// The SQL editor's font: the system's fixed font unless one was chosen.
QFont editorFont();
void setEditorFont(const QFont &font);
Theme theme();
void setTheme(Theme theme);
// Applies the theme to the running application (Qt's colour scheme hint).
void applyTheme(Theme theme);

} // namespace app_settings

} // namespace mizzle
