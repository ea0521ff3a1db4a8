#pragma once

#include "edit/change_applier.h"

#include <QDialog>
#include <QHash>

class QTableWidget;

namespace mizzle {

class EditBuffer;

// A save found rows that someone else changed or deleted since they were read, so nothing was
// saved. For each, this shows the user's change beside what the server holds now, and asks:
//  - keep mine: save the change again, guarded by the row as it is now;
//  - take theirs: drop the change, keeping what the server has;
//  - edit further: keep the change pending on the row as it is now, and save later.
// A row that is gone (or, without a key, cannot be found again) can only be taken as theirs.
class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Resolution { KeepMine, TakeTheirs, EditFurther };

    ConflictDialog(const EditBuffer &buffer, const QList<ChangeConflict> &conflicts,
                   QWidget *parent = nullptr);

    const QList<ChangeConflict> &conflicts() const { return m_conflicts; }
    // By the conflict's rowKey.
    Resolution resolution(const QString &rowKey) const;
    void setResolution(const QString &rowKey, Resolution resolution);
    QTableWidget *table() const { return m_table; }

private:
    QList<ChangeConflict> m_conflicts;
    QTableWidget *m_table;
};

} // namespace mizzle
