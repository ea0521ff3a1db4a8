#include "document/editor_session.h"

#include "base/file_names.h"
#include "base/versioned_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <cmath>
#include <limits>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString formatName = u"mizzle-session"_s;
constexpr int formatVersion = 1;

// Why a document object cannot be read, or an empty string when it can.
QString readDocument(const QJsonObject &object, SessionDocument &document)
{
    const auto text = [&object](const QString &key, QString &into) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return true;
        into = value.toString();
        return value.isString();
    };
    if (!text(u"file"_s, document.filePath))
        return u"file"_s;
    if (!text(u"text"_s, document.unsavedText))
        return u"text"_s;
    if (!text(u"title"_s, document.title))
        return u"title"_s;
    const QJsonValue modified = object.value(u"modified"_s);
    if (!modified.isUndefined() && !modified.isBool())
        return u"modified"_s;
    document.modified = modified.toBool();
    const QJsonValue cursor = object.value(u"cursor"_s);
    if (!cursor.isUndefined()) {
        const double position = cursor.toDouble(-1);
        if (!cursor.isDouble() || position < 0 || position != std::trunc(position) ||
            position > std::numeric_limits<int>::max())
            return u"cursor"_s;
        document.cursorPosition = static_cast<int>(position);
    }
    return {};
}

QJsonObject toJson(const SessionDocument &document)
{
    QJsonObject object{{u"title"_s, document.title},
                       {u"modified"_s, document.modified},
                       {u"cursor"_s, document.cursorPosition}};
    if (!document.filePath.isEmpty())
        object.insert(u"file"_s, document.filePath);
    if (!document.unsavedText.isEmpty())
        object.insert(u"text"_s, document.unsavedText);
    return object;
}

} // namespace

EditorSession::EditorSession(const QString &filePath)
    : m_filePath(filePath.isEmpty() ? defaultFilePath() : filePath)
{}

EditorSession::~EditorSession() = default;

QString EditorSession::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           u"/session.json"_s;
}

Result<void> EditorSession::claim()
{
    if (m_lock)
        return {};
    const QString directory = QFileInfo(m_filePath).absolutePath();
    if (!QDir().mkpath(directory))
        return Error{u"Cannot create the folder for the session file"_s, directory, {}, {}, {}, -1};
    auto lock = std::make_unique<QLockFile>(m_filePath + u".lock"_s);
    // Held for as long as Mizzle runs: only a lock whose process is gone counts as stale.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0)) {
        m_lock = std::move(lock);
        return {};
    }
    if (lock->error() != QLockFile::LockFailedError)
        return Error{u"Cannot create the session's lock file"_s, lock->fileName(), {}, {}, {}, -1};
    qint64 pid = 0;
    QString host;
    QString application;
    lock->getLockInfo(&pid, &host, &application);
    return Error{u"Another Mizzle (process %1) is keeping the session of SQL documents"_s.arg(pid),
                 m_filePath,
                 u"This window neither restores nor keeps its SQL documents across restarts; "
                 u"save them to files."_s,
                 {},
                 {},
                 -1};
}

Result<QList<SessionDocument>> EditorSession::load()
{
    QFile file(m_filePath);
    if (!file.exists()) {
        m_blocked = false;
        return QList<SessionDocument>{};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_blocked = true;
        return Error{u"Cannot read the session file: %1"_s.arg(file.errorString()),
                     m_filePath,
                     u"It is left as it is, and the open SQL documents are not kept across "
                     u"restarts until it can be read."_s,
                     {},
                     {},
                     -1};
    }
    const QByteArray bytes = file.readAll();
    file.close();

    const Result<QJsonObject> read =
        readVersionedJson(bytes, formatName, formatVersion, u"a Mizzle session"_s);
    if (!read)
        return damaged(read.error().message);
    const QJsonObject &top = read.value();
    const QJsonValue documents = top.value(u"documents"_s);
    if (!documents.isArray())
        return damaged(u"\"documents\" is not an array"_s);

    QList<SessionDocument> loaded;
    const QJsonArray array = documents.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        SessionDocument document;
        const QString badKey =
            array[i].isObject() ? readDocument(array[i].toObject(), document) : QString();
        if (!array[i].isObject() || !badKey.isEmpty())
            return damaged(u"documents[%1]%2 has the wrong type"_s.arg(i).arg(
                badKey.isEmpty() ? QString() : u"."_s + badKey));
        loaded.append(document);
    }
    m_blocked = false;
    m_lastWritten = bytes;
    return loaded;
}

Result<void> EditorSession::save(const QList<SessionDocument> &documents)
{
    if (m_blocked)
        return Error{u"The session file was not saved: the one in place could not be read"_s,
                     m_filePath,
                     u"Move it away or repair it; until then save SQL documents to files."_s,
                     {},
                     {},
                     -1};
    QJsonArray array;
    for (const SessionDocument &document : documents)
        array.append(toJson(document));
    const QJsonObject top{
        {u"format"_s, formatName}, {u"version"_s, formatVersion}, {u"documents"_s, array}};
    const QByteArray bytes = QJsonDocument(top).toJson(QJsonDocument::Indented);
    if (bytes == m_lastWritten && QFile::exists(m_filePath))
        return {};

    const auto failure = [this](const QString &reason) {
        return Error{u"Cannot save the session file: %1"_s.arg(reason), m_filePath, {}, {}, {}, -1};
    };
    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath()))
        return failure(u"its folder cannot be created"_s);
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return failure(file.errorString());
    m_lastWritten = bytes;
    return {};
}

Error EditorSession::damaged(const QString &problem)
{
    const QString aside = brokenFilePath(m_filePath);
    Error error{u"The session file is damaged: %1"_s.arg(problem), m_filePath, {}, {}, {}, -1};
    m_lastWritten.clear();
    if (QFile::rename(m_filePath, aside)) {
        m_blocked = false;
        error.hint = u"It was kept as %1; the SQL documents of the last session are not "
                     u"restored."_s.arg(aside);
    } else {
        m_blocked = true;
        error.hint = u"It could not be moved aside, so it is left in place and the session is "
                     u"not saved until it is moved or repaired."_s;
    }
    return error;
}

} // namespace mizzle
