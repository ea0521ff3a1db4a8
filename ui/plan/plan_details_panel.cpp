#include "plan/plan_details_panel.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <cmath>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

// As PostgreSQL prints it: whole numbers without an exponent or a fraction.
QString number(double value)
{
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
}

QString milliseconds(std::optional<double> ms)
{
    return ms ? QObject::tr("%1 ms").arg(QString::number(*ms, 'f', 3)) : QString();
}

QString percent(std::optional<double> share)
{
    return share ? QString::number(*share * 100, 'f', 1) + u'%' : QString();
}

QString buffersText(const explain::PlanBuffers &buffers)
{
    QStringList parts;
    const auto add = [&parts](const char *name, qint64 value) {
        if (value != 0)
            parts << u"%1=%2"_s.arg(QLatin1StringView(name)).arg(value);
    };
    add("shared hit", buffers.sharedHit);
    add("shared read", buffers.sharedRead);
    add("shared dirtied", buffers.sharedDirtied);
    add("shared written", buffers.sharedWritten);
    add("local hit", buffers.localHit);
    add("local read", buffers.localRead);
    add("local dirtied", buffers.localDirtied);
    add("local written", buffers.localWritten);
    add("temp read", buffers.tempRead);
    add("temp written", buffers.tempWritten);
    return parts.isEmpty() ? u"none"_s : parts.join(u", "_s);
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    default:
        return {};
    }
}

} // namespace

PlanDetailsPanel::PlanDetailsPanel(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Field"), tr("Value")});
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    setWordWrap(false);
}

void PlanDetailsPanel::clearNode()
{
    clear();
}

void PlanDetailsPanel::showText(const QString &text)
{
    clear();
    auto *item = new QTreeWidgetItem(this, {text});
    item->setFirstColumnSpanned(true);
}

QTreeWidgetItem *PlanDetailsPanel::addSection(const QString &title)
{
    auto *section = new QTreeWidgetItem(this, {title});
    QFont bold = section->font(0);
    bold.setBold(true);
    section->setFont(0, bold);
    section->setFirstColumnSpanned(true);
    section->setExpanded(true);
    return section;
}

void PlanDetailsPanel::addDerived(QTreeWidgetItem *section, const QString &field,
                                  const QString &value)
{
    if (!value.isEmpty())
        new QTreeWidgetItem(section, {field, value});
}

void PlanDetailsPanel::showNode(const explain::PlanNode &node, const explain::NodeMetrics &metrics,
                                std::optional<double> share, const QJsonObject &printed)
{
    clear();
    QTreeWidgetItem *derived = addSection(tr("Derived by Mizzle"));
    addDerived(derived, tr("Exclusive time"), milliseconds(metrics.exclusiveMs));
    addDerived(derived, tr("Inclusive time"), milliseconds(metrics.inclusiveMs));
    addDerived(derived, tr("Share of the plan's time"), percent(share));
    if (metrics.actualRowsTotal)
        addDerived(derived, tr("Rows, all loops"), number(*metrics.actualRowsTotal));
    if (metrics.plannedRowsTotal)
        addDerived(derived, tr("Rows planned, all loops"), number(*metrics.plannedRowsTotal));
    if (metrics.estimateFactor && metrics.estimateDirection) {
        const QString direction =
            *metrics.estimateDirection == explain::EstimateDirection::Under  ? tr("under")
            : *metrics.estimateDirection == explain::EstimateDirection::Over ? tr("over")
                                                                             : tr("exact");
        addDerived(derived, tr("Estimate"),
                   u"%1 %2×"_s.arg(direction, QString::number(*metrics.estimateFactor, 'f', 2)));
    }
    addDerived(derived, tr("Removed by filters"), percent(metrics.filterRemovedShare));
    addDerived(derived, tr("Heap fetches"), percent(metrics.heapFetchShare));
    if (metrics.neverExecuted.value_or(false))
        addDerived(derived, tr("Never executed"), tr("yes"));
    if (metrics.parallel)
        addDerived(derived, tr("Parallel processes"), number(metrics.processes));
    QStringList spills;
    if (metrics.spills.sortToDisk)
        spills << tr("sort on disk");
    if (metrics.spills.hashBatches)
        spills << tr("hash in %1 batches").arg(node.hashBatches.value_or(0));
    if (metrics.spills.hashAggDisk)
        spills << tr("aggregate spilled to disk");
    addDerived(derived, tr("Spills"), spills.join(u", "_s));
    if (metrics.exclusiveBuffers)
        addDerived(derived, tr("Exclusive buffers"), buffersText(*metrics.exclusiveBuffers));

    QTreeWidgetItem *section = addSection(tr("As printed by PostgreSQL"));
    for (auto it = printed.begin(); it != printed.end(); ++it) {
        if (it.key() != u"Plans")
            addPrinted(section, it.key(), it.value(), node.extra.contains(it.key()));
    }
    expandAll();
}

void PlanDetailsPanel::addPrinted(QTreeWidgetItem *parent, const QString &field,
                                  const QJsonValue &value, bool unknown)
{
    auto *item = new QTreeWidgetItem(parent, {field, scalarText(value)});
    if (unknown) {
        QFont italic = item->font(0);
        italic.setItalic(true);
        item->setFont(0, italic);
        item->setToolTip(0, tr("Mizzle's plan model does not know this field; it is shown as "
                               "PostgreSQL printed it."));
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            addPrinted(item, u"[%1]"_s.arg(i), array.at(i), false);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addPrinted(item, it.key(), it.value(), false);
    } else {
        item->setToolTip(1, item->text(1));
    }
}

QString PlanDetailsPanel::valueOf(const QString &field) const
{
    const QList<QTreeWidgetItem *> found =
        findItems(field, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return found.isEmpty() ? QString() : found.first()->text(1);
}

std::vector<QJsonObject> PlanDetailsPanel::printedNodes(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    std::vector<QJsonObject> nodes;
    if (document.isArray() && document.array().isEmpty())
        return nodes;
    const QJsonObject top =
        document.isArray() ? document.array().first().toObject() : document.object();
    if (!top.contains(u"Plan"))
        return nodes;
    std::vector<QJsonObject> pending{top.value(u"Plan").toObject()};
    while (!pending.empty()) {
        QJsonObject node = std::move(pending.back());
        pending.pop_back();
        const QJsonArray children = node.value(u"Plans").toArray();
        for (qsizetype i = children.size() - 1; i >= 0; --i)
            pending.push_back(children.at(i).toObject());
        nodes.push_back(std::move(node));
    }
    return nodes;
}

} // namespace mizzle
