#pragma once

#include <QAction>
#include <QKeySequence>
#include <QList>
#include <QWidget>

namespace mizzle {

// An action on `owner` whose keys work only while the focus is inside it, so that two tabs'
// Ctrl+Enter or two grids' Ctrl+C never meet; it calls `slot` on `receiver`. With a text it
// also shows in the owner's context menu.
template <typename Receiver, typename Slot>
QAction *addShortcutAction(QWidget *owner, const QString &text, const QList<QKeySequence> &keys,
                           Receiver *receiver, Slot slot)
{
    auto *action = new QAction(text, owner);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(action, &QAction::triggered, receiver, slot);
    owner->addAction(action);
    return action;
}

} // namespace mizzle
