#include "monitor/sample_json.h"
#include "monitor_samples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace mizzle;
using namespace mizzle::monitor;
using namespace Qt::StringLiterals;

// `mizzle monitor --format json` is a public interface: one line per sample, with the keys the
// README promises.
class TestSampleJson : public QObject
{
    Q_OBJECT
private slots:
    void oneLineWithTheDocumentedKeys();
    void absentValuesAreNull();
    void pgbouncerOnlyWhenGiven();
};

void TestSampleJson::oneLineWithTheDocumentedKeys()
{
    const QByteArray line = sampleToJsonLine(test::busySample());
    QVERIFY(!line.contains('\n')); // the query's own line break is escaped
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = document.object();
    QCOMPARE(root[u"sampled_at"_s].toString(), u"2025-03-04T05:06:07.890Z"_s);
    const QJsonObject server = root[u"server"_s].toObject();
    QCOMPARE(server[u"max_connections"_s].toInt(), 100);
    QCOMPARE(server[u"usable_connections"_s].toInt(), 95);
    QCOMPARE(server[u"client_backends"_s].toInt(), 3);
    QCOMPARE(server[u"mizzle_backends"_s].toInt(), 2);
    QCOMPARE(server[u"monitor_pid"_s].toInt(), 99);
    QCOMPARE(server[u"sample_cost_ms"_s].toDouble(), 2.5);

    const QJsonArray sessions = server[u"sessions"_s].toArray();
    QCOMPARE(sessions.size(), 2);
    const QJsonObject first = sessions[0].toObject();
    QCOMPARE(first[u"pid"_s].toInt(), 10);
    QCOMPARE(first[u"state"_s].toString(), u"idle in transaction"_s);
    QVERIFY(first[u"idle_in_transaction"_s].toBool());
    QCOMPARE(first[u"xact_age_s"_s].toDouble(), 12.346); // rounded to the millisecond
    QCOMPARE(first[u"query"_s].toString(), u"UPDATE accounts\nSET balance = 0"_s);
    QCOMPARE(first[u"blocked_by"_s].toArray(), QJsonArray());
    const QJsonObject second = sessions[1].toObject();
    QCOMPARE(second[u"wait_event_type"_s].toString(), u"Lock"_s);
    QCOMPARE(second[u"wait_event"_s].toString(), u"transactionid"_s);
    QCOMPARE(second[u"blocked_by"_s].toArray(), QJsonArray{10});
    QVERIFY(second[u"mizzle"_s].toBool());

    const QJsonArray roots = server[u"blocking_roots"_s].toArray();
    QCOMPARE(roots.size(), 1);
    QCOMPARE(roots[0][u"pid"_s].toInt(), 10);
    QCOMPARE(roots[0][u"blocked"_s].toInt(), 1);
    QCOMPARE(roots[0][u"state"_s].toString(), u"idle in transaction"_s);

    const QJsonObject rates = server[u"rates"_s].toObject();
    QCOMPARE(rates[u"tps"_s].toDouble(), 10.0);
    QCOMPARE(rates[u"tuples_out_per_s"_s].toDouble(), 250.0);
    QCOMPARE(server[u"xmin_horizon"_s][u"pid"_s].toInt(), 10);
    QCOMPARE(server[u"xmin_horizon"_s][u"xmin_age"_s].toInt(), 4);
}

void TestSampleJson::absentValuesAreNull()
{
    ServerSample sample = test::busySample();
    sample.rates.reset();
    sample.xminHorizon.reset();
    const QJsonObject server =
        QJsonDocument::fromJson(sampleToJsonLine(sample)).object()[u"server"_s].toObject();
    QVERIFY(server[u"rates"_s].isNull());
    QVERIFY(server[u"xmin_horizon"_s].isNull());
    const QJsonObject first = server[u"sessions"_s][0].toObject();
    QVERIFY(first[u"query_age_s"_s].isNull());
    QVERIFY(first[u"state_age_s"_s].isNull());
    const QJsonObject second = server[u"sessions"_s][1].toObject();
    QVERIFY(second[u"backend_xmin"_s].isNull());
    QVERIFY(second[u"xmin_age"_s].isNull());
    QVERIFY(server[u"sessions"_s][0][u"xmin_age"_s].isDouble());
}

void TestSampleJson::pgbouncerOnlyWhenGiven()
{
    const ServerSample sample = test::busySample();
    QVERIFY(!QJsonDocument::fromJson(sampleToJsonLine(sample)).object().contains(u"pgbouncer"_s));
    const QJsonObject pgbouncer{{u"pools"_s, QJsonArray()}, {u"stats"_s, QJsonArray()}};
    const QJsonObject line = QJsonDocument::fromJson(sampleToJsonLine(sample, pgbouncer)).object();
    QCOMPARE(line[u"pgbouncer"_s].toObject(), pgbouncer);
    QVERIFY(line.contains(u"server"_s));
}

QTEST_APPLESS_MAIN(TestSampleJson)
#include "tst_sample_json.moc"
