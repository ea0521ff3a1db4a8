#include "edit/edit_journal.h"

#include "base/file_names.h"
#include "edit/edit_buffer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

// "<path><infix><UTC time>", or with "-2", "-3" ... when that is taken: an earlier copy is
// never overwritten.
QString asidePath(const QString &path, const QString &infix)
{
    const QString base =
        path + infix + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
}

const QString kUnsaved = u"The pending changes are still there and can be saved; only a crash "
                         u"now would lose them."_s;

} // namespace

EditJournal::EditJournal(const QString &filePath, EditBuffer *buffer, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath)
    , m_buffer(buffer)
    , m_owned(!QFileInfo::exists(filePath))
{
    connect(buffer, &EditBuffer::changed, this, &EditJournal::onChanged);
}

EditJournal::~EditJournal()
{
    if (m_dirty && m_buffer)
        (void)flush();
}

QString EditJournal::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

QString EditJournal::journalPath(const QString &dataDirectory, const QString &profileKey,
                                 const QString &schema, const QString &table)
{
    const QString root = dataDirectory.isEmpty() ? defaultDirectory() : dataDirectory;
    // A key from profileKey() reads best by its first line, the target's name.
    const QString profileFolder =
        safeFileName(profileKey.section(u'\n', 0, 0), profileKey, u"profile"_s);
    // The schema's length first, so that no split of the same characters means the same.
    const QString exact = QString::number(schema.size()) + u':' + schema + u'.' + table;
    const QString readable = schema.left(20) + u'.' + table.left(40);
    return QDir(root).absoluteFilePath(u"journals/"_s + profileFolder + u'/' +
                                       safeFileName(readable, exact, u"table"_s, u".json"_s));
}

QString EditJournal::profileKey(const ConnectionTarget &target)
{
    QStringList parts{target.displayName};
    for (const QString &keyword :
         {u"service"_s, u"host"_s, u"hostaddr"_s, u"port"_s, u"dbname"_s, u"user"_s}) {
        if (target.parameters.contains(keyword))
            parts.append(keyword + u'=' + target.parameters.value(keyword));
    }
    return parts.join(u'\n');
}

Result<std::optional<JournalContents>> EditJournal::read(const QString &path,
                                                         const TableDetails &table)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<JournalContents>();
    const auto setAside = [&path](const QString &problem) {
        Error error{
            u"The pending changes kept for this table cannot be restored: %1"_s.arg(problem),
            path,
            {},
            {},
            {},
            -1};
        const QString aside = asidePath(path, u".broken-"_s);
        if (QFile::rename(path, aside)) {
            error.hint = u"The file was kept as %1, untouched; the table opens without those "
                         u"changes."_s.arg(aside);
        } else {
            error.hint = u"It could not be moved aside either, so it is left where it is; "
                         u"it will be set aside when the table's next change is kept."_s;
        }
        return error;
    };
    if (!file.open(QIODevice::ReadOnly))
        return setAside(u"it cannot be read (%1)"_s.arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return setAside(u"it cannot be read (%1)"_s.arg(file.errorString()));
    file.close();
    Result<JournalContents> contents = JournalContents::fromJson(bytes);
    if (!contents)
        return setAside(contents.error().message);
    if (const QString mismatch = contents->mismatch(table); !mismatch.isEmpty())
        return setAside(mismatch);
    return std::optional<JournalContents>(std::move(contents).value());
}

void EditJournal::restore(const JournalContents &contents)
{
    m_owned = true;
    if (m_buffer)
        contents.restoreInto(*m_buffer);
}

void EditJournal::onChanged()
{
    if (m_dirty)
        return;
    m_dirty = true;
    // One write for a burst of changes (a paste, a multi-row delete): at the next turn.
    QMetaObject::invokeMethod(this, [this] { (void)flush(); }, Qt::QueuedConnection);
}

Result<void> EditJournal::flush()
{
    if (!m_dirty || !m_buffer)
        return {};
    m_dirty = false;
    return report(m_buffer->hasChanges() ? write() : remove());
}

Result<void> EditJournal::discard()
{
    m_dirty = false;
    m_owned = true;
    return report(remove());
}

Result<void> EditJournal::report(Result<void> result)
{
    if (!result)
        emit writeFailed(result.error());
    return result;
}

Result<void> EditJournal::setAsideEarlier()
{
    // The file of an earlier run nobody restored or discarded: kept, not overwritten.
    if (QFileInfo::exists(m_filePath)) {
        const QString aside = asidePath(m_filePath, u".unrestored-"_s);
        if (!QFile::rename(m_filePath, aside)) {
            return Error{u"Cannot keep the pending changes safe from a crash: the changes of an "
                         u"earlier session are in the way and cannot be moved aside"_s,
                         m_filePath,
                         u"Move that file away; until then, a crash loses the "
                         u"changes made now. "_s +
                             kUnsaved};
        }
    }
    m_owned = true;
    return {};
}

Result<void> EditJournal::write()
{
    const auto failure = [this](const QString &reason) {
        return Error{u"Cannot keep the pending changes safe from a crash: %1"_s.arg(reason),
                     m_filePath,
                     u"Free disk space or fix the folder's permissions; the next change tries "
                     u"again. "_s +
                         kUnsaved};
    };
    if (!m_owned) {
        if (Result<void> aside = setAsideEarlier(); !aside)
            return aside;
    }
    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath()))
        return failure(u"its folder cannot be created"_s);
    const QByteArray bytes = JournalContents::of(*m_buffer).toJson();
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    // commit() flushes the bytes to the disk before it renames the file into place.
    if (file.write(bytes) != bytes.size() || !file.commit())
        return failure(file.errorString());
    return {};
}

Result<void> EditJournal::remove()
{
    if (!m_owned || !QFileInfo::exists(m_filePath))
        return {};
    QFile file(m_filePath);
    if (!file.remove()) {
        return Error{
            u"Cannot remove the journal of changes no longer pending: %1"_s.arg(file.errorString()),
            m_filePath,
            u"Delete the file by hand; otherwise the table offers those changes again "
            u"when it is next opened."_s};
    }
    return {};
}

} // namespace mizzle
