#include "connection/connection_probe.h"
#include "connection/pg_service_file.h"
#include "test_database.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// Test connection, as the connection manager runs it, against the real test server.
class TestConnectionProbe : public QObject
{
    Q_OBJECT
private slots:
    void aGoodProfileReportsTheServer();
    void aFailureIsLibpqsMessageWithAHint();
    void commonFailuresGetHints_data();
    void commonFailuresGetHints();
    void servicesAreTheFilesSections();

private:
    static Result<ProbeReport> probe(const ConnectionParameters &parameters)
    {
        QObject context;
        return test::await<ProbeReport>(
            [&](auto done) { probeConnection(&context, parameters, done); });
    }
};

void TestConnectionProbe::aGoodProfileReportsTheServer()
{
    const Result<ProbeReport> report = probe(test::testParameters());
    QVERIFY2(report.ok(), test::describe(report));
    QVERIFY2(report->serverVersion.startsWith(u"17."_s), qPrintable(report->serverVersion));
    QVERIFY(report->connectMs > 0);
    QVERIFY(report->roundTripMs > 0);
    QCOMPARE(report->ssl, QString()); // a Unix socket is not encrypted
}

void TestConnectionProbe::aFailureIsLibpqsMessageWithAHint()
{
    ConnectionParameters parameters = test::testParameters(u"no_such_database_here"_s);
    const Result<ProbeReport> missing = probe(parameters);
    QVERIFY(!missing.ok());
    QVERIFY2(
        missing.error().message.contains(u"database \"no_such_database_here\" does not exist"_s),
        qPrintable(missing.error().message));

    parameters = test::testParameters();
    parameters.set(u"host"_s, u"127.0.0.1"_s);
    parameters.set(u"port"_s, u"1"_s); // nothing listens on port 1
    const Result<ProbeReport> refused = probe(parameters);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"Connection refused"_s),
             qPrintable(refused.error().message));
    QVERIFY(refused.error().hint.startsWith(u"Nothing listens at this host and port"_s));
}

void TestConnectionProbe::commonFailuresGetHints_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("hintStart");
    QTest::newRow("password") << u"FATAL:  password authentication failed for user \"a\""_s
                              << u"The password is wrong"_s;
    QTest::newRow("hba") << u"FATAL:  no pg_hba.conf entry for host \"10.0.0.1\""_s
                         << u"The server does not let this user"_s;
    QTest::newRow("certificate") << u"SSL error: certificate verify failed"_s
                                 << u"The server's certificate does not verify"_s;
    QTest::newRow("name") << u"could not translate host name \"dbx\" to address"_s
                          << u"The host name does not resolve"_s;
    QTest::newRow("other") << u"FATAL:  too many connections"_s << QString();
}

void TestConnectionProbe::commonFailuresGetHints()
{
    QFETCH(QString, message);
    QFETCH(QString, hintStart);
    const QString hint = commonConnectionHint(message);
    QVERIFY2(hintStart.isEmpty() ? hint.isEmpty() : hint.startsWith(hintStart), qPrintable(hint));
}

void TestConnectionProbe::servicesAreTheFilesSections()
{
    QCOMPARE(serviceSections("# comment\n[analytics]\nhost=a\n\n  [ replica ]\nport=1\n[]\n"),
             (QStringList{u"analytics"_s, u"replica"_s}));
}

QTEST_GUILESS_MAIN(TestConnectionProbe)
#include "tst_connection_probe.moc"
