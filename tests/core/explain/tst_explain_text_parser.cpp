#include "explain/plan_comparison.h"
#include "explain/plan_json_parser.h"
#include "explain/plan_metrics.h"
#include "explain/plan_parser.h"
#include "explain/plan_text_parser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

// The TEXT parser against PostgreSQL 17's own output (tests/data/plans/psql, made by
// make_text_samples.sh there) and a hand-made plan with every kind of detail line.
class TestExplainTextParser : public QObject
{
    Q_OBJECT
private slots:
    void plainExplainMatchesJsonExactly();
    void analyzeMatchesJsonOfTheSameExecution();
    void everyPsqlLayoutGivesTheSameTree_data();
    void everyPsqlLayoutGivesTheSameTree();
    void readsAnAutoExplainLogEntry();
    void readsNodeNamesAndTargets();
    void readsDetailLines();
    void readsTheSummary();
    void parsePlanTellsTheFormatsApart();
    void malformedTextNamesTheLine_data();
    void malformedTextNamesTheLine();

private:
    static QByteArray data(const QString &name);
    static Plan text(const QString &name);
};

QByteArray TestExplainTextParser::data(const QString &name)
{
    QFile file(QDir(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans")).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

Plan TestExplainTextParser::text(const QString &name)
{
    Result<Plan> plan = parseTextPlan(data(name));
    if (!plan)
        qFatal("%s: %s", qPrintable(name), qPrintable(plan.error().toString()));
    return std::move(plan).value();
}

void TestExplainTextParser::plainExplainMatchesJsonExactly()
{
    // EXPLAIN (VERBOSE) of a parallel join with an InitPlan, and quoted names with spaces.
    const Result<Plan> json = parseJsonPlan(data(u"psql/pair_plain.json"_s));
    QVERIFY(json.ok());
    const Plan plan = text(u"psql/pair_plain.txt"_s);
    const QStringList differences = planDifferences(json->root, plan.root);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));
    const PlanNode &scan =
        plan.root.children.at(1).children.at(0).children.at(0).children.at(0).children.at(0);
    QCOMPARE(scan.relationName, u"order lines"_s);
    QCOMPARE(scan.alias, u"the lines"_s);
    QCOMPARE(scan.schema, u"public"_s);
    QCOMPARE(scan.parallelAware, true);
    QCOMPARE(scan.filter, u"((\"the lines\".\"line id\")::numeric > (InitPlan 1).col1)"_s);
    QCOMPARE(plan.root.children.at(0).subplanName, u"InitPlan 1"_s);
    // A field the comparison must not miss: change one estimate and it is reported.
    Plan changed = plan;
    changed.root.children.at(1).planRows = 701;
    QCOMPARE(planDifferences(json->root, changed.root).size(), 1);
}

void TestExplainTextParser::analyzeMatchesJsonOfTheSameExecution()
{
    // EXPLAIN ANALYZE as TEXT, and auto_explain's JSON of the very same execution, with
    // per-worker times, sorts and buffers.
    const Result<Plan> json = parsePlan(data(u"psql/pair_analyze_notice.log"_s));
    QVERIFY2(json.ok(), qPrintable(json.ok() ? QString() : json.error().toString()));
    const Plan plan = text(u"psql/pair_analyze.txt"_s);
    const QStringList differences = planDifferences(json->root, plan.root, 0.0005);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));
    const PlanNode &sort = plan.root.children.at(0);
    QCOMPARE(sort.workers.size(), size_t(2));
    QCOMPARE(sort.workers[1].workerNumber, 1);
    QCOMPARE(sort.workers[1].sortMethod, u"quicksort"_s);
    QVERIFY(sort.workers[1].buffers->sharedHit > 0);
    QCOMPARE(plan.executionTimeMs, 42.538);
    // The metrics come out the same, and add up.
    const PlanMetrics fromText = derivePlanMetrics(plan);
    const PlanMetrics fromJson = derivePlanMetrics(json.value());
    QCOMPARE(fromText.invariant.ok, true);
    for (size_t id = 0; id < fromJson.nodes.size(); ++id) {
        QVERIFY(qAbs(*fromText.nodes[id].exclusiveMs - *fromJson.nodes[id].exclusiveMs) < 0.002);
        QCOMPARE(fromText.nodes[id].exclusiveBuffers, fromJson.nodes[id].exclusiveBuffers);
    }
}

