#include "explain/plan_json_parser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace mizzle;
using namespace mizzle::explain;
using namespace Qt::StringLiterals;

class TestExplainParser : public QObject
{
    Q_OBJECT
private slots:
    void readsEveryKnownField();
    void keepsUnknownFieldsVerbatim();
    void readsWhatPsqlPrints_data();
    void readsWhatPsqlPrints();
    void syntaxErrorsGiveLineAndColumn();
    void syntaxErrorsInsidePsqlOutputKeepTheirLines();
    void textThatIsNotJsonIsRefused();
    void emptyTextIsRefused();
    void badFieldsNameTheNode();
    void readsEveryPlanOfAnArray();
    void readsRealPostgres17Plans();

private:
    static QByteArray data(const QString &name);
};

QByteArray TestExplainParser::data(const QString &name)
{
    QFile file(QDir(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans")).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

void TestExplainParser::readsEveryKnownField()
{
    const Result<Plan> parsed = parseJsonPlan(data(u"hand/all_fields.json"_s));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    const Plan &plan = parsed.value();
    QCOMPARE(plan.queryText, u"UPDATE accounts SET balance = balance + 1 WHERE id = 7"_s);
    QCOMPARE(plan.queryIdentifier, u"-8461256309247093823"_s);
    QCOMPARE(plan.planningTimeMs, 0.213);
    QCOMPARE(plan.executionTimeMs, 3.566);
    QCOMPARE(plan.planningBuffers->sharedHit, 26);
    QCOMPARE(plan.planningBuffers->sharedRead, 1);
    QCOMPARE(plan.planningIoTimes.readMs, 0.3);
    QCOMPARE(plan.planningMemoryUsedKb, 14);
    QCOMPARE(plan.planningMemoryAllocatedKb, 32);
    QCOMPARE(plan.settings.size(), 2);
    QVERIFY(plan.settings.contains(std::pair(u"work_mem"_s, u"64kB"_s)));
    QCOMPARE(plan.triggers.size(), 2);
    QCOMPARE(plan.triggers[0].name, u"RI_ConstraintTrigger_a_16413"_s);
    QCOMPARE(plan.triggers[0].constraintName, u"posts_user_id_fkey"_s);
    QCOMPARE(plan.triggers[0].relation, u"users"_s);
    QCOMPARE(plan.triggers[0].timeMs, 1.25);
    QCOMPARE(plan.triggers[0].calls, 3.0);
    QCOMPARE(plan.jit->functions, 8);
    QCOMPARE(plan.jit->optimization, true);
    QCOMPARE(plan.jit->inlining, false);
    QCOMPARE(plan.jit->generationMs, 0.417); // printed as a plain number before 17
    QVERIFY(!plan.jit->deformMs);
    QCOMPARE(plan.jit->emissionMs, 6.965);
    QCOMPARE(plan.jit->totalMs, 7.727);
    QCOMPARE(plan.serialization->timeMs, 0.301);
    QCOMPARE(plan.serialization->outputVolumeKb, 2);
    QCOMPARE(plan.serialization->format, u"text"_s);
    QCOMPARE(plan.serialization->buffers->sharedHit, 5);

    const PlanNode &root = plan.root;
    QCOMPARE(root.nodeType, u"ModifyTable"_s);
    QCOMPARE(root.operation, u"Update"_s);
    QCOMPARE(root.relationName, u"accounts"_s);
    QCOMPARE(root.schema, u"public"_s);
    QCOMPARE(root.parallelAware, false);
    QCOMPARE(root.startupCost, 0.29);
    QCOMPARE(root.planWidth, 0);
    QCOMPARE(root.actualTotalTimeMs, 0.121);
    QCOMPARE(root.conflictResolution, u"UPDATE"_s);
    QCOMPARE(root.conflictArbiterIndexes, QStringList{u"accounts_pkey"_s});
    QCOMPARE(root.conflictFilter, u"(accounts.balance > 0)"_s);
    QCOMPARE(root.conflictingTuples, 1.0);
    const PlanBuffers expectedBuffers{12, 3, 2, 1, 4, 5, 6, 7, 8, 9};
    QCOMPARE(*root.buffers, expectedBuffers);
    QCOMPARE(root.ioTimes.readMs, 0.25);
    QCOMPARE(root.ioTimes.writeMs, 0.05);
    QCOMPARE(root.ioTimes.tempReadMs, 0.01);
    QCOMPARE(root.ioTimes.tempWriteMs, 0.02);
    QCOMPARE(root.wal->records, 3);
    QCOMPARE(root.wal->fullPageImages, 1);
    QCOMPARE(root.wal->bytes, Q_INT64_C(9007199254740993)); // beyond a double's precision
    QCOMPARE(root.children.size(), size_t(4));

    const PlanNode &gather = root.children[0];
    QCOMPARE(gather.workersPlanned, 2);
    QCOMPARE(gather.workersLaunched, 1);
    QCOMPARE(gather.singleCopy, true);
    QCOMPARE(gather.output, (QStringList{u"id"_s, u"balance"_s}));
    QCOMPARE(gather.paramsEvaluated, (QStringList{u"$0"_s, u"$1"_s}));
    const PlanNode &index = gather.children.at(0);
    QCOMPARE(index.scanDirection, u"Backward"_s);
    QCOMPARE(index.indexName, u"accounts_pkey"_s);
    QCOMPARE(index.indexCond, u"(accounts.id = 7)"_s);
    QCOMPARE(index.orderBy, u"(accounts.pos <-> '(0,0)'::point)"_s);
    QCOMPARE(index.rowsRemovedByFilter, 4.0);
    QCOMPARE(index.rowsRemovedByIndexRecheck, 0.0);
    QCOMPARE(index.ioTimes.sharedReadMs, 0.125);
    QCOMPARE(index.ioTimes.localWriteMs, 0.002);
    QVERIFY(!index.buffers);
    QCOMPARE(index.workers.size(), size_t(1));
    const PlanWorker &worker = index.workers[0];
    QCOMPARE(worker.workerNumber, 0);
    QCOMPARE(worker.actualTotalTimeMs, 0.041);
    QCOMPARE(worker.actualLoops, 1.0);
    QCOMPARE(worker.sortMethod, u"quicksort"_s);
    QCOMPARE(worker.sortSpaceUsedKb, 25);
    QCOMPARE(worker.hashAggBatches, 1);
    QCOMPARE(worker.peakMemoryUsageKb, 24);
    QCOMPARE(worker.buffers->sharedHit, 6);
    QCOMPARE(worker.wal->records, 0);

    const PlanNode &memoize = root.children[1];
    QCOMPARE(memoize.subplanName, u"SubPlan 1"_s);
    QCOMPARE(memoize.cacheKey, u"accounts.owner"_s);
    QCOMPARE(memoize.cacheMode, u"logical"_s);
    QCOMPARE(memoize.cacheHits, 90);
    QCOMPARE(memoize.cacheMisses, 10);
    QCOMPARE(memoize.cacheEvictions, 2);
    QCOMPARE(memoize.cacheOverflows, 0);
    const PlanNode &bitmap = root.children[2];
    QCOMPARE(bitmap.recheckCond, u"(t.a = 1)"_s);
    QCOMPARE(bitmap.exactHeapBlocks, 10);
    QCOMPARE(bitmap.lossyHeapBlocks, 5);
    QCOMPARE(bitmap.children.at(0).children.at(1).indexName, u"t_b"_s);
    const PlanNode &join = root.children[3];
    QCOMPARE(join.joinType, u"Right Anti"_s);
    QCOMPARE(join.innerUnique, true);
    QCOMPARE(join.hashCond, u"(x.id = y.id)"_s);
    QCOMPARE(join.joinFilter, u"(x.v <> y.v)"_s);
    QCOMPARE(join.rowsRemovedByJoinFilter, 3.0);
    QCOMPARE(join.mergeCond, u"(x.id = y.id)"_s);
    QCOMPARE(join.oneTimeFilter, u"(InitPlan 1).col1"_s);
    QCOMPARE(join.tidCond, u"(ctid = '(0,1)'::tid)"_s);
    QCOMPARE(join.runCondition, u"(row_number() OVER (?) <= 10)"_s);
    QCOMPARE(join.functionCall, u"generate_series(1, 10)"_s);
    QCOMPARE(join.tableFunctionCall, u"XMLTABLE(...)"_s);
    QCOMPARE(join.samplingMethod, u"bernoulli"_s);
    QCOMPARE(join.samplingParameters, QStringList{u"'10'::real"_s});
    QCOMPARE(join.repeatableSeed, u"'42'::double precision"_s);
    QCOMPARE(join.sortKey, (QStringList{u"x.a"_s, u"x.b DESC"_s}));
    QCOMPARE(join.presortedKey, QStringList{u"x.a"_s});
    QCOMPARE(join.groupKey, QStringList{u"x.g"_s});
    QCOMPARE(join.strategy, u"Sorted"_s);
    QCOMPARE(join.partialMode, u"Finalize"_s);
    QCOMPARE(join.command, u"Except"_s);
    QCOMPARE(join.customPlanProvider, u"citus"_s);
    QCOMPARE(join.functionName, u"generate_series"_s);
    QCOMPARE(join.tableFunctionName, u"xmltable"_s);
    QCOMPARE(join.cteName, u"w"_s);
    QCOMPARE(join.tuplestoreName, u"newtab"_s);
    QCOMPARE(join.heapFetches, 12.0);
    QCOMPARE(join.plannedPartitions, 8);
    QCOMPARE(join.indexSearches, 4);
    QCOMPARE(join.disabled, false);
    QCOMPARE(join.wal->buffersFull, 2);
    QVERIFY(join.extra.isEmpty());
}

void TestExplainParser::keepsUnknownFieldsVerbatim()
{
    const Result<Plan> parsed = parseJsonPlan(data(u"hand/all_fields.json"_s));
    QVERIFY(parsed.ok());
    const Plan &plan = parsed.value();
    QCOMPARE(plan.root.extra.size(), 1);
    const QJsonObject future = plan.root.extra.value(u"Some Future Field").toObject();
    QCOMPARE(future.value(u"nested").toArray(), (QJsonArray{1, 2}));
    QCOMPARE(plan.root.children[0].children[0].workers[0].extra.value(u"JIT").toObject(),
             (QJsonObject{{u"Functions"_s, 2}}));
    QCOMPARE(plan.extra.value(u"Unknown Top").toInt(), 42);
    QCOMPARE(plan.extra.value(u"Planning").toObject().value(u"Planner Extension").toString(),
             u"x"_s);
    QCOMPARE(plan.triggers[1].extra.value(u"Trigger Note").toString(), u"kept"_s);
    // Everything PostgreSQL printed is somewhere: the raw JIT object is kept whole as well.
    QCOMPARE(plan.jit->raw.value(u"Timing").toObject().value(u"Emission").toDouble(), 6.965);
}

void TestExplainParser::readsWhatPsqlPrints_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("aligned") << data(u"psql/aligned.txt"_s);
    QTest::newRow("aligned, CRLF") << data(u"psql/aligned.txt"_s).replace("\n", "\r\n");
    QTest::newRow("unaligned with header") << data(u"psql/unaligned.txt"_s);
    QTest::newRow("expanded") << data(u"psql/expanded.txt"_s);
    const QByteArray json = stripPsqlDecorations(data(u"psql/unaligned.txt"_s));
    QTest::newRow("json in whitespace") << "\n\n  \t" + json.trimmed() + "\n\t \n";
    const QJsonObject object = QJsonDocument::fromJson(json).array().first().toObject();
    QTest::newRow("bare object") << QJsonDocument(object).toJson();
    QTest::newRow("bare node")
        << QJsonDocument(object.value(u"Plan").toObject()).toJson(QJsonDocument::Compact);
    QTest::newRow("byte order mark") << "\xEF\xBB\xBF" + json;
}

void TestExplainParser::readsWhatPsqlPrints()
{
    QFETCH(QByteArray, text);
    const Result<Plan> plan = parseJsonPlan(text);
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    QCOMPARE(plan->root.nodeType, u"Seq Scan"_s);
    QCOMPARE(plan->root.relationName, u"t_small"_s);
    QCOMPARE(plan->root.filter, u"(grp < 3)"_s);
    QCOMPARE(plan->root.planRows, 2.0);
    QCOMPARE(plan->root.actualRows, 3.0);
    QCOMPARE(plan->root.rowsRemovedByFilter, 97.0);
    QCOMPARE(plan->root.buffers->sharedHit, 1);
    QVERIFY(plan->root.extra.isEmpty());
}

void TestExplainParser::syntaxErrorsGiveLineAndColumn()
{
    const QByteArray text = "[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Seq Scan\",\n"
                            "      \"Plan Rows\": 12x\n    }\n  }\n]\n";
    const Result<Plan> plan = parseJsonPlan(text);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message.startsWith(u"The plan is not valid JSON: "_s),
             qPrintable(plan.error().message));
    QCOMPARE(plan.error().where, u"line 5, column 22"_s);
    QVERIFY(!plan.error().hint.isEmpty());
    // Columns count characters, not bytes: the stray x is the 29th character, the 30th byte.
    const Result<Plan> accented = parseJsonPlan("{\"Plan\": {\"Node Type\": \"é\", x}}");
    QVERIFY(!accented.ok());
    QCOMPARE(accented.error().where, u"line 1, column 29"_s);
}

void TestExplainParser::syntaxErrorsInsidePsqlOutputKeepTheirLines()
{
    // Break line 7 of the aligned output ("Parallel Aware": false,) and find it reported there:
    // the header, its rule and the " +" marks must not shift lines or columns.
    QByteArray text = data(u"psql/aligned.txt"_s);
    QList<QByteArray> lines = text.split('\n');
    QVERIFY(lines[6].contains("\"Parallel Aware\": false,"));
    lines[6].replace("false", "flase");
    const Result<Plan> plan = parseJsonPlan(lines.join('\n'));
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().where, u"line 7, column 27"_s); // the "l" of "flase"
}

