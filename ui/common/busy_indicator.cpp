#include "common/busy_indicator.h"

namespace mizzle {

BusyIndicator::BusyIndicator(QWidget *parent)
    : QProgressBar(parent)
{
    setRange(0, 0); // indeterminate: nobody knows how long the server takes
    setMaximumWidth(120);
    setTextVisible(false);
    hide();
}

} // namespace mizzle
