#include "monitor/alert_settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace mizzle {

monitor::AlertThresholds loadAlertThresholds(QSettings &settings)
{
    monitor::AlertThresholds thresholds;
    settings.beginGroup(u"monitor"_s);
    thresholds.waitingLongerThanS =
        settings.value(u"waitingLongerThanS"_s, thresholds.waitingLongerThanS).toInt();
    thresholds.utilizationPercent =
        settings.value(u"utilizationPercent"_s, thresholds.utilizationPercent).toInt();
    thresholds.utilizationForS =
        settings.value(u"utilizationForS"_s, thresholds.utilizationForS).toInt();
    thresholds.idleInTransactionS =
        settings.value(u"idleInTransactionS"_s, thresholds.idleInTransactionS).toInt();
    thresholds.acquireTimeouts =
        settings.value(u"acquireTimeouts"_s, thresholds.acquireTimeouts).toBool();
    settings.endGroup();
    return thresholds;
}

void saveAlertThresholds(QSettings &settings, const monitor::AlertThresholds &thresholds)
{
    settings.beginGroup(u"monitor"_s);
    settings.setValue(u"waitingLongerThanS"_s, thresholds.waitingLongerThanS);
    settings.setValue(u"utilizationPercent"_s, thresholds.utilizationPercent);
    settings.setValue(u"utilizationForS"_s, thresholds.utilizationForS);
    settings.setValue(u"idleInTransactionS"_s, thresholds.idleInTransactionS);
    settings.setValue(u"acquireTimeouts"_s, thresholds.acquireTimeouts);
    settings.endGroup();
}

namespace {

QSpinBox *spinBox(int minimum, int maximum, int value, const QString &suffix, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}

} // namespace

AlertSettingsDialog::AlertSettingsDialog(const monitor::AlertThresholds &thresholds,
                                         QWidget *parent)
    : QDialog(parent)
    , m_waiting(spinBox(1, 3600, thresholds.waitingLongerThanS, tr(" s"), this))
    , m_utilization(spinBox(1, 100, thresholds.utilizationPercent, tr(" %"), this))
    , m_utilizationFor(spinBox(1, 3600, thresholds.utilizationForS, tr(" s"), this))
    , m_idleInTransaction(spinBox(1, 86400, thresholds.idleInTransactionS, tr(" s"), this))
    , m_timeouts(new QCheckBox(tr("Alert on every acquire timeout"), this))
{
    setWindowTitle(tr("Monitor alerts"));
    m_timeouts->setChecked(thresholds.acquireTimeouts);
    auto *form = new QFormLayout(this);
    form->addRow(tr("A caller waits for a connection longer than"), m_waiting);
    form->addRow(tr("Pool utilization over"), m_utilization);
    form->addRow(tr("  for at least"), m_utilizationFor);
    form->addRow(tr("A session sits idle in a transaction longer than"), m_idleInTransaction);
    form->addRow(m_timeouts);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

monitor::AlertThresholds AlertSettingsDialog::thresholds() const
{
    monitor::AlertThresholds thresholds;
    thresholds.waitingLongerThanS = m_waiting->value();
    thresholds.utilizationPercent = m_utilization->value();
    thresholds.utilizationForS = m_utilizationFor->value();
    thresholds.idleInTransactionS = m_idleInTransaction->value();
    thresholds.acquireTimeouts = m_timeouts->isChecked();
    return thresholds;
}

} // namespace mizzle