void TestExplainTextParser::everyPsqlLayoutGivesTheSameTree_data()
{
    QTest::addColumn<QByteArray>("input");
    for (const char *name : {"text_border2.txt", "text_unicode_wrapped.txt", "text_wrapped.txt",
                             "text_expanded.txt", "text_one_value.txt"})
        QTest::newRow(name) << data(u"psql/"_s + QLatin1StringView(name));
    QTest::newRow("CRLF") << data(u"psql/text_border2.txt"_s).replace("\n", "\r\n");
    // A grid copy with each line quoted, as some clients do.
    QByteArray quoted;
    for (const QByteArray &line : data(u"psql/text_unaligned.txt"_s).split('\n')) {
        if (!line.isEmpty() && line != "QUERY PLAN" && !line.startsWith('('))
            quoted += '"' + QByteArray(line).replace("\"", "\"\"") + "\"\n";
    }
    QTest::newRow("quoted lines") << quoted;
}

void TestExplainTextParser::everyPsqlLayoutGivesTheSameTree()
{
    QFETCH(QByteArray, input);
    const Plan reference = text(u"psql/text_unaligned.txt"_s);
    QCOMPARE(reference.root.nodeType, u"Sort"_s);
    const Result<Plan> plan = parseTextPlan(input);
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    const QStringList differences = planDifferences(reference.root, plan->root);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));
}

void TestExplainTextParser::readsAnAutoExplainLogEntry()
{
    const Result<Plan> plan = parsePlan(data(u"psql/auto_explain_server.log"_s));
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    QCOMPARE(plan->queryText, u"SELECT count(*) FROM small WHERE grp > 10 AND label <> ''"_s);
    QCOMPARE(plan->root.nodeType, u"Aggregate"_s);
    const PlanNode &scan = plan->root.children.at(0);
    QCOMPARE(scan.relationName, u"small"_s);
    QCOMPARE(scan.filter, u"((grp > 10) AND (label <> ''::text))"_s);
    QCOMPARE(scan.rowsRemovedByFilter, 11.0);
    QCOMPARE(scan.actualRows, 89.0);
    QVERIFY(derivePlanMetrics(plan.value()).invariant.ok.value_or(false));
}

void TestExplainTextParser::readsNodeNamesAndTargets()
{
    const Plan plan = text(u"hand/text_details.txt"_s);
    const PlanNode &root = plan.root;
    QCOMPARE(root.nodeType, u"ModifyTable"_s);
    QCOMPARE(root.operation, u"Update"_s);
    QCOMPARE(root.relationName, u"accounts"_s);
    QCOMPARE(root.alias, u"a"_s);
    QCOMPARE(root.children.size(), size_t(3));
    const PlanNode &initPlan = root.children[0];
    QCOMPARE(initPlan.subplanName, u"InitPlan 1"_s);
    QCOMPARE(initPlan.parentRelationship, u"InitPlan"_s);
    const PlanNode &loop = root.children[1];
    QCOMPARE(loop.nodeType, u"Nested Loop"_s);
    QCOMPARE(loop.joinType, u"Left"_s);
    QCOMPARE(loop.parentRelationship, u"Outer"_s);
    const PlanNode &index = loop.children[0];
    QCOMPARE(index.nodeType, u"Index Scan"_s);
    QCOMPARE(index.scanDirection, u"Backward"_s);
    QCOMPARE(index.indexName, u"accounts pkey"_s);
    QCOMPARE(index.schema, u"public"_s);
    const PlanNode &anti = loop.children[1];
    QCOMPARE(anti.nodeType, u"Hash Join"_s);
    QCOMPARE(anti.joinType, u"Right Anti"_s);
    QCOMPARE(anti.parentRelationship, u"Inner"_s);
    QCOMPARE(anti.children[0].actualLoops, 0.0); // never executed
    const PlanNode &bitmapAnd = anti.children[1].children[0].children[0];
    QCOMPARE(bitmapAnd.nodeType, u"BitmapAnd"_s);
    QCOMPARE(bitmapAnd.children[1].indexName, u"t b"_s);
    QCOMPARE(bitmapAnd.children[1].parentRelationship, u"Member"_s);
    const PlanNode &subPlan = root.children[2];
    QCOMPARE(subPlan.subplanName, u"SubPlan 2"_s);
    QCOMPARE(subPlan.parentRelationship, u"SubPlan"_s);
    QCOMPARE(subPlan.strategy, u"Sorted"_s);
    QCOMPARE(subPlan.partialMode, u"Partial"_s);
    const PlanNode &custom = subPlan.children[0].children[0];
    QCOMPARE(custom.nodeType, u"Custom Scan"_s);
    QCOMPARE(custom.customPlanProvider, u"Citus Adaptive"_s);
    QCOMPARE(custom.relationName, u"g"_s);
    QVERIFY(!custom.actualTotalTimeMs.has_value()); // TIMING OFF: rows and loops only
    QCOMPARE(custom.actualLoops, 10.0);
    QCOMPARE(custom.children[0].parentRelationship, u"Member"_s);
    const PlanNode &setOp = custom.children[1];
    QCOMPARE(setOp.nodeType, u"SetOp"_s);
    QCOMPARE(setOp.strategy, u"Hashed"_s);
    QCOMPARE(setOp.command, u"Except All"_s);
    QCOMPARE(custom.children[2].partialMode, u"Finalize"_s);
    QCOMPARE(custom.children[2].strategy, u"Hashed"_s);
}

