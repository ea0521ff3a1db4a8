#include "editor/row_limit_box.h"

#include "query/script_runner.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {
const QString settingsKey = u"editor/rowLimit"_s;
} // namespace

RowLimitBox::RowLimitBox(QWidget *parent)
    : QSpinBox(parent)
{
    setRange(0, 100'000'000);
    setSingleStep(10'000);
    setGroupSeparatorShown(true);
    setSpecialValueText(tr("No limit"));
    setPrefix(tr("Limit: "));
    setSuffix(tr(" rows"));
    setToolTip(tr("Fetching stops after this many rows of a result and offers \"Fetch all\"; "
                  "0 means no limit"));
    setAccelerated(true);
    setValue(QSettings().value(settingsKey, ScriptRunner::defaultRowCap).toInt());
    connect(this, &QSpinBox::valueChanged, this,
            [](int rows) { QSettings().setValue(settingsKey, rows); });
}

} // namespace mizzle
