#pragma once

#include <QList>
#include <QString>
#include <optional>

class QWidget;

namespace mizzle {

// One kind of file a save dialog offers: "CSV" with the suffix "csv".
struct FileType
{
    QString description;
    QString suffix;
};

struct SaveTarget
{
    QString path;
    int type = 0; // index into the types offered
};

// Asks where to save, offering one filter per type. A name typed without a suffix gets the
// chosen filter's; a name with a known suffix decides the type itself, whatever the filter.
// Nothing when the person cancels.
std::optional<SaveTarget> chooseSaveFile(QWidget *parent, const QString &title,
                                         const QString &suggestedPath,
                                         const QList<FileType> &types);

// Asks for existing files of the described kinds (a Qt name filter such as
// "Plans (*.json *.txt)"); "All files" is always offered too. Empty when cancelled.
QStringList chooseOpenFiles(QWidget *parent, const QString &title, const QString &directory,
                            const QString &filter);
QString chooseOpenFile(QWidget *parent, const QString &title, const QString &directory,
                       const QString &filter);

} // namespace mizzle