void TestExplainParser::textThatIsNotJsonIsRefused()
{
    const Result<Plan> plan =
        parseJsonPlan("\n  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n   Filter: (a > 1)\n");
    QVERIFY(!plan.ok());
    QVERIFY(plan.error().message.contains(u"not a JSON plan"_s));
    QCOMPARE(plan.error().where, u"line 2, column 3"_s);
    QVERIFY(plan.error().hint.contains(u"FORMAT JSON"_s));
}

void TestExplainParser::emptyTextIsRefused()
{
    for (const QByteArray &text : {QByteArray(), QByteArray(" \n\t\n"),
                                   QByteArray(" QUERY PLAN \n------------\n(0 rows)\n")}) {
        const Result<Plan> plan = parseJsonPlan(text);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message.contains(u"empty"_s), qPrintable(plan.error().message));
    }
    const Result<Plan> array = parseJsonPlan("[]");
    QVERIFY(!array.ok());
    QVERIFY(array.error().message.contains(u"empty"_s));
}

void TestExplainParser::badFieldsNameTheNode()
{
    const Result<Plan> wrongType = parseJsonPlan(R"({"Plan": {"Node Type": "Append", "Plans": [
        {"Node Type": "Seq Scan"}, {"Node Type": "Seq Scan", "Actual Loops": "many"}]}})");
    QVERIFY(!wrongType.ok());
    QCOMPARE(wrongType.error().where, u"Plan.Plans[1]"_s);
    QCOMPARE(wrongType.error().message, u"The field \"Actual Loops\" should be a number."_s);

    const Result<Plan> noType =
        parseJsonPlan(R"({"Plan": {"Node Type": "Limit", "Plans": [{"Plan Rows": 1}]}})");
    QVERIFY(!noType.ok());
    QCOMPARE(noType.error().where, u"Plan.Plans[0]"_s);
    QVERIFY(noType.error().message.contains(u"Node Type"_s));

    const Result<Plan> badWorker = parseJsonPlan(
        R"({"Plan": {"Node Type": "Seq Scan", "Workers": [{"Worker Number": "zero"}]}})");
    QVERIFY(!badWorker.ok());
    QCOMPARE(badWorker.error().where, u"Plan.Workers[0]"_s);

    const Result<Plan> badList =
        parseJsonPlan(R"({"Plan": {"Node Type": "Result", "Output": ["a", 1]}})");
    QVERIFY(!badList.ok());
    QVERIFY(badList.error().message.contains(u"a list of strings"_s));

    const Result<Plan> noPlan = parseJsonPlan(R"([{"Planning Time": 0.1}])");
    QVERIFY(!noPlan.ok());
    QVERIFY(noPlan.error().message.contains(u"\"Plan\""_s));

    const Result<Plan> notObject = parseJsonPlan(R"([{"Plan": {"Node Type": "Result"}}, 3])");
    QVERIFY(!notObject.ok());
    QCOMPARE(notObject.error().where, u"item 2 of the array"_s);
}

