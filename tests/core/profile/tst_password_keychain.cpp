#include "profile/password_keychain.h"
#include "test_database.h"

#include <QCoreApplication>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

// Keychain passwords against a real Secret Service: gnome-keyring-daemon on a D-Bus session of
// the test run's own (the "keyring" fixture), never the user's.
class TestPasswordKeychain : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writeReadAndRemove();
    void aMissingEntryIsNoPasswordNotAnError();
    void aGoneContextGetsNoCallback();
    void keysFollowTheServer();

private:
    QString m_key;
};

void TestPasswordKeychain::initTestCase()
{
    QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"keyring"_s),
             "the keyring fixture's bus, not the user's");
    m_key =
        u"tester@keychain-test:5432/db-"_s + QString::number(QCoreApplication::applicationPid());
}

void TestPasswordKeychain::writeReadAndRemove()
{
    QObject context;
    const QString password = u"s3cret ünïcode 'quoted'"_s;
    const Result<void> written = test::await<void>(
        [&](auto done) { PasswordKeychain::write(&context, m_key, password, done); });
    QVERIFY2(written.ok(), test::describe(written));
    const auto read = test::await<std::optional<QString>>(
        [&](auto done) { PasswordKeychain::read(&context, m_key, done); });
    QVERIFY2(read.ok(), test::describe(read));
    QCOMPARE(read.value(), std::optional(password));

    const Result<void> removed =
        test::await<void>([&](auto done) { PasswordKeychain::remove(&context, m_key, done); });
    QVERIFY2(removed.ok(), test::describe(removed));
    const auto gone = test::await<std::optional<QString>>(
        [&](auto done) { PasswordKeychain::read(&context, m_key, done); });
    QVERIFY2(gone.ok(), test::describe(gone));
    QCOMPARE(gone.value(), std::nullopt);
}

void TestPasswordKeychain::aMissingEntryIsNoPasswordNotAnError()
{
    QObject context;
    const auto read = test::await<std::optional<QString>>(
        [&](auto done) { PasswordKeychain::read(&context, m_key + u"-never-written"_s, done); });
    QVERIFY2(read.ok(), test::describe(read));
    QVERIFY(!read.value().has_value());
}

void TestPasswordKeychain::aGoneContextGetsNoCallback()
{
    QObject *context = new QObject;
    bool called = false;
    PasswordKeychain::read(context, m_key, [&called](auto) { called = true; });
    delete context;
    // A second read, after the first, shows the keychain has answered both by then.
    QObject other;
    const auto after = test::await<std::optional<QString>>(
        [&](auto done) { PasswordKeychain::read(&other, m_key, done); });
    QVERIFY(after.ok());
    QVERIFY(!called);
}

void TestPasswordKeychain::keysFollowTheServer()
{
    ConnectionParameters parameters;
    parameters.set(u"host"_s, u"db.example.com"_s);
    parameters.set(u"port"_s, u"6543"_s);
    parameters.set(u"dbname"_s, u"app"_s);
    parameters.set(u"user"_s, u"alice"_s);
    QCOMPARE(PasswordKeychain::keyFor(parameters), u"alice@db.example.com:6543/app"_s);
    ConnectionParameters service;
    service.set(u"service"_s, u"analytics"_s);
    service.set(u"user"_s, u"bob"_s);
    QCOMPARE(PasswordKeychain::keyFor(service), u"service=analytics bob"_s);
}

QTEST_GUILESS_MAIN(TestPasswordKeychain)
#include "tst_password_keychain.moc"
