#include "shell/quit_guard.h"

#include "browse/table_editor.h"
#include "browse/table_tab.h"
#include "editor/query_tab.h"

#include <QCoreApplication>
#include <QTabWidget>

namespace mizzle {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("QuitGuard", text);
}

} // namespace

QStringList whatQuittingLoses(const QTabWidget *tabs)
{
    QStringList lost;
    for (int index = 0; index < tabs->count(); ++index) {
        QWidget *tab = tabs->widget(index);
        if (const auto *query = qobject_cast<const QueryTab *>(tab)) {
            if (query->hasOpenTransaction())
                lost.append(
                    tr("%1: an open transaction, which will be rolled back").arg(query->title()));
            if (query->isModified())
                lost.append(tr("%1: SQL not saved to a file").arg(query->title()));
        } else if (const auto *table = qobject_cast<const TableTab *>(tab)) {
            if (table->editor()->hasPendingChanges())
                lost.append(tr("%1: row edits not saved").arg(table->qualifiedName()));
        }
    }
    return lost;
}

} // namespace mizzle
