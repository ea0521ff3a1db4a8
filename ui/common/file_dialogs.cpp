#include "common/file_dialogs.h"

#include <QFileDialog>
#include <QFileInfo>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

QString withAllFiles(const QString &filter)
{
    return filter + QObject::tr(";;All files (*)");
}

} // namespace

std::optional<SaveTarget> chooseSaveFile(QWidget *parent, const QString &title,
                                         const QString &suggestedPath, const QList<FileType> &types)
{
    QStringList names, suffixes;
    for (const FileType &type : types) {
        names.append(u"%1 (*.%2)"_s.arg(type.description, type.suffix));
        suffixes.append(type.suffix);
    }
    QFileDialog dialog(parent, title);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    const QFileInfo suggested(suggestedPath);
    if (!suggested.path().isEmpty() && suggested.path() != u"."_s)
        dialog.setDirectory(suggested.path());
    dialog.selectFile(suggested.fileName());
    dialog.setNameFilters(names);
    dialog.setDefaultSuffix(suffixes.value(0));
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&](const QString &filter) {
        dialog.setDefaultSuffix(suffixes.value(names.indexOf(filter), suffixes.value(0)));
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return std::nullopt;
    SaveTarget target{dialog.selectedFiles().constFirst(), 0};
    qsizetype type = suffixes.indexOf(QFileInfo(target.path).suffix().toLower());
    if (type < 0)
        type = std::max(qsizetype(0), names.indexOf(dialog.selectedNameFilter()));
    target.type = int(type);
    return target;
}

QStringList chooseOpenFiles(QWidget *parent, const QString &title, const QString &directory,
                            const QString &filter)
{
    return QFileDialog::getOpenFileNames(parent, title, directory, withAllFiles(filter));
}

QString chooseOpenFile(QWidget *parent, const QString &title, const QString &directory,
                       const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, title, directory, withAllFiles(filter));
}

} // namespace mizzle
