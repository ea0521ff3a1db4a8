#include "connections/connection_manager.h"
#include "connections/profile_form.h"
#include "profile/password_keychain.h"
#include "profile/profile_parser.h"
#include "profile/profile_store.h"
#include "shell/connection_actions.h"
#include "test_database.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace mizzle;
using namespace Qt::StringLiterals;

// The connection manager as a new user meets it: a profile made in the form, checked by the
// parser, tested against the real server, saved without a password, listed by group; a broken
// file left alone; a URI connection kept as a profile.
class TestConnectionManager : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void aNewProfileIsTestedSavedAndListedByGroup();
    void aKeychainProfileIsTestedAndItsPasswordKept();
    void theFormShowsTheParsersError();
    void aBrokenFileIsListedAndNeverOverwritten();
    void duplicateAndDelete();
    void aUriConnectionBecomesAProfileWithoutItsPassword();

private:
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<ProfileStore> m_store;
};

void TestConnectionManager::init()
{
    m_folder = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ProfileStore>(m_folder->path());
}

void TestConnectionManager::aNewProfileIsTestedSavedAndListedByGroup()
{
    ConnectionManager manager(m_store.get());
    manager.newProfile();
    ProfileForm *form = manager.form();
    type(form->findChild<QLineEdit *>(u"name"_s), u"Local test"_s);
    form->findChild<QComboBox *>(u"group"_s)->setCurrentText(u"Development"_s);
    type(form->findChild<QLineEdit *>(u"host"_s), test::testHost());
    type(form->findChild<QLineEdit *>(u"dbname"_s), u"mizzle_test"_s);
    form->findChild<QComboBox *>(u"password"_s)->setCurrentIndex(1); // ask when connecting
    QStringList asked;
    manager.setPasswordPrompt([&asked](const QString &name, const QString &, bool) {
        asked.append(name);
        return std::optional(PasswordAnswer{u"not needed by a trust server"_s, false});
    });

    QSignalSpy tested(&manager, &ConnectionManager::testFinished);
    manager.testCurrent();
    QVERIFY(tested.wait(30'000));
    QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(manager.status()));
    QCOMPARE(asked, QStringList{u"Local test"_s});
    QVERIFY2(manager.status().startsWith(u"Connected: PostgreSQL 17."_s),
             qPrintable(manager.status()));
    QVERIFY(manager.status().contains(u"not encrypted"_s));

    QSignalSpy changed(&manager, &ConnectionManager::profilesChanged);
    const Result<QString> saved = manager.saveCurrent();
    QVERIFY2(saved.ok(), test::describe(saved));
    QCOMPARE(changed.count(), 1);
    QFile file(saved.value());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QVERIFY(!json.contains("not needed")); // never the password, only where it comes from
    const Result<ParsedProfile> read = parseProfile(json, saved.value());
    QVERIFY2(read.ok(), test::describe(read));
    QCOMPARE(read->profile.name, u"Local test"_s);
    QCOMPARE(read->profile.group, u"Development"_s);
    QCOMPARE(read->profile.host, test::testHost());
    QCOMPARE(read->profile.password.kind, PasswordSource::Kind::Prompt);

    const QTreeWidgetItem *group = manager.list()->topLevelItem(0);
    QCOMPARE(group->text(0), u"Development"_s);
    QCOMPARE(group->child(0)->text(0), u"Local test"_s);
    QCOMPARE(manager.currentFile(), saved.value());
}

void TestConnectionManager::aKeychainProfileIsTestedAndItsPasswordKept()
{
    // Through PgBouncer, which checks passwords, with the Secret Service of the keyring fixture.
    ConnectionProfile profile;
    profile.name = u"Keychain test"_s;
    profile.host = qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_HOST");
    profile.port = qEnvironmentVariableIntValue("MIZZLE_TEST_PGBOUNCER_PORT");
    profile.dbname = u"mizzle_test"_s;
    profile.user = qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_USER");
    profile.password.kind = PasswordSource::Kind::Keychain;
    const QString key = PasswordKeychain::keyFor(profile.connectionParameters().value());
    QObject context;
    QVERIFY(
        test::await<void>([&](auto done) { PasswordKeychain::remove(&context, key, done); }).ok());
    ConnectionManager manager(m_store.get());
    manager.newProfile(profile);
    QStringList answers{u"wrong"_s, qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PASSWORD")};
    QList<bool> offered;
    manager.setPasswordPrompt([&](const QString &, const QString &, bool offer) {
        offered.append(offer);
        return std::optional(PasswordAnswer{answers.takeFirst(), true});
    });
    QSignalSpy tested(&manager, &ConnectionManager::testFinished);
    manager.testCurrent();
    QVERIFY(tested.wait(30'000));
    QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(manager.status()));
    QCOMPARE(offered, (QList<bool>{true, true})); // nothing stored, then a refused password
    const auto stored = [&] {
        return test::await<std::optional<QString>>(
            [&](auto done) { PasswordKeychain::read(&context, key, done); });
    };
    QVERIFY(QTest::qWaitFor(
        [&] {
            return stored().value() ==
                   std::optional(qEnvironmentVariable("MIZZLE_TEST_PGBOUNCER_PASSWORD"));
        },
        10'000));
}

void TestConnectionManager::theFormShowsTheParsersError()
{
    ConnectionManager manager(m_store.get());
    manager.newProfile();
    ProfileForm *form = manager.form();
    type(form->findChild<QLineEdit *>(u"name"_s), u"Bad colour"_s);
    form->findChild<QComboBox *>(u"address"_s)->setCurrentIndex(int(ProfileForm::Address::Url));
    type(form->findChild<QLineEdit *>(u"url"_s), u"postgresql://alice:secret@db/app"_s);
    const Result<QString> saved = manager.saveCurrent();
    QVERIFY(!saved.ok());
    const QString problem = form->findChild<QLabel *>(u"problem"_s)->text();
    QVERIFY2(problem.contains(u"key \"url\""_s), qPrintable(problem));
    QVERIFY2(problem.contains(u"password"_s), qPrintable(problem));
    QVERIFY(m_store->loadAll().isEmpty()); // nothing written
}

void TestConnectionManager::aBrokenFileIsListedAndNeverOverwritten()
{
    const QString path = m_folder->filePath(u"half-written.json"_s);
    QFile broken(path);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"format\": \"mizzle-profile\", \"version\": 1, \"name\": ");
    broken.close();
    ConnectionManager manager(m_store.get());
    QVERIFY(manager.select(path));
    QVERIFY2(manager.status().contains(u"never overwritten"_s), qPrintable(manager.status()));
    QVERIFY(!manager.form()->isEnabled());
    QVERIFY(!manager.saveCurrent().ok());
    QVERIFY(broken.open(QIODevice::ReadOnly));
    QCOMPARE(broken.readAll(),
             QByteArray("{\"format\": \"mizzle-profile\", \"version\": 1, \"name\": "));
}

void TestConnectionManager::duplicateAndDelete()
{
    ConnectionProfile original;
    original.name = u"Prod"_s;
    original.host = u"db.example.com"_s;
    const Result<QString> path = m_store->save(original);
    QVERIFY(path.ok());
    ConnectionManager manager(m_store.get());
    QVERIFY(manager.select(path.value()));
    manager.duplicateCurrent();
    QCOMPARE(manager.form()->profile().name, u"Prod (copy)"_s);
    QCOMPARE(manager.form()->profile().host, u"db.example.com"_s);
    QVERIFY(manager.saveCurrent().ok());
    QCOMPARE(m_store->loadAll().size(), 2);

    QVERIFY(manager.select(path.value()));
    QVERIFY(!manager.deleteCurrent([](const QString &) { return false; })); // asked, declined
    QVERIFY(QFile::exists(path.value()));
    QVERIFY(manager.deleteCurrent([](const QString &) { return true; }));
    QVERIFY(!QFile::exists(path.value()));
    QCOMPARE(m_store->loadAll().size(), 1);
}

void TestConnectionManager::aUriConnectionBecomesAProfileWithoutItsPassword()
{
    ConnectionTarget target;
    target.displayName = u"alice@db.example.com/app"_s;
    target.parameters = ConnectionParameters::fromConninfo(
                            u"postgresql://alice:s3cret@db.example.com:6543/app?sslmode=require"_s)
                            .value();
    target.readOnly = true;
    const ConnectionProfile profile = profileFromTarget(target);
    QCOMPARE(profile.host, u"db.example.com"_s);
    QCOMPARE(profile.port, 6543);
    QCOMPARE(profile.user, u"alice"_s);
    QCOMPARE(profile.sslmode, u"require"_s);
    QCOMPARE(profile.password.kind, PasswordSource::Kind::Prompt);
    QVERIFY(profile.readOnly);
    ConnectionManager manager(m_store.get());
    manager.newProfile(profile);
    const Result<QString> saved = manager.saveCurrent();
    QVERIFY2(saved.ok(), test::describe(saved));
    QFile file(saved.value());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("s3cret"));
}

QTEST_MAIN(TestConnectionManager)
#include "tst_connection_manager.moc"
