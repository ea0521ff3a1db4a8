// Runs the real mizzle binary's `plan` command on the plans of tests/data/plans: exit codes, the
// messages on standard error, and the JSON and text on standard output. Every run has no display
// and a platform that needs one, so a QApplication created on this path would abort the run.
#include "mizzle_run.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestExplainCli : public QObject
{
    Q_OBJECT
private slots:
    void printsTheMetricsAsJson();
    void readsStandardInput();
    void printsATableByDefault();
    void readsTextPlans();
    void everyRealPlanParsesAndAddsUp();
    void malformedPlansExitWithTwo_data();
    void malformedPlansExitWithTwo();
    void badCommandLinesExitWithTwo_data();
    void badCommandLinesExitWithTwo();
    void helpMentionsThePlanCommand();

private:
    using Run = mizzle::test::MizzleRun;
    static Run run(const QStringList &arguments, const QByteArray &input = {},
                   bool withoutDisplay = true);
    static QString plan(const QString &name);
    static QJsonObject json(const Run &run);
};

TestExplainCli::Run TestExplainCli::run(const QStringList &arguments, const QByteArray &input,
                                        bool withoutDisplay)
{
    return mizzle::test::runMizzle(arguments, input, withoutDisplay);
}

QString TestExplainCli::plan(const QString &name)
{
    return QDir(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans")).filePath(name);
}

QJsonObject TestExplainCli::json(const Run &run)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), run.out.constData());
    return document.object();
}

void TestExplainCli::printsTheMetricsAsJson()
{
    // Nested Loop 10 ms over a Seq Scan (3 ms) and an Index Scan (0.020 ms × 200 loops).
    const Run result = run({u"plan"_s, plan(u"hand/nested_loop.json"_s), u"--format"_s, u"json"_s});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.err.isEmpty());
    QVERIFY(result.out.endsWith("}\n"));
    QCOMPARE(result.out.count('\n'), 1);
    const QJsonObject object = json(result);
    QCOMPARE(object.value(u"planningMs").toDouble(), 0.125);
    QCOMPARE(object.value(u"executionMs").toDouble(), 10.25);
    const QJsonArray nodes = object.value(u"nodes").toArray();
    QCOMPARE(nodes.size(), 3);
    const QJsonObject root = nodes.at(0).toObject();
    QVERIFY(root.value(u"parent").isNull());
    QVERIFY(root.value(u"relation").isNull());
    QCOMPARE(root.value(u"type").toString(), u"Nested Loop"_s);
    QCOMPARE(root.value(u"exclusiveMs").toDouble(), 3.0);
    QCOMPARE(root.value(u"buffers").toObject().value(u"sharedHit").toInt(), 10);
    const QJsonObject inner = nodes.at(2).toObject();
    QCOMPARE(inner.value(u"id").toInt(), 2);
    QCOMPARE(inner.value(u"parent").toInt(), 0);
    QCOMPARE(inner.value(u"relation").toString(), u"customers"_s);
    QCOMPARE(inner.value(u"alias").toString(), u"c"_s);
    QCOMPARE(inner.value(u"parentRelationship").toString(), u"Inner"_s);
    QCOMPARE(inner.value(u"loops").toDouble(), 200.0);
    QCOMPARE(inner.value(u"inclusiveMs").toDouble(), 4.0);
    QCOMPARE(inner.value(u"exclusiveMs").toDouble(), 4.0);
    QCOMPARE(inner.value(u"estimateDirection").toString(), u"none"_s);
    QCOMPARE(inner.value(u"neverExecuted").toBool(true), false);
    const QJsonObject invariant = object.value(u"invariant").toObject();
    QCOMPARE(invariant.value(u"ok").toBool(), true);
    QCOMPARE(invariant.value(u"sumExclusiveMs").toDouble(), 10.0);
    QCOMPARE(invariant.value(u"rootInclusiveMs").toDouble(), 10.0);
    QCOMPARE(invariant.value(u"unattributedMs").toDouble(), 0.0);
}

void TestExplainCli::readsStandardInput()
{
    // psql's aligned output, header, " +" marks and footer included, piped in.
    QFile aligned(plan(u"psql/aligned.txt"_s));
    QVERIFY(aligned.open(QIODevice::ReadOnly));
    const Run result = run({u"plan"_s, u"-"_s, u"--format=json"_s}, aligned.readAll());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonArray nodes = json(result).value(u"nodes").toArray();
    QCOMPARE(nodes.size(), 1);
    QCOMPARE(nodes.at(0).toObject().value(u"type").toString(), u"Seq Scan"_s);
    QCOMPARE(nodes.at(0).toObject().value(u"relation").toString(), u"t_small"_s);
    QCOMPARE(nodes.at(0).toObject().value(u"actualRows").toDouble(), 3.0);
}

void TestExplainCli::printsATableByDefault()
{
    const Run result = run({u"plan"_s, plan(u"hand/nested_loop.json"_s)});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString text = QString::fromUtf8(result.out);
    QVERIFY2(text.startsWith(u"Planning 0.125 ms, Execution 10.250 ms"_s), qPrintable(text));
    const QStringList lines = text.split(u'\n');
    const qsizetype header = lines.indexOf(QRegularExpression(u" *id +parent +exclusive ms.*"_s));
    QVERIFY2(header >= 0, qPrintable(text));
    QVERIFY(lines.at(header + 1).contains(u"Nested Loop"_s));
    QVERIFY(lines.at(header + 3).endsWith(u"  Index Scan using customers_pkey on customers c"_s));
    QVERIFY(lines.at(header + 3).contains(u" 4.000 "_s));
    QVERIFY(text.contains(u"Invariant: ok"_s));
    const Run asText = run({u"plan"_s, plan(u"hand/nested_loop.json"_s), u"--format"_s, u"text"_s});
    QCOMPARE(asText.out, result.out);
}

