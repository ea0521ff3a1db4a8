#pragma once

#include "monitor/pgbouncer_snapshot.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace mizzle {

class BouncerPoolsModel;
class SeriesModel;

// The Monitor's PgBouncer section: the pools of SHOW POOLS with pool_size and the mean wait per
// server assignment, a summary of clients and servers, and the cl_waiting chart. Without a
// console in the profile it says how to name one.
class BouncerSection : public QWidget
{
    Q_OBJECT
public:
    BouncerSection(SeriesModel *series, bool configured, QWidget *parent = nullptr);

    void setSample(const monitor::PgBouncerSample &sample);
    void setProblem(const QString &text);
    BouncerPoolsModel *pools() const { return m_pools; }
    QLabel *summary() const { return m_summary; }

    static QString summaryText(const monitor::PgBouncerSample &sample);

private:
    BouncerPoolsModel *m_pools;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_problem;
};

} // namespace mizzle
