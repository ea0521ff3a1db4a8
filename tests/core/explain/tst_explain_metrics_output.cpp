#include "explain/plan_json_parser.h"
#include "explain/plan_metrics.h"
#include "explain/plan_metrics_json.h"
#include "explain/plan_metrics_text.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// What `mizzle plan` prints: the JSON object, a public interface, and the text table.
class TestExplainMetricsOutput : public QObject
{
    Q_OBJECT
private slots:
    void jsonOutputIsExactlyTheDocumentedFormat();
    void plainExplainLeavesTimesNull();
    void realPlansHaveEveryDocumentedKey();
    void tableOfAnAnalyzedPlan();
    void missingValuesAndNeverExecutedNodes();
    void plainExplainHasNoInvariant();

private:
    struct Derived
    {
        Plan plan;
        PlanMetrics metrics;
    };
    static Derived derive(const QByteArray &json);
    static QByteArray data(const QString &name);
    static QString table(const QString &name);
};

TestExplainMetricsOutput::Derived TestExplainMetricsOutput::derive(const QByteArray &json)
{
    Result<Plan> plan = parseJsonPlan(json);
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    Derived derived{std::move(plan).value(), {}};
    derived.metrics = derivePlanMetrics(derived.plan);
    return derived;
}

QByteArray TestExplainMetricsOutput::data(const QString &name)
{
    QFile file(QDir(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans")).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

QString TestExplainMetricsOutput::table(const QString &name)
{
    const Derived derived = derive(data(name));
    return planToMetricsText(derived.plan, derived.metrics);
}

void TestExplainMetricsOutput::jsonOutputIsExactlyTheDocumentedFormat()
{
    const Derived d = derive(data(u"hand/nested_loop.json"_s));
    const QByteArray zeros = R"("sharedDirtied":0,"sharedWritten":0,"localHit":0,"localRead":0,)"
                             R"("localDirtied":0,"localWritten":0,"tempRead":0,"tempWritten":0})";
    const QByteArray expected =
        R"({"planningMs":0.125,"executionMs":10.25,"nodes":[)"
        R"({"id":0,"parent":null,"type":"Nested Loop","relation":null,"alias":null,)"
        R"("parentRelationship":null,"subplanName":null,"startupCost":0.29,"totalCost":1234.5,)"
        R"("planRows":180,"actualRows":200,"loops":1,"inclusiveMs":10,"exclusiveMs":3,)"
        R"("estimateFactor":1.111,"estimateDirection":"under","neverExecuted":false,)"
        R"("buffers":{"sharedHit":10,"sharedRead":0,)" +
        zeros +
        R"(},{"id":1,"parent":0,"type":"Seq Scan","relation":"orders","alias":"o",)"
        R"("parentRelationship":"Outer","subplanName":null,"startupCost":0,"totalCost":20,)"
        R"("planRows":180,"actualRows":200,"loops":1,"inclusiveMs":3,"exclusiveMs":3,)"
        R"("estimateFactor":1.111,"estimateDirection":"under","neverExecuted":false,)"
        R"("buffers":{"sharedHit":100,"sharedRead":20,)" +
        zeros +
        R"(},{"id":2,"parent":0,"type":"Index Scan","relation":"customers","alias":"c",)"
        R"("parentRelationship":"Inner","subplanName":null,"startupCost":0.29,"totalCost":6,)"
        R"("planRows":1,"actualRows":1,"loops":200,"inclusiveMs":4,"exclusiveMs":4,)"
        R"("estimateFactor":1,"estimateDirection":"none","neverExecuted":false,)"
        R"("buffers":{"sharedHit":400,"sharedRead":0,)" +
        zeros +
        R"(}],"invariant":{"ok":true,"sumExclusiveMs":10,"rootInclusiveMs":10,)"
        R"("unattributedMs":0}})"
        "\n";
    QCOMPARE(planToMetricsJson(d.plan, d.metrics), expected);
}

void TestExplainMetricsOutput::plainExplainLeavesTimesNull()
{
    const Derived d = derive(data(u"hand/plain_explain.json"_s));
    for (const NodeMetrics &node : d.metrics.nodes) {
        QVERIFY(!node.inclusiveMs && !node.exclusiveMs && !node.neverExecuted);
        QVERIFY(!node.estimateFactor && !node.exclusiveBuffers);
    }
    QVERIFY(!d.metrics.invariant.ok && !d.metrics.invariant.sumExclusiveMs);
    const QByteArray json = planToMetricsJson(d.plan, d.metrics);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(object.value(u"executionMs").isNull());
    QCOMPARE(object.value(u"planningMs").toDouble(), 0.08);
    const QJsonArray nodes = object.value(u"nodes").toArray();
    QCOMPARE(nodes.size(), 4);
    const QJsonObject last = nodes.at(3).toObject();
    QCOMPARE(last.value(u"alias").toString(), u"b \"quoted\""_s);
    QCOMPARE(last.value(u"parent").toInt(), 2);
    QCOMPARE(last.value(u"planRows").toDouble(), 100.0);
    for (const char *key : {"actualRows", "loops", "inclusiveMs", "exclusiveMs", "estimateFactor",
                            "estimateDirection", "neverExecuted", "buffers", "subplanName"})
        QVERIFY2(last.value(QLatin1StringView(key)).isNull(), key);
    const QJsonObject invariant = object.value(u"invariant").toObject();
    QCOMPARE(invariant.keys(), (QStringList{u"ok"_s, u"rootInclusiveMs"_s, u"sumExclusiveMs"_s,
                                            u"unattributedMs"_s}));
    QVERIFY(invariant.value(u"ok").isNull());
}

void TestExplainMetricsOutput::realPlansHaveEveryDocumentedKey()
{
    const QDir directory(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans/pg17"));
    const QStringList files = directory.entryList({u"*.json"_s});
    QVERIFY(files.size() >= 10);
    const QStringList nodeKeys = {u"id"_s,
                                  u"parent"_s,
                                  u"type"_s,
                                  u"relation"_s,
                                  u"alias"_s,
                                  u"parentRelationship"_s,
                                  u"subplanName"_s,
                                  u"startupCost"_s,
                                  u"totalCost"_s,
                                  u"planRows"_s,
                                  u"actualRows"_s,
                                  u"loops"_s,
                                  u"inclusiveMs"_s,
                                  u"exclusiveMs"_s,
                                  u"estimateFactor"_s,
                                  u"estimateDirection"_s,
                                  u"neverExecuted"_s,
                                  u"buffers"_s};
    for (const QString &name : files) {
        const Derived d = derive(data(u"pg17/"_s + name));
        const QJsonObject json =
            QJsonDocument::fromJson(planToMetricsJson(d.plan, d.metrics)).object();
        const QJsonArray nodes = json.value(u"nodes").toArray();
        QCOMPARE(size_t(nodes.size()), d.metrics.nodes.size());
        for (qsizetype id = 0; id < nodes.size(); ++id) {
            const QJsonObject node = nodes.at(id).toObject();
            QCOMPARE(node.value(u"id").toInt(), int(id));
            const QStringList keys = node.keys();
            QCOMPARE(QSet<QString>(keys.begin(), keys.end()),
                     QSet<QString>(nodeKeys.begin(), nodeKeys.end()));
        }
        QCOMPARE(json.value(u"invariant").toObject().value(u"ok").toBool(), true);
    }
}

void TestExplainMetricsOutput::tableOfAnAnalyzedPlan()
{
    // Figures right-aligned, the tree indented two spaces a level, zero block counts left out.
    const QString expected = uR"(Planning 0.125 ms, Execution 10.250 ms, Triggers 0.000 ms

id  parent  exclusive ms  inclusive ms  rows  plan rows  loops  estimate    cost           buffers                 node
 0       -         3.000        10.000   200        180      1  under 1.11  0.29..1234.50  shared hit=10           Nested Loop
 1       0         3.000         3.000   200        180      1  under 1.11  0.00..20.00    shared hit=100 read=20    Seq Scan on orders o
 2       0         4.000         4.000     1          1    200  1.00        0.29..6.00     shared hit=400            Index Scan using customers_pkey on customers c

Invariant: ok: exclusive times add up to 10.000 ms, the root's inclusive time is 10.000 ms, unattributed (rounding) 0.000 ms.
)"_s;
    QCOMPARE(table(u"hand/nested_loop.json"_s), expected);
}

void TestExplainMetricsOutput::missingValuesAndNeverExecutedNodes()
{
    const QStringList lines = table(u"hand/all_fields.json"_s).split(u'\n');
    QVERIFY(lines.first().startsWith(
        u"Planning 0.213 ms, Execution 3.566 ms, Triggers 2.000 ms, JIT 7.727 ms, "
        "Serialization 0.301 ms"_s));
    const auto row = [&](int id) {
        for (const QString &line : lines) {
            if (line.startsWith(u"%1 "_s.arg(id, 2)))
                return line.simplified();
        }
        return QString();
    };
    QVERIFY2(row(0).contains(u"shared hit=12 read=3 dirtied=2 written=1, local hit=4 read=5 "
                             "dirtied=6 written=7, temp read=8 written=9"_s),
             qPrintable(row(0)));
    QVERIFY2(row(3).startsWith(u"3 0 0.000 0.000 0 - 0 - - - SubPlan 1: Memoize (never "
                               "executed)"_s),
             qPrintable(row(3)));
    QVERIFY2(row(6).startsWith(u"6 5 - - - - - - - - Bitmap Index Scan using t_a"_s),
             qPrintable(row(6)));
    // The tree: BitmapAnd two columns right of the Bitmap Heap Scan it hangs under.
    const auto column = [&](const QString &node) {
        for (const QString &line : lines) {
            if (line.contains(node))
                return line.indexOf(node);
        }
        return qsizetype(-1);
    };
    QVERIFY(column(u"Bitmap Heap Scan"_s) > 0);
    QCOMPARE(column(u"BitmapAnd"_s), column(u"SubPlan 2: Bitmap Heap Scan"_s) + 2);
}

void TestExplainMetricsOutput::plainExplainHasNoInvariant()
{
    const QString text = table(u"hand/plain_explain.json"_s);
    QVERIFY(text.startsWith(u"Planning 0.080 ms\n"_s));
    QVERIFY(text.contains(u"Seq Scan on b \"b \"\"quoted\"\"\""_s));
    QVERIFY(text.endsWith(u"Invariant: not checked, the plan has no ANALYZE timing.\n"_s));
}

QTEST_GUILESS_MAIN(TestExplainMetricsOutput)
#include "tst_explain_metrics_output.moc"
