#pragma once

#include <QSpinBox>

namespace mizzle {

// The most rows a SQL editor fetches of one result before it stops and offers "Fetch all".
// 0 means no limit. The choice is remembered (QSettings "editor/rowLimit") for new tabs.
class RowLimitBox : public QSpinBox
{
    Q_OBJECT
public:
    explicit RowLimitBox(QWidget *parent = nullptr);
};

} // namespace mizzle