void TestExplainCli::readsTextPlans()
{
    // EXPLAIN ANALYZE in TEXT, with parallel workers, as psql printed it.
    const Run analyzed =
        run({u"plan"_s, plan(u"psql/pair_analyze.txt"_s), u"--format"_s, u"json"_s});
    QVERIFY2(analyzed.exitCode == 0, analyzed.err.constData());
    const QJsonObject object = json(analyzed);
    QCOMPARE(object.value(u"executionMs").toDouble(), 42.538);
    const QJsonArray nodes = object.value(u"nodes").toArray();
    QCOMPARE(nodes.size(), 3);
    QCOMPARE(nodes.at(2).toObject().value(u"relation").toString(), u"order lines"_s);
    QCOMPARE(nodes.at(2).toObject().value(u"loops").toDouble(), 3.0);
    QVERIFY(object.value(u"invariant").toObject().value(u"ok").toBool());
    // Framed and wrapped, from standard input, as a table.
    QFile wrapped(plan(u"psql/text_unicode_wrapped.txt"_s));
    QVERIFY(wrapped.open(QIODevice::ReadOnly));
    const Run table = run({u"plan"_s, u"-"_s}, wrapped.readAll());
    QVERIFY2(table.exitCode == 0, table.err.constData());
    QVERIFY(table.out.contains("Parallel Seq Scan"));
    QVERIFY(table.out.contains("on \"order lines\" \"the lines\""));
    QVERIFY(table.out.contains("Invariant: not checked"));
}

void TestExplainCli::everyRealPlanParsesAndAddsUp()
{
    const QStringList files =
        QDir(plan(u"pg17"_s)).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 10);
    for (const QString &file : files) {
        const Run result = run({u"plan"_s, plan(u"pg17/"_s + file), u"--format"_s, u"json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(file + u": "_s + QString::fromUtf8(result.err)));
        const QJsonObject object = json(result);
        QVERIFY2(object.value(u"invariant").toObject().value(u"ok").toBool(), qPrintable(file));
        QVERIFY2(!object.value(u"nodes").toArray().isEmpty(), qPrintable(file));
    }
}

void TestExplainCli::malformedPlansExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("mentions");
    const QString truncated = plan(u"broken/truncated.json"_s);
    QTest::newRow("truncated JSON")
        << QStringList{u"plan"_s, truncated, u"--format"_s, u"json"_s} << QByteArray()
        << QStringList{truncated, u"line 27, column "_s, u"not valid JSON"_s, u"FORMAT JSON"_s};
    const QString wrongType = plan(u"broken/wrong_type.json"_s);
    QTest::newRow("a field of the wrong type")
        << QStringList{u"plan"_s, wrongType} << QByteArray()
        << QStringList{wrongType, u"Plan.Plans[1]"_s, u"\"Actual Loops\" should be a number"_s,
                       u"FORMAT JSON or TEXT"_s};
    QTest::newRow("empty standard input") << QStringList{u"plan"_s, u"-"_s} << QByteArray(" \n")
                                          << QStringList{u"standard input"_s, u"empty"_s};
    QTest::newRow("text that is no plan")
        << QStringList{u"plan"_s, u"-"_s} << QByteArray("hello\nworld\n")
        << QStringList{u"standard input, line 1"_s, u"does not start with a plan node"_s,
                       u"indentation"_s};
    const QString absent = plan(u"broken/no_such_file.json"_s);
    QTest::newRow("no such file") << QStringList{u"plan"_s, absent} << QByteArray()
                                  << QStringList{u"cannot read "_s + absent};
}

void TestExplainCli::malformedPlansExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, mentions);
    const Run result = run(arguments, input);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    const QString message = QString::fromUtf8(result.err);
    QVERIFY2(message.startsWith(u"mizzle plan: "_s), qPrintable(message));
    for (const QString &mention : mentions)
        QVERIFY2(message.contains(mention), qPrintable(mention + u" not in: "_s + message));
}

void TestExplainCli::badCommandLinesExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mention");
    const QString valid = plan(u"hand/nested_loop.json"_s);
    QTest::newRow("no file") << QStringList{u"plan"_s} << u"give the plan file"_s;
    QTest::newRow("two files") << QStringList{u"plan"_s, valid, valid} << u"got 2"_s;
    QTest::newRow("unknown format")
        << QStringList{u"plan"_s, valid, u"--format"_s, u"yaml"_s} << u"\"yaml\""_s;
    QTest::newRow("unknown option") << QStringList{u"plan"_s, valid, u"--fast"_s} << u"fast"_s;
}

void TestExplainCli::badCommandLinesExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mention);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains(mention.toUtf8()), result.err.constData());
    QVERIFY(result.err.contains("mizzle plan FILE [--format json|text]"));
}

void TestExplainCli::helpMentionsThePlanCommand()
{
    const Run planHelp = run({u"plan"_s, u"--help"_s});
    QCOMPARE(planHelp.exitCode, 0);
    QVERIFY(planHelp.out.contains("--format"));
    QVERIFY(planHelp.out.contains("standard input"));
    // The studio's own help starts a QApplication: give it a platform that needs no display.
    const Run help = run({u"--help"_s}, {}, false);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains("mizzle plan FILE [--format json|text]"), help.out.constData());
}

QTEST_GUILESS_MAIN(TestExplainCli)
#include "tst_explain_cli.moc"
