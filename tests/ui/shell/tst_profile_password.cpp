#include "common/profile_password.h"
#include "connection/pg_connection.h"
#include "profile/password_keychain.h"
#include "test_database.h"

#include <QCoreApplication>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The keychain password source as a person meets it, against a real Secret Service (the
// "keyring" fixture) and a server that checks passwords (the PgBouncer fixture): asked once,
// a wrong password asked again with libpq's message and never stored, the right one stored once
// it worked and used from then on without asking.
class TestProfilePassword : public QObject
{
    Q_OBJECT
private slots:
    void aKeychainProfileAsksOnceThenRemembers();
    void aPromptProfileAsksAgainAfterAWrongPassword();

private:
    static ConnectionProfile bouncerProfile(PasswordSource::Kind source)
    {
        ConnectionProfile profile;
        profile.name = u"Through PgBouncer"_s;
        profile.host = qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_HOST");
        profile.port = qEnvironmentVariableIntValue("MIZZLE_TEST_PGBOUNCER_PORT");
        profile.dbname = u"mizzle_test"_s;
        profile.user = qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_USER");
        profile.password.kind = source;
        return profile;
    }
    // Resolves, then connects with what comes out, as the window does, retrying as told;
    // the connection's outcome.
    static Result<void> connectThrough(ProfilePassword &passwords,
                                       const ConnectionProfile &profile);
};

Result<void> TestProfilePassword::connectThrough(ProfilePassword &passwords,
                                                 const ConnectionProfile &profile)
{
    std::optional<Result<void>> outcome;
    PgConnection connection;
    std::function<void(ConnectionParameters)> attempt = [&](ConnectionParameters parameters) {
        connection.open(&connection, parameters, [&](Result<void> opened) {
            if (!opened && passwords.retryAfter(opened.error()))
                return; // asked again: attempt runs again
            if (opened)
                passwords.connected();
            outcome = opened;
        });
    };
    passwords.resolve(profile, profile.connectionParameters().value(), attempt);
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30'000))
        return Error{u"no outcome"_s};
    return *outcome;
}

void TestProfilePassword::aKeychainProfileAsksOnceThenRemembers()
{
    const ConnectionProfile profile = bouncerProfile(PasswordSource::Kind::Keychain);
    const QString key = PasswordKeychain::keyFor(profile.connectionParameters().value());
    QObject context;
    const auto stored = [&] {
        return test::await<std::optional<QString>>(
            [&](auto done) { PasswordKeychain::read(&context, key, done); });
    };
    QVERIFY(
        test::await<void>([&](auto done) { PasswordKeychain::remove(&context, key, done); }).ok());

    const QString right = qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PASSWORD");
    QStringList problems;
    QList<bool> offered;
    QList<std::optional<QString>> storedWhenAsked;
    QStringList answers{u"wrong-password"_s, right};
    ProfilePassword passwords([&](const QString &, const QString &problem, bool offer) {
        problems.append(problem);
        offered.append(offer);
        // The first question comes from inside the keychain's own answer: ask it only later.
        if (problems.size() > 1)
            storedWhenAsked.append(stored().value());
        return std::optional(PasswordAnswer{answers.takeFirst(), true});
    });
    const Result<void> first = connectThrough(passwords, profile);
    QVERIFY2(first.ok(), test::describe(first));
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems.at(0).contains(u"No password is stored in the keychain"_s),
             qPrintable(problems.at(0)));
    QVERIFY2(problems.at(1).contains(u"SASL authentication failed"_s), qPrintable(problems.at(1)));
    QCOMPARE(offered, (QList<bool>{true, true}));
    // The wrong one was never stored: when asked again, the keychain still held nothing.
    QCOMPARE(storedWhenAsked, QList<std::optional<QString>>{std::nullopt});
    QVERIFY(QTest::qWaitFor([&] { return stored().value() == std::optional(right); }, 10'000));

    // From now on the keychain answers, and nobody is asked.
    ProfilePassword again(
        [](const QString &, const QString &, bool) { return std::optional<PasswordAnswer>(); });
    bool asked = false;
    again.setAsk([&asked](const QString &, const QString &, bool) {
        asked = true;
        return std::optional<PasswordAnswer>();
    });
    const Result<void> second = connectThrough(again, profile);
    QVERIFY2(second.ok(), test::describe(second));
    QVERIFY(!asked);
}

void TestProfilePassword::aPromptProfileAsksAgainAfterAWrongPassword()
{
    const ConnectionProfile profile = bouncerProfile(PasswordSource::Kind::Prompt);
    QStringList problems;
    QList<bool> offered;
    QStringList answers{u"nope"_s, u"still-wrong"_s};
    ProfilePassword passwords([&](const QString &, const QString &problem, bool offer) {
        problems.append(problem);
        offered.append(offer);
        if (answers.isEmpty())
            return std::optional<PasswordAnswer>(); // the person gives up
        return std::optional(PasswordAnswer{answers.takeFirst(), true});
    });
    std::optional<Result<void>> outcome;
    PgConnection connection;
    int attempts = 0;
    passwords.resolve(profile, profile.connectionParameters().value(),
                      [&](ConnectionParameters parameters) {
                          ++attempts;
                          connection.open(&connection, parameters, [&](Result<void> opened) {
                              if (!opened && passwords.retryAfter(opened.error()))
                                  return;
                              outcome = opened;
                          });
                      });
    // Cancelled on the third question: no outcome is reported, and nothing more is tried.
    QVERIFY(QTest::qWaitFor([&] { return problems.size() == 3; }, 30'000));
    QCOMPARE(attempts, 2);
    QCOMPARE(problems.at(0), QString());
    QVERIFY(problems.at(2).contains(u"SASL authentication failed"_s));
    QCOMPARE(offered, (QList<bool>{false, false, false})); // a prompt profile keeps nothing
}

QTEST_MAIN(TestProfilePassword)
#include "tst_profile_password.moc"
