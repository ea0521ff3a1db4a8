#include "document/query_history.h"

#include "base/file_names.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <atomic>

namespace mizzle {

using namespace Qt::StringLiterals;

namespace {

const QString kDriver = u"QSQLITE"_s;

// Connection names are process-wide, and two windows may open the same profile's history.
std::atomic<quint64> connectionCounter{0};

// QSQLITE binds a null QString as SQL NULL; the history stores "no text" as the empty string so
// that its columns can stay NOT NULL.
QVariant textValue(const QString &text)
{
    return text.isNull() ? QVariant(u""_s) : QVariant(text);
}

// Search text for LIKE ... ESCAPE '\': the user's % and _ are characters, not wildcards.
QString likeSubstring(const QString &text)
{
    QString escaped = text.toCaseFolded();
    escaped.replace(u'\\', u"\\\\"_s);
    escaped.replace(u'%', u"\\%"_s);
    escaped.replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

QueryHistory::QueryHistory(const QString &directory, const QString &profileKey, QObject *parent)
    : QObject(parent)
    , m_directory(directory.isEmpty() ? defaultDirectory() : directory)
    , m_profileKey(profileKey)
    , m_filePath(QDir(m_directory).absoluteFilePath(fileNameFor(profileKey)))
{}

QueryHistory::~QueryHistory()
{
    if (m_connectionName.isEmpty())
        return;
    // removeDatabase() leaves the connection behind, with a warning, while any QSqlDatabase or
    // QSqlQuery still refers to it. Every one of them lives inside a member function, and the
    // temporary below is gone at the end of its statement.
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString QueryHistory::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/history"_s;
}

QString QueryHistory::fileNameFor(const QString &profileKey)
{
    return profileFileName(profileKey, u"history"_s, u".sqlite"_s);
}

Error QueryHistory::failure(const QString &message, const QString &databaseText,
                            const QString &hint) const
{
    Error error;
    error.message = databaseText.isEmpty() ? message : message + u": "_s + databaseText;
    error.where = m_filePath;
    error.hint = hint;
    return error;
}

Result<void> QueryHistory::open()
{
    if (m_open)
        return {};
    if (!QSqlDatabase::isDriverAvailable(kDriver)) {
        return failure(u"cannot keep the query history: Qt's SQLite driver (QSQLITE) is missing"_s,
                       {},
                       u"Install the package libqt6sql6-sqlite, or your system's Qt 6 SQLite "
                       "plugin, and restart Mizzle."_s);
    }
    if (!QDir().mkpath(m_directory)) {
        Error error = failure(u"cannot create the query history folder"_s, {},
                              u"Check that you may write there and that no file has the "
                              "folder's name."_s);
        error.where = m_directory;
        return error;
    }
    if (m_connectionName.isEmpty()) {
        m_connectionName = u"mizzle-history-%1"_s.arg(++connectionCounter);
        QSqlDatabase database = QSqlDatabase::addDatabase(kDriver, m_connectionName);
        database.setDatabaseName(m_filePath);
        // Another window writing the same file holds its lock for one row: wait a little, but
        // never freeze the GUI thread for long on a history entry.
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=1000"_s);
    }
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    const QString openHint = u"Check that you may write to the file. If it is damaged, move it "
                             "aside: Mizzle then starts a new history."_s;
    if (!database.open())
        return failure(u"cannot open the query history"_s, database.lastError().text(), openHint);

    // WAL: a write appends to a log that SQLite replays or drops on the next open, so a crash
    // (of Mizzle or of the machine) never leaves a half-written, corrupt history. NORMAL
    // synchronisation is safe with WAL and spares the GUI thread an fsync per statement; a
    // power cut may lose the last entries, never the file.
    const QStringList setup = {
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        // ran_at is milliseconds since the epoch (UTC): it sorts exactly, in any time zone.
        // statement_folded is the case-folded statement: SQLite's own LIKE folds ASCII letters
        // only, and a search for "ärger" should find "ÄRGER" too.
        u"CREATE TABLE IF NOT EXISTS history ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " ran_at INTEGER NOT NULL,"
        " statement TEXT NOT NULL,"
        " statement_folded TEXT NOT NULL,"
        " duration_ms INTEGER NOT NULL,"
        " row_count INTEGER NOT NULL,"
        " status TEXT NOT NULL,"
        " message TEXT NOT NULL,"
        " profile TEXT NOT NULL)"_s,
        u"CREATE INDEX IF NOT EXISTS history_ran_at ON history (ran_at)"_s,
    };
    for (const QString &statement : setup) {
        QString problem;
        {
            QSqlQuery query(database);
            if (!query.exec(statement))
                problem = query.lastError().text();
        }
        if (!problem.isEmpty()) {
            database.close();
            return failure(u"cannot prepare the query history"_s, problem, openHint);
        }
    }
    m_open = true;
    return {};
}

Result<void> QueryHistory::record(const HistoryEntry &entry)
{
    if (!m_open) {
        return failure(u"the query history was used before it was opened"_s, {},
                       u"This is a bug in Mizzle; please report it."_s);
    }
    const QString hint = u"The statement itself ran; only its history entry is missing. Check the "
                         "free space and that you may write to the file."_s;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.prepare(u"INSERT INTO history (ran_at, statement, statement_folded, duration_ms,"
                       " row_count, status, message, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s)) {
        return failure(u"cannot record the statement"_s, query.lastError().text(), hint);
    }
    const QDateTime ranAt = entry.ranAt.isValid() ? entry.ranAt : QDateTime::currentDateTime();
    query.addBindValue(ranAt.toMSecsSinceEpoch());
    query.addBindValue(textValue(entry.sql));
    query.addBindValue(textValue(entry.sql.toCaseFolded()));
    query.addBindValue(entry.durationMs);
    query.addBindValue(entry.rows);
    query.addBindValue(textValue(entry.status));
    query.addBindValue(textValue(entry.message));
    query.addBindValue(textValue(entry.profile.isEmpty() ? m_profileKey : entry.profile));
    if (!query.exec())
        return failure(u"cannot record the statement"_s, query.lastError().text(), hint);

    HistoryEntry stored = entry;
    stored.ranAt = ranAt;
    if (stored.profile.isEmpty())
        stored.profile = m_profileKey;
    emit recorded(stored);
    return {};
}

Result<QList<HistoryEntry>> QueryHistory::search(const QString &text, int limit) const
{
    if (!m_open) {
        return failure(u"the query history was used before it was opened"_s, {},
                       u"This is a bug in Mizzle; please report it."_s);
    }
    const QString hint = u"Check that you may read the file. If it is damaged, move it aside: "
                         "Mizzle then starts a new history."_s;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    // id breaks ties between statements started within the same millisecond.
    if (!query.prepare(u"SELECT ran_at, statement, duration_ms, row_count, status, message, profile"
                       " FROM history WHERE statement_folded LIKE ? ESCAPE '\\'"
                       " ORDER BY ran_at DESC, id DESC LIMIT ?"_s)) {
        return failure(u"cannot search the query history"_s, query.lastError().text(), hint);
    }
    query.addBindValue(likeSubstring(text));
    query.addBindValue(limit > 0 ? limit : -1); // SQLite reads a negative LIMIT as none
    if (!query.exec())
        return failure(u"cannot search the query history"_s, query.lastError().text(), hint);

    QList<HistoryEntry> entries;
    while (query.next()) {
        HistoryEntry entry;
        entry.ranAt = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong());
        entry.sql = query.value(1).toString();
        entry.durationMs = query.value(2).toLongLong();
        entry.rows = query.value(3).toLongLong();
        entry.status = query.value(4).toString();
        entry.message = query.value(5).toString();
        entry.profile = query.value(6).toString();
        entries.append(std::move(entry));
    }
    if (query.lastError().isValid())
        return failure(u"cannot search the query history"_s, query.lastError().text(), hint);
    return entries;
}

} // namespace mizzle
