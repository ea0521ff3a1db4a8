#include "browse/bytea_cell_editor.h"

#include "common/file_dialogs.h"
#include "values/bytea_hex.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QSaveFile>
#include <QToolButton>
#include <QToolTip>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

Error fileError(const QString &message, const QString &path, const QString &hint = {})
{
    return Error{message, QDir::toNativeSeparators(path), hint, {}, {}, -1};
}

} // namespace

QString byteaProblem(const QString &text)
{
    const bool hexForm = text.startsWith(u"\\x") || text.startsWith(u"\\X");
    if (!hexForm || fromByteaHex(text))
        return {};
    return ByteaCellEditor::tr("Not valid hex: \\x must be followed by pairs of hex digits.");
}

ByteaCellEditor::ByteaCellEditor(const Options &options, QWidget *parent)
    : LineCellEditor(options, parent)
{
    setCheck(byteaProblem);
    QToolButton *load = addButton(tr("Load…"), tr("Replace the value with a file's bytes"));
    QToolButton *save = addButton(tr("Save…"), tr("Save the value's bytes to a file"));
    connect(load, &QToolButton::clicked, this, &ByteaCellEditor::chooseAndLoad);
    connect(save, &QToolButton::clicked, this, &ByteaCellEditor::chooseAndSave);
}

Result<void> ByteaCellEditor::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(tr("Cannot read the file: %1").arg(file.errorString()), path);
    if (file.size() > kMaxFileBytes) {
        const QLocale locale;
        return fileError(tr("The file is too large for a cell editor (%1; at most %2).")
                             .arg(locale.formattedDataSize(file.size()),
                                  locale.formattedDataSize(kMaxFileBytes)),
                         path, tr("Load large data with COPY, or as a large object."));
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fileError(tr("Cannot read the file: %1").arg(file.errorString()), path);
    setEditedText(byteaHex(bytes));
    return {};
}

Result<void> ByteaCellEditor::saveFile(const QString &path) const
{
    const CellValue shown = value();
    if (shown.kind != CellValue::Kind::Text)
        return fileError(tr("The cell holds no bytes to save."), path);
    const std::optional<QByteArray> bytes = fromByteaHex(shown.text);
    if (!bytes) {
        return fileError(tr("The value is not in bytea's hex form (\\x…)."), path,
                         tr("Set bytea_output = hex, the server's default, and reload."));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit())
        return fileError(tr("Cannot write the file: %1").arg(file.errorString()), path);
    return {};
}

void ByteaCellEditor::chooseAndLoad()
{
    // The dialog runs its own event loop, in which the editor may be closed and deleted.
    QPointer<ByteaCellEditor> self(this);
    beginDialog();
    const QString path =
        chooseOpenFile(this, tr("Load the cell from a file"), {}, tr("Any file (*)"));
    if (!self)
        return;
    endDialog();
    if (path.isEmpty())
        return;
    if (const Result<void> loaded = loadFile(path); !loaded)
        report(loaded.error());
}

void ByteaCellEditor::chooseAndSave()
{
    QPointer<ByteaCellEditor> self(this);
    beginDialog();
    const std::optional<SaveTarget> target =
        chooseSaveFile(this, tr("Save the cell's bytes"), {}, {{tr("Binary data"), u"bin"_s}});
    if (!self)
        return;
    endDialog();
    if (!target)
        return;
    if (const Result<void> saved = saveFile(target->path); !saved)
        report(saved.error());
}

void ByteaCellEditor::report(const Error &error)
{
    QToolTip::showText(mapToGlobal(rect().bottomLeft()), error.toString(), this);
}

} // namespace mizzle
