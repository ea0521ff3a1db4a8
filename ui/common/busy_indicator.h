#pragma once

#include <QProgressBar>

namespace mizzle {

// The small indeterminate bar that says "waiting on the server": hidden until shown, and narrow
// enough for a status bar or a tab's footer.
class BusyIndicator : public QProgressBar
{
    Q_OBJECT
public:
    explicit BusyIndicator(QWidget *parent = nullptr);
};

} // namespace mizzle
