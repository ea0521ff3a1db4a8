#include "monitor/sessions_model.h"

#include "values/text_summary.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace mizzle {

using monitor::Session;

namespace {

QVariant age(const std::optional<double> &seconds)
{
    if (!seconds)
        return {};
    return formatDuration(qint64(*seconds * 1000));
}

QString pids(const QList<int> &list)
{
    QStringList text;
    for (int pid : list)
        text.append(QString::number(pid));
    return text.join(u", "_s);
}

} // namespace

SessionsModel::SessionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int SessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int SessionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Session &session = m_sessions[index.row()];
    const auto root = m_roots.constFind(session.pid);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Pid:
            return session.pid;
        case State:
            return session.state.isEmpty() ? session.backendType : session.state;
        case Wait:
            if (session.waitEventType.isEmpty())
                return {};
            return session.waitEventType + u": "_s + session.waitEvent;
        case TransactionAge:
            return age(session.xactAgeS);
        case QueryAge:
            return age(session.queryAgeS);
        case Application:
            return session.mizzle ? session.applicationName + tr(" (Mizzle)")
                                  : session.applicationName;
        case Client:
            return session.client;
        case BlockedBy:
            return pids(session.blockedBy);
        case Blocks:
            if (root == m_roots.cend())
                return {};
            return tr("%1 (%2 in all)%3")
                .arg(root->direct)
                .arg(root->transitive)
                .arg(root->cycle ? tr(", deadlock") : QString());
        case Query:
            return session.query.simplified();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Query)
            return session.query;
        if (session.idleInTransaction())
            return tr("Idle in a transaction: it holds its locks and the xmin horizon until "
                      "it ends.");
        return {};
    case Qt::BackgroundRole:
        if (root != m_roots.cend())
            return QBrush(QColor(255, 170, 170));
        if (!session.blockedBy.isEmpty())
            return QBrush(QColor(255, 222, 222));
        if (session.idleInTransaction())
            return QBrush(QColor(255, 214, 153));
        return {};
    case Qt::FontRole:
        if (session.mizzle) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    }
    return {};
}

QVariant SessionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList headers{
        tr("PID"),         tr("State"),  tr("Wait"),       tr("Transaction"), tr("Query age"),
        tr("Application"), tr("Client"), tr("Blocked by"), tr("Blocks"),      tr("Query")};
    return headers.value(section);
}

void SessionsModel::setSample(const monitor::ServerSample &sample)
{
    QHash<int, monitor::BlockingRoot> roots;
    QHash<int, int> rootRank;
    for (const monitor::BlockingRoot &root : sample.blockingRoots) {
        rootRank.insert(root.pid, int(rootRank.size()));
        roots.insert(root.pid, root);
    }
    QList<Session> ordered = sample.sessions;
    auto group = [&rootRank](const Session &session) {
        if (rootRank.contains(session.pid))
            return 0;
        if (!session.blockedBy.isEmpty())
            return 1;
        return session.isClientBackend() ? 2 : 3; // background processes last
    };
    std::stable_sort(ordered.begin(), ordered.end(), [&](const Session &a, const Session &b) {
        const int ga = group(a), gb = group(b);
        if (ga != gb)
            return ga < gb;
        if (ga == 0)
            return rootRank.value(a.pid) < rootRank.value(b.pid);
        const double xa = a.xactAgeS.value_or(-1), xb = b.xactAgeS.value_or(-1);
        if (xa != xb)
            return xa > xb;
        return a.pid < b.pid;
    });

    bool samePids = ordered.size() == m_sessions.size();
    for (int row = 0; samePids && row < ordered.size(); ++row)
        samePids = ordered[row].pid == m_sessions[row].pid;
    if (samePids) {
        m_sessions = std::move(ordered);
        m_roots = std::move(roots);
        if (!m_sessions.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_sessions = std::move(ordered);
    m_roots = std::move(roots);
    endResetModel();
}

const Session *SessionsModel::sessionAt(int row) const
{
    return row >= 0 && row < m_sessions.size() ? &m_sessions[row] : nullptr;
}

int SessionsModel::rowOf(int pid) const
{
    for (int row = 0; row < m_sessions.size(); ++row) {
        if (m_sessions[row].pid == pid)
            return row;
    }
    return -1;
}

} // namespace mizzle
