#include "shell/settings_dialog.h"

#include "common/app_settings.h"
#include "monitor/alert_settings.h"
#include "monitor/alert_watch.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

SettingsDialog::SettingsDialog(std::function<monitor::AlertWatch *()> alerts, QWidget *parent)
    : QDialog(parent)
    , m_alerts(std::move(alerts))
    , m_rowLimit(new QSpinBox(this))
    , m_pageSize(new QSpinBox(this))
    , m_font(new QFontComboBox(this))
    , m_fontSize(new QSpinBox(this))
    , m_theme(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    m_rowLimit->setObjectName(u"rowLimit"_s);
    m_rowLimit->setRange(0, 100'000'000);
    m_rowLimit->setSingleStep(10'000);
    m_rowLimit->setGroupSeparatorShown(true);
    m_rowLimit->setSpecialValueText(tr("No limit"));
    m_rowLimit->setValue(app_settings::rowLimit());
    m_pageSize->setObjectName(u"pageSize"_s);
    m_pageSize->setRange(50, 100'000);
    m_pageSize->setSingleStep(100);
    m_pageSize->setValue(app_settings::pageSize());
    const QFont font = app_settings::editorFont();
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(font);
    m_fontSize->setRange(6, 48);
    m_fontSize->setValue(font.pointSize() > 0 ? font.pointSize() : 10);
    m_fontSize->setSuffix(tr(" pt"));
    m_theme->setObjectName(u"theme"_s);
    m_theme->addItems({tr("The system's"), tr("Light"), tr("Dark")});
    m_theme->setCurrentIndex(int(app_settings::theme()));
    auto *fontRow = new QHBoxLayout;
    fontRow->addWidget(m_font, 1);
    fontRow->addWidget(m_fontSize);
    auto *thresholds = new QPushButton(tr("Monitor Alert Thresholds…"), this);
    connect(thresholds, &QPushButton::clicked, this, &SettingsDialog::editThresholds);
    auto *form = new QFormLayout;
    form->addRow(tr("SQL tabs fetch at most:"), m_rowLimit);
    form->addRow(tr("Table tabs read pages of:"), m_pageSize);
    form->addRow(tr("Editor font:"), fontRow);
    form->addRow(tr("Theme:"), m_theme);
    form->addRow(QString(), thresholds);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::accept()
{
    app_settings::setRowLimit(m_rowLimit->value());
    app_settings::setPageSize(m_pageSize->value());
    QFont font = m_font->currentFont();
    font.setPointSize(m_fontSize->value());
    font.setStyleHint(QFont::Monospace);
    app_settings::setEditorFont(font);
    const auto theme = app_settings::Theme(m_theme->currentIndex());
    app_settings::setTheme(theme);
    app_settings::applyTheme(theme);
    QDialog::accept();
}

void SettingsDialog::editThresholds()
{
    QSettings settings;
    AlertSettingsDialog dialog(loadAlertThresholds(settings), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    saveAlertThresholds(settings, dialog.thresholds());
    if (monitor::AlertWatch *alerts = m_alerts())
        alerts->setThresholds(dialog.thresholds());
}

} // namespace mizzle
