#include "browse/journal_restore.h"

#include "common/error_banner.h"
#include "edit/edit_buffer.h"
#include "edit/edit_journal.h"
#include "edit/journal_check.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text, int count = -1)
{
    return QCoreApplication::translate("JournalRestore", text, nullptr, count);
}

// What the question says, and the changes left once the rows that are gone are taken out.
QString describe(JournalContents &contents, const Result<JournalCheck> &check)
{
    QString text = tr("%n change(s) to this table from an earlier session were never saved: "
                      "Mizzle ended before they were.",
                      int(contents.edits.size() + contents.newRows.size()));
    if (!check)
        return text + u' ' +
               tr("Their rows could not be read again (%1); a save will still find any that "
                  "changed.")
                   .arg(check.error().message);
    if (!check->changed.isEmpty())
        text += u' ' + tr("%n row(s) changed on the server since: a save will show them as "
                          "conflicts.",
                          int(check->changed.size()));
    if (!check->gone.isEmpty())
        text += u' ' +
                tr("%n row(s) are gone, and their changes are left out.", int(check->gone.size()));
    contents.edits.removeIf([&](const EditBuffer::RowEdit &edit) {
        return check->gone.contains(edit.identity.mapKey());
    });
    return text;
}

void ask(EditJournal *journal, JournalContents contents, const Result<JournalCheck> &check,
         ErrorBanner *banner, QWidget *parent, const std::function<void()> &restored)
{
    const QString text = describe(contents, check);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore unsaved changes?"), text,
                                QMessageBox::NoButton, parent);
    box->setObjectName(u"restoreJournal"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *restore = box->addButton(tr("Restore"), QMessageBox::AcceptRole);
    box->addButton(tr("Discard them"), QMessageBox::DestructiveRole);
    box->addButton(tr("Not now"), QMessageBox::RejectRole); // the file stays for next time
    QPointer<EditJournal> file(journal);
    QPointer<ErrorBanner> shown(banner);
    QObject::connect(box, &QMessageBox::buttonClicked, box,
                     [box, restore, file, shown, contents, restored](QAbstractButton *button) {
                         if (!file)
                             return;
                         if (button == restore) {
                             file->restore(contents);
                             restored();
                         } else if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
                             if (Result<void> gone = file->discard(); !gone && shown)
                                 shown->showError(gone.error());
                         }
                     });
    box->open();
}

} // namespace

void offerJournalRestore(ConnectionPool *pool, EditBuffer *buffer, EditJournal *journal,
                         ErrorBanner *banner, QWidget *parent, std::function<void()> restored)
{
    Result<std::optional<JournalContents>> found =
        EditJournal::read(journal->filePath(), buffer->table());
    if (!found)
        return banner->showError(found.error()); // set aside, never deleted
    if (!found.value())
        return;
    const JournalContents contents = *found.value();
    QPointer<EditBuffer> target(buffer);
    QPointer<EditJournal> file(journal);
    QPointer<ErrorBanner> shown(banner);
    checkJournal(pool, buffer->table(), contents, parent,
                 [target, file, shown, parent, contents, restored](Result<JournalCheck> check) {
                     if (target && file && shown)
                         ask(file, contents, check, shown, parent, restored);
                 });
}

} // namespace mizzle
