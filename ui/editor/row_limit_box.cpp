#include "editor/row_limit_box.h"

#include "common/app_settings.h"

namespace mizzle {

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
    setValue(app_settings::rowLimit());
    connect(this, &QSpinBox::valueChanged, this, [](int rows) { app_settings::setRowLimit(rows); });
}

} // namespace mizzle
