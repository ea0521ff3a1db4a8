#pragma once

#include "monitor/alert_rules.h"

#include <QDialog>

class QCheckBox;
class QSettings;
class QSpinBox;

namespace mizzle {

// The alert thresholds live in the user's settings (group "monitor"), shared by every
// connection; a missing key keeps its default.
monitor::AlertThresholds loadAlertThresholds(QSettings &settings);
void saveAlertThresholds(QSettings &settings, const monitor::AlertThresholds &thresholds);

// Edits the thresholds; the caller saves what it returns.
class AlertSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AlertSettingsDialog(const monitor::AlertThresholds &thresholds,
                                 QWidget *parent = nullptr);

    monitor::AlertThresholds thresholds() const;

private:
    QSpinBox *m_waiting;
    QSpinBox *m_utilization;
    QSpinBox *m_utilizationFor;
    QSpinBox *m_idleInTransaction;
    QCheckBox *m_timeouts;
};

} // namespace mizzle
