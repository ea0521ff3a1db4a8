#include "export/result_exporter.h"

#include "connection/query_result.h"

#include <QDir>
#include <QSaveFile>
#include <QTimer>

namespace mizzle {

using namespace Qt::StringLiterals;

ResultExporter::ResultExporter(const QueryResult *result, ResultFormat format, const QString &path,
                               QObject *parent)
    : QObject(parent)
    , m_result(result)
    , m_formatter(*result, format)
    , m_path(path)
{}

// QSaveFile discards an uncommitted file when it goes, so an export dropped halfway leaves
// nothing behind.
ResultExporter::~ResultExporter() = default;

void ResultExporter::setTable(const QString &schema, const QString &name)
{
    m_formatter.setTable(schema, name);
}

void ResultExporter::start()
{
    if (m_running)
        return;
    m_running = true;
    m_done = 0;
    m_total = m_result->rowCount();
    QTimer::singleShot(0, this, [this] {
        if (!m_running)
            return;
        m_file = std::make_unique<QSaveFile>(m_path);
        if (!m_file->open(QIODevice::WriteOnly)) {
            fail(u"Could not create the file: %1."_s.arg(m_file->errorString()));
            return;
        }
        if (!m_formatter.writeHeader(*m_file)) {
            fail(u"Could not write to the file: %1."_s.arg(m_file->errorString()));
            return;
        }
        writeSlice();
    });
}

void ResultExporter::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
    emit finished(Error{u"The export was cancelled; no file was written."_s,
                        QDir::toNativeSeparators(m_path),
                        {},
                        {},
                        {},
                        -1});
}

void ResultExporter::writeSlice()
{
    if (!m_running)
        return;
    const qsizetype last = std::min(m_done + sliceRows, m_total);
    if (!m_formatter.writeRows(*m_file, m_done, last)) {
        fail(u"Could not write to the file: %1."_s.arg(m_file->errorString()));
        return;
    }
    m_done = last;
    emit progress(m_done, m_total);
    if (!m_running) // a progress listener cancelled
        return;
    if (m_done < m_total) {
        QTimer::singleShot(0, this, &ResultExporter::writeSlice);
        return;
    }
    if (!m_formatter.writeFooter(*m_file) || !m_file->commit()) {
        fail(u"Could not finish the file: %1."_s.arg(m_file->errorString()));
        return;
    }
    m_file.reset();
    m_running = false;
    emit finished(m_path);
}

void ResultExporter::fail(const QString &message)
{
    m_running = false;
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
    emit finished(Error{message,
                        QDir::toNativeSeparators(m_path),
                        u"Check that the folder exists, that you may write to it and that the disk "
                        "has room, then export again."_s,
                        {},
                        {},
                        -1});
}

} // namespace mizzle