void TestExplainTextParser::readsDetailLines()
{
    const Plan plan = text(u"hand/text_details.txt"_s);
    const PlanNode &root = plan.root;
    QCOMPARE(*root.buffers, (PlanBuffers{12, 3, 2, 1, 4, 5, 6, 7, 8, 9}));
    QCOMPARE(root.ioTimes.sharedReadMs, 0.125);
    QCOMPARE(root.ioTimes.tempWriteMs, 0.002);
    QCOMPARE(root.wal->bytes, Q_INT64_C(9007199254740993));
    QCOMPARE(root.extra.value(u"Unparsed Lines").toArray().at(0).toString(),
             u"Update on public.accounts_2024 a_1"_s);
    const PlanNode &loop = root.children[1];
    QCOMPARE(loop.rowsRemovedByJoinFilter, 3.0);
    QVERIFY(loop.buffers.has_value()); // BUFFERS was on: the missing line means zeros
    QCOMPARE(loop.children[0].filter, u"(a.active AND (a.note <> 'x, y'::text))"_s);
    const PlanNode &hash = loop.children[1].children[1];
    QCOMPARE(hash.hashBuckets, 65536);
    QCOMPARE(hash.originalHashBuckets, 1024);
    QCOMPARE(hash.hashBatches, 4);
    QCOMPARE(hash.originalHashBatches, 1);
    QCOMPARE(hash.peakMemoryUsageKb, 4096);
    const PlanNode &bitmap = hash.children[0];
    QCOMPARE(bitmap.rowsRemovedByIndexRecheck, 17.0);
    QCOMPARE(bitmap.exactHeapBlocks, 10);
    QCOMPARE(bitmap.lossyHeapBlocks, 5);
    const PlanNode &memoize = root.children[2].children[0];
    QCOMPARE(memoize.cacheKey, u"g.k"_s);
    QCOMPARE(memoize.cacheHits, 90);
    QCOMPARE(memoize.cacheEvictions, 2);
    QCOMPARE(memoize.peakMemoryUsageKb, 3);
    const PlanNode &custom = memoize.children[0];
    QCOMPARE(custom.extra.value(u"Some Future Detail").toString(), u"kept"_s);
    QCOMPARE(custom.children[0].samplingMethod, u"bernoulli"_s);
    QCOMPARE(custom.children[0].samplingParameters, QStringList{u"'10'::real"_s});
    QCOMPARE(custom.children[0].repeatableSeed, u"'42'::double precision"_s);
    const PlanNode &hashAgg = custom.children[2];
    QCOMPARE(hashAgg.plannedPartitions, 4);
    QCOMPARE(hashAgg.hashAggBatches, 5);
    QCOMPARE(hashAgg.diskUsageKb, 1024);
    const PlanNode &incremental = custom.children[3];
    QCOMPARE(incremental.presortedKey, QStringList{u"e.a"_s});
    QCOMPARE(incremental.sortKey, (QStringList{u"e.a"_s, u"e.b"_s}));
    const PlanNode &sort = custom.children[4];
    QCOMPARE(sort.sortSpaceType, u"Disk"_s);
    QCOMPARE(sort.sortSpaceUsedKb, 7424);
    // Spills read from the text: the external sort and the incremental sort's disk groups.
    const PlanMetrics metrics = derivePlanMetrics(plan);
    QVERIFY(metrics.nodes.back().spills.sortToDisk);
    QVERIFY(metrics.nodes[metrics.nodes.size() - 2].spills.sortToDisk);
    QVERIFY(metrics.nodes[metrics.nodes.size() - 3].spills.hashAggDisk);
}