void TestExplainParser::readsEveryPlanOfAnArray()
{
    const QByteArray text = R"([{"Plan": {"Node Type": "Insert"}, "Execution Time": 1.5},
                                {"Plan": {"Node Type": "Update"}, "Execution Time": 2.5}])";
    const Result<QList<Plan>> plans = parseJsonPlans(text);
    QVERIFY(plans.ok());
    QCOMPARE(plans->size(), 2);
    QCOMPARE(plans->at(1).root.nodeType, u"Update"_s);
    QCOMPARE(plans->at(1).executionTimeMs, 2.5);
    const Result<Plan> first = parseJsonPlan(text);
    QVERIFY(first.ok());
    QCOMPARE(first->root.nodeType, u"Insert"_s);
    const Result<QList<Plan>> broken =
        parseJsonPlans(R"([{"Plan": {"Node Type": "A"}}, {"Plan": {"Plan Rows": 1}}])");
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().where, u"plan 2: Plan"_s);
}

void TestExplainParser::readsRealPostgres17Plans()
{
    const Result<Plan> sort = parseJsonPlan(data(u"pg17/sort_spill.json"_s));
    QVERIFY(sort.ok());
    QCOMPARE(sort->root.nodeType, u"Sort"_s);
    QCOMPARE(sort->root.sortMethod, u"external merge"_s);
    QCOMPARE(sort->root.sortSpaceType, u"Disk"_s);
    QVERIFY(sort->root.sortSpaceUsedKb.value_or(0) > 0);
    QCOMPARE(sort->root.sortKey, QStringList{u"big.payload"_s});
    QVERIFY(sort->settings.contains(std::pair(u"work_mem"_s, u"64kB"_s)));
    QVERIFY(sort->root.buffers->tempWritten > 0);
    QVERIFY(sort->root.wal.has_value());
    QVERIFY(sort->planningMemoryUsedKb.has_value());
    QCOMPARE(sort->serialization->format, u"text"_s);
    QVERIFY(sort->serialization->outputVolumeKb.value_or(0) > 0);
    QVERIFY(sort->root.extra.isEmpty());

    const Result<Plan> parallel = parseJsonPlan(data(u"pg17/parallel_seq_scan.json"_s));
    QVERIFY(parallel.ok());
    const PlanNode &gather = parallel->root.children.at(0);
    QCOMPARE(gather.nodeType, u"Gather"_s);
    QCOMPARE(gather.workersLaunched, 2);
    const PlanNode &scan = gather.children.at(0).children.at(0);
    QCOMPARE(scan.parallelAware, true);
    QCOMPARE(scan.workers.size(), size_t(2));
    QCOMPARE(scan.workers[1].workerNumber, 1);
    QVERIFY(scan.workers[1].actualTotalTimeMs.has_value());
    QVERIFY(scan.workers[1].buffers.has_value());
    QVERIFY(scan.workers[1].extra.isEmpty());

    const Result<Plan> jit = parseJsonPlan(data(u"pg17/jit_subplan.json"_s));
    QVERIFY(jit.ok());
    QCOMPARE(jit->jit->functions, 8);
    QCOMPARE(jit->jit->deformMs, 0.091);
    QCOMPARE(jit->jit->generationMs, 0.417);
    QCOMPARE(jit->root.children.at(0).subplanName, u"SubPlan 1"_s);

    for (const QFileInfo &file :
         QDir(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans/pg17")).entryInfoList({u"*.json"_s})) {
        const Result<Plan> plan = parseJsonPlan(data(u"pg17/"_s + file.fileName()));
        QVERIFY2(plan.ok(), qPrintable(file.fileName()));
        QVERIFY2(plan->root.extra.isEmpty() && plan->extra.isEmpty(), qPrintable(file.fileName()));
    }
}

QTEST_GUILESS_MAIN(TestExplainParser)
#include "tst_explain_parser.moc"
