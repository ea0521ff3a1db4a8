#pragma once

#include <QDialog>
#include <functional>

class QComboBox;
class QFontComboBox;
class QSpinBox;

namespace mizzle {

namespace monitor {
class AlertWatch;
}

// Edit → Preferences… (Ctrl+,): the default row limit of SQL tabs, the page size of table tabs,
// the editor's font, the theme (system, light or dark), and the Monitor's alert thresholds. What
// is accepted is kept with QSettings (app_settings) and takes effect at once where it can: the
// theme now, the rest in the tabs opened from now on.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // alerts: the current session's, to apply new thresholds to at once; may be null.
    SettingsDialog(std::function<monitor::AlertWatch *()> alerts, QWidget *parent = nullptr);

    void accept() override;

private:
    void editThresholds();

    std::function<monitor::AlertWatch *()> m_alerts;
    QSpinBox *m_rowLimit;
    QSpinBox *m_pageSize;
    QFontComboBox *m_font;
    QSpinBox *m_fontSize;
    QComboBox *m_theme;
};

} // namespace mizzle