void TestExplainTextParser::readsTheSummary()
{
    const Plan plan = text(u"hand/text_details.txt"_s);
    QCOMPARE(plan.planningTimeMs, 0.213);
    QCOMPARE(plan.executionTimeMs, 3.566);
    QCOMPARE(plan.planningBuffers->sharedHit, 26);
    QCOMPARE(plan.planningMemoryAllocatedKb, 32);
    QCOMPARE(plan.settings.size(), 3);
    QCOMPARE(plan.settings.at(1), std::pair(u"search_path"_s, u"\"my schema\", public"_s));
    QCOMPARE(plan.triggers.size(), 2);
    QCOMPARE(plan.triggers[0].name, u"RI_ConstraintTrigger_a_16413"_s);
    QCOMPARE(plan.triggers[0].constraintName, u"posts_user_id_fkey"_s);
    QCOMPARE(plan.triggers[0].relation, u"users"_s);
    QCOMPARE(plan.triggers[0].timeMs, 1.25);
    QCOMPARE(plan.triggers[1].constraintName, u"orders_fkey"_s);
    QCOMPARE(plan.triggers[1].calls, 1.0);
    QCOMPARE(plan.jit->functions, 8);
    QCOMPARE(plan.jit->optimization, true);
    QCOMPARE(plan.jit->deformMs, 0.091);
    QCOMPARE(plan.jit->totalMs, 7.727);
    QCOMPARE(plan.serialization->timeMs, 0.301);
    QCOMPARE(plan.serialization->outputVolumeKb, 2);
    QCOMPARE(plan.serialization->buffers->sharedHit, 5);
    QCOMPARE(plan.queryIdentifier, u"-8461256309247093823"_s);
    const PlanMetrics metrics = derivePlanMetrics(plan);
    QCOMPARE(metrics.triggersMs, 1.75);
    QCOMPARE(metrics.jitMs, 7.727);
}

void TestExplainTextParser::parsePlanTellsTheFormatsApart()
{
    const Result<Plan> json = parsePlan(data(u"psql/aligned.txt"_s));
    QVERIFY(json.ok());
    QCOMPARE(json->root.relationName, u"t_small"_s);
    const Result<Plan> fromText = parsePlan(data(u"psql/text_border2.txt"_s));
    QVERIFY(fromText.ok());
    QCOMPARE(fromText->root.nodeType, u"Sort"_s);
    const Result<Plan> brokenJson = parsePlan("[{\"Plan\": {\"Node Type\": ");
    QVERIFY(!brokenJson.ok());
    QVERIFY(brokenJson.error().message.contains(u"not valid JSON"_s));
}

void TestExplainTextParser::malformedTextNamesTheLine_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray(" QUERY PLAN\n------\n(0 rows)\n") << QString()
                           << u"empty"_s;
    QTest::newRow("not a plan") << QByteArray("hello\nworld\n") << u"line 1"_s
                                << u"does not start with a plan node"_s;
    QTest::newRow("arrow first") << QByteArray(
                                        "->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)")
                                 << u"line 1"_s << u"does not start with a plan node"_s;
    const QByteArray root = "Limit  (cost=0.00..1.00 rows=1 width=4)\n";
    QTest::newRow("orphan arrow")
        << root + "     ->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n"
        << u"line 2"_s << u"not indented under"_s;
    QTest::newRow("label without plan") << root + "  InitPlan 1\n  Filter: (a > 1)\n"
                                        << u"line 3"_s << u"not followed by its plan"_s;
    QTest::newRow("stray indentation") << root + "     Filter: (a > 1)\n"
                                       << u"line 2"_s << u"not indented like a detail"_s;
    QTest::newRow("outdented") << "  " + root + " Filter: (a > 1)\n"
                               << u"line 2"_s << u"indented less"_s;
}

void TestExplainTextParser::malformedTextNamesTheLine()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const Result<Plan> plan = parseTextPlan(input);
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().where, where);
    QVERIFY2(plan.error().message.contains(message), qPrintable(plan.error().message));
    QVERIFY(!plan.error().hint.isEmpty());
}

QTEST_GUILESS_MAIN(TestExplainTextParser)
#include "tst_explain_text_parser.moc"
