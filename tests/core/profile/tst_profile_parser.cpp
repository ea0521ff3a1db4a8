#include "profile/connection_profile.h"
#include "profile/profile_parser.h"
#include "profile/profile_store.h"
#include "profile/profile_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

QString dataFile(const QString &relativePath)
{
    return QString::fromUtf8(MIZZLE_TEST_DATA_DIR) + u"/profiles/"_s + relativePath;
}

template <typename T> QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().toString();
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// "key=value" lines compare readably and keep libpq's keyword order visible in a failure.
QStringList keywords(const ConnectionParameters &parameters)
{
    QStringList lines;
    for (const auto &[keyword, value] : parameters.entries())
        lines.append(keyword + u'=' + value);
    return lines;
}

// One "name=value" line per field: a failing comparison then shows the field that differs.
QStringList fields(const ConnectionProfile &p)
{
    static const QStringList names =
        u"filePath name group color host port dbname user url service sslmode sslrootcert "
        u"sslcert sslkey applicationName password.kind password.variable pool.max "
        u"pool.idleTimeoutMs "
        u"pool.maxLifetimeMs pool.connectionTimeoutMs pool.acquireTimeoutMs readOnly "
        u"readOnlyRole statementTimeoutMs pgbouncer pgbouncer.host pgbouncer.port "
        u"pgbouncer.dbname pgbouncer.user pgbouncer.url pgbouncer.service pgbouncer.sslmode "
        u"pgbouncer.sslrootcert pgbouncer.sslcert pgbouncer.sslkey pgbouncer.password.kind pgbouncer.password.variable"_s
            .split(u' ');
    const auto n = [](int value) { return QString::number(value); };
    QStringList values;
    values << p.filePath << p.name << p.group << p.color << p.host << n(p.port) << p.dbname
           << p.user << p.url << p.service << p.sslmode << p.sslrootcert << p.sslcert << p.sslkey
           << p.applicationName << n(static_cast<int>(p.password.kind)) << p.password.variable
           << n(p.pool.max) << n(p.pool.idleTimeoutMs) << n(p.pool.maxLifetimeMs)
           << n(p.pool.connectionTimeoutMs) << n(p.pool.acquireTimeoutMs) << n(p.readOnly)
           << n(p.readOnlyRole) << n(p.statementTimeoutMs) << n(p.pgbouncer.has_value());
    if (p.pgbouncer) {
        const PgBouncerConsole &b = *p.pgbouncer;
        values << b.host << n(b.port) << b.dbname << b.user << b.url << b.service << b.sslmode
               << b.sslrootcert << b.sslcert << b.sslkey << n(static_cast<int>(b.password.kind))
               << b.password.variable;
    }
    QStringList lines;
    for (qsizetype i = 0; i < names.size(); ++i)
        lines.append(names[i] + u'=' + values.value(i));
    return lines;
}

struct MalformedCase
{
    QString file;
    QString key; // empty when the error concerns the whole file
    QString message;
    QString secret = {}; // text from the file that no part of the error may repeat
};

const QString aloneTail = uR"(; a profile addresses the server with "url", with "service", )"
                          uR"(or with host, port, dbname and user)"_s;
const QString durationExpected =
    u"expected a number of seconds from 0 to 2147483 (0 means no limit)"_s;
const QString passwordExpected = uR"(expected "prompt", "pgpass", "keychain" or "env:VARIABLE"; )"
                                 uR"(a profile never holds a password itself)"_s;

const QList<MalformedCase> &malformedCases()
{
    static const QList<MalformedCase> cases = {
        {u"empty.json"_s,
         {},
         uR"(the file is empty, expected a JSON object with "format": "mizzle-profile")"_s},
        // Column 23 counts "ü" as one character; in bytes it would be 24.
        {u"invalid-json-missing-comma.json"_s,
         {},
         u"not valid JSON: unterminated object at line 4, column 23"_s},
        {u"invalid-json-trailing-comma.json"_s,
         {},
         u"not valid JSON: object is missing after a comma at line 5, column 2"_s},
        {u"top-level-array.json"_s,
         {},
         u"found an array at the top level, expected a JSON object"_s},
        {u"missing-format.json"_s, u"format"_s,
         uR"(key "format" is missing, expected "mizzle-profile")"_s},
        {u"wrong-format.json"_s, u"format"_s,
         uR"(key "format": found "mizzle-profiles" (a string), expected "mizzle-profile")"_s},
        {u"missing-version.json"_s, u"version"_s, uR"(key "version" is missing, expected 1)"_s},
        // Also lacks "name": the version is checked first, so a newer file is never half-read.
        {u"version-2.json"_s, u"version"_s,
         uR"(key "version": found 2, expected 1; the file was written by a newer version of )"
         uR"(Mizzle)"_s},
        {u"version-string.json"_s, u"version"_s,
         uR"(key "version": found "1" (a string), expected 1)"_s},
        {u"version-fraction.json"_s, u"version"_s, uR"(key "version": found 1.5, expected 1)"_s},
        {u"missing-name.json"_s, u"name"_s,
         uR"(key "name" is missing, expected a non-empty string)"_s},
        {u"blank-name.json"_s, u"name"_s,
         uR"(key "name": found "   " (a string), expected a non-empty string)"_s},
        {u"name-number.json"_s, u"name"_s,
         uR"(key "name": found 42, expected a non-empty string)"_s},
        // Also has a quoted port: the first broken rule in the documented order wins.
        {u"group-array.json"_s, u"group"_s,
         uR"(key "group": found an array, expected a non-empty string)"_s},
        {u"bad-color.json"_s, u"color"_s,
         uR"(key "color": found "#cc333" (a string), expected "#rrggbb", six hexadecimal )"
         uR"(digits such as "#cc3333")"_s},
        {u"port-string.json"_s, u"port"_s,
         uR"(key "port": found "5432" (a string), expected a whole number from 1 to 65535)"_s},
        {u"port-out-of-range.json"_s, u"port"_s,
         uR"(key "port": found 70000, expected a whole number from 1 to 65535)"_s},
        {u"port-fraction.json"_s, u"port"_s,
         uR"(key "port": found 5432.5, expected a whole number from 1 to 65535)"_s},
        {u"empty-dbname.json"_s, u"dbname"_s,
         uR"(key "dbname": found "" (a string), expected a non-empty string)"_s},
        {u"host-null.json"_s, u"host"_s,
         uR"(key "host": found null, expected a non-empty string)"_s},
        {u"url-with-host.json"_s, u"url"_s,
         uR"(key "url": found together with "host", expected "url" alone)"_s + aloneTail},
        {u"url-with-service.json"_s, u"url"_s,
         uR"(key "url": found together with "service", expected "url" alone)"_s + aloneTail},
        {u"service-with-port.json"_s, u"service"_s,
         uR"(key "service": found together with "port", expected "service" alone)"_s + aloneTail},
        {u"url-rejected.json"_s, u"url"_s,
         uR"(key "url": found a connection string libpq rejects (invalid URI query parameter: )"
         uR"("sslmod"), expected a postgresql:// URI or key=value pairs)"_s},
        {u"url-with-password.json"_s, u"url"_s,
         uR"(key "url": found a URI that contains a password, expected one without; a profile )"
         uR"(never holds a password itself)"_s,
         u"s3cret"_s},
        {u"bad-sslmode.json"_s, u"sslmode"_s,
         uR"(key "sslmode": found "required" (a string), expected one of disable, allow, )"
         uR"(prefer, require, verify-ca, verify-full)"_s},
        {u"password-literal.json"_s, u"password"_s,
         uR"(key "password": found a literal value, )"_s + passwordExpected, u"hunter2"_s},
        {u"password-number.json"_s, u"password"_s,
         uR"(key "password": found a number, )"_s + passwordExpected, u"918273"_s},
        {u"password-env-bad-name.json"_s, u"password"_s,
         uR"(key "password": found "env:1PASSWORD" (a string), expected "env:" followed by a )"
         uR"(variable name made of letters, digits and underscores, not starting with a digit)"_s},
        {u"pool-not-object.json"_s, u"pool"_s,
         uR"(key "pool": found 5, expected an object such as {"max": 5})"_s},
        {u"pool-max-zero.json"_s, u"pool.max"_s,
         uR"(key "pool.max": found 0, expected a whole number from 1 to 1000)"_s},
        {u"pool-duration-string.json"_s, u"pool.connectionTimeout"_s,
         uR"(key "pool.connectionTimeout": found "10s" (a string), )"_s + durationExpected},
        {u"negative-duration.json"_s, u"pool.idleTimeout"_s,
         uR"(key "pool.idleTimeout": found -1, )"_s + durationExpected},
        {u"readonly-string.json"_s, u"readOnly"_s,
         uR"(key "readOnly": found "true" (a string), expected true or false)"_s},
        {u"readonly-role-number.json"_s, u"readOnlyRole"_s,
         uR"(key "readOnlyRole": found 1, expected true or false)"_s},
        {u"statement-timeout-too-large.json"_s, u"statementTimeout"_s,
         uR"(key "statementTimeout": found 2147484, )"_s + durationExpected},
        {u"pgbouncer-not-object.json"_s, u"pgbouncer"_s,
         uR"(key "pgbouncer": found "postgresql:///pgbouncer" (a string), expected an object )"
         uR"(such as {"host": "...", "user": "..."})"_s},
        {u"pgbouncer-dbname.json"_s, u"pgbouncer.dbname"_s,
         uR"(key "pgbouncer.dbname": found "app" (a string), expected "pgbouncer", the admin )"
         uR"(console's database (or leave it out))"_s},
        {u"pgbouncer-password-literal.json"_s, u"pgbouncer.password"_s,
         uR"(key "pgbouncer.password": found a literal value, expected "prompt", "pgpass", )"
         uR"("keychain" or "env:VARIABLE"; a profile never holds a password itself)"_s,
         u"hunter2"_s},
        {u"pgbouncer-url-with-port.json"_s, u"pgbouncer.url"_s,
         uR"(key "pgbouncer.url": found together with "pgbouncer.port", expected )"
         uR"("pgbouncer.url" alone)"_s +
             aloneTail},
    };
    return cases;
}

} // namespace

// Inside the class, a raw string with an odd number of quotes makes moc silently skip it.
class TestProfileParser : public QObject
{
    Q_OBJECT

private slots:
    void everyMalformedFileHasACase()
    {
        const QStringList files =
            QDir(dataFile(u"malformed"_s)).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        QStringList covered;
        for (const MalformedCase &testCase : malformedCases())
            covered.append(testCase.file);
        covered.sort();
        QCOMPARE(files, covered);
        QVERIFY(files.size() >= 18);
    }

    void malformedFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("secret");
        for (const MalformedCase &testCase : malformedCases()) {
            QTest::newRow(qPrintable(testCase.file))
                << testCase.file << testCase.key << testCase.message << testCase.secret;
        }
    }

    void malformedFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, key);
        QFETCH(QString, message);
        QFETCH(QString, secret);

        const QString path = dataFile(u"malformed/"_s + file);
        const Result<ParsedProfile> parsed = loadProfileFile(path);
        QVERIFY2(!parsed.ok(), "a malformed file parsed");
        const Error &error = parsed.error();
        QCOMPARE(error.message, message);
        QCOMPARE(error.where, key.isEmpty() ? path : path + u": key \""_s + key + u'"');
        if (!secret.isEmpty())
            QVERIFY2(!error.toString().contains(secret), qPrintable(errorText(parsed)));
    }

    void hostProfile()
    {
        const QString path = dataFile(u"valid/full.json"_s);
        const Result<ParsedProfile> parsed = loadProfileFile(path);
        QVERIFY2(parsed.ok(), qPrintable(errorText(parsed)));
        QCOMPARE(parsed->warnings, QStringList());
        const ConnectionProfile &profile = parsed->profile;
        QCOMPARE(profile.filePath, path);
        QCOMPARE(profile.name, u"Prod replica"_s);
        QCOMPARE(profile.group, u"Production"_s);
        QCOMPARE(profile.color, u"#cc3333"_s);
        QCOMPARE(profile.port, 5433);
        QCOMPARE(profile.password.kind, PasswordSource::Kind::PgPass);
        QCOMPARE(profile.pool.max, 8);
        QCOMPARE(profile.pool.idleTimeoutMs, 45'000);
        QCOMPARE(profile.pool.maxLifetimeMs, 600'500);
        QCOMPARE(profile.pool.connectionTimeoutMs, 2'500);
        QCOMPARE(profile.pool.acquireTimeoutMs, 0);
        QVERIFY(profile.readOnly);
        QVERIFY(profile.readOnlyRole);
        QCOMPARE(profile.statementTimeoutMs, 30'000);

        const Result<ConnectionParameters> parameters = profile.connectionParameters();
        QVERIFY2(parameters.ok(), qPrintable(errorText(parameters)));
        QCOMPARE(
            keywords(parameters.value()),
            (QStringList{u"host=db.example.com"_s, u"port=5433"_s, u"dbname=app"_s, u"user=alice"_s,
                         u"sslmode=verify-full"_s, u"sslrootcert=/etc/ssl/certs/db-root.crt"_s,
                         u"sslcert=/home/alice/.postgresql/alice.crt"_s,
                         u"sslkey=/home/alice/.postgresql/alice.key"_s,
                         u"application_name=mizzle-tests"_s,
                         u"options=-c default_transaction_read_only=on "
                         u"-c statement_timeout=30000"_s}));
    }

    void pgbouncerConsole()
    {
        const QString path = dataFile(u"valid/pgbouncer.json"_s);
        const Result<ParsedProfile> parsed = loadProfileFile(path);
        QVERIFY2(parsed.ok(), qPrintable(errorText(parsed)));
        QCOMPARE(parsed->warnings, QStringList());
        const std::optional<PgBouncerConsole> &console = parsed->profile.pgbouncer;
        QVERIFY(console);
        QCOMPARE(console->password.kind, PasswordSource::Kind::Environment);
        qputenv("PGBOUNCER_PASSWORD", "s3cret");
        const Result<ConnectionParameters> parameters = console->connectionParameters(path);
        qunsetenv("PGBOUNCER_PASSWORD");
        QVERIFY2(parameters.ok(), qPrintable(errorText(parameters)));
        // dbname defaults to the admin console's; the profile's own keys stay its own.
        QCOMPARE(keywords(parameters.value()),
                 (QStringList{u"host=db.example.com"_s, u"port=6432"_s, u"user=pgbouncer_admin"_s,
                              u"sslmode=require"_s, u"dbname=pgbouncer"_s, u"password=s3cret"_s}));
        const Result<ConnectionParameters> unset = console->connectionParameters(path);
        QVERIFY(!unset.ok());
        QCOMPARE(unset.error().where, path + uR"(: key "pgbouncer.password")"_s);
        QVERIFY(!loadProfileFile(dataFile(u"valid/full.json"_s))->profile.pgbouncer);
    }

    void urlProfile()
    {
        const QString path = dataFile(u"valid/url.json"_s);
        const Result<ParsedProfile> parsed = loadProfileFile(path);
        QVERIFY2(parsed.ok(), qPrintable(errorText(parsed)));
        const ConnectionProfile &profile = parsed->profile;
        QCOMPARE(profile.password.kind, PasswordSource::Kind::Environment);
        QCOMPARE(profile.password.variable, u"MIZZLE_TEST_PGPASSWORD"_s);
        // A tiny positive limit must stay a limit rather than round to 0, "no limit".
        QCOMPARE(profile.statementTimeoutMs, 1);

        const char *variable = "MIZZLE_TEST_PGPASSWORD";
        qputenv(variable, "from-the-environment");
        const Result<ConnectionParameters> parameters = profile.connectionParameters();
        qunsetenv(variable);
        QVERIFY2(parameters.ok(), qPrintable(errorText(parameters)));
        // The profile's own key wins over the URI's sslmode=require.
        QCOMPARE(parameters->value(u"sslmode"_s), u"verify-ca"_s);
        QCOMPARE(parameters->value(u"application_name"_s), u"Mizzle"_s);
        QCOMPARE(parameters->value(u"password"_s), u"from-the-environment"_s);
        // Options already in the URI are kept, not replaced.
        QCOMPARE(
            parameters->value(u"options"_s),
            u"-c search_path=app -c default_transaction_read_only=on -c statement_timeout=1"_s);

        const Result<ConnectionParameters> unset = profile.connectionParameters();
        QVERIFY(!unset.ok());
        QCOMPARE(unset.error().message,
                 u"environment variable MIZZLE_TEST_PGPASSWORD is not set"_s);
        QCOMPARE(unset.error().where, path + uR"(: key "password")"_s);
    }

    void serviceAndMinimalProfiles()
    {
        const Result<ParsedProfile> service = loadProfileFile(dataFile(u"valid/service.json"_s));
        QVERIFY2(service.ok(), qPrintable(errorText(service)));
        QCOMPARE(service->profile.password.kind, PasswordSource::Kind::Prompt);
        const Result<ConnectionParameters> serviceParameters =
            service->profile.connectionParameters();
        QVERIFY2(serviceParameters.ok(), qPrintable(errorText(serviceParameters)));
        QCOMPARE(keywords(serviceParameters.value()),
                 (QStringList{u"service=analytics"_s, u"application_name=Mizzle"_s}));

        const Result<ParsedProfile> minimal = loadProfileFile(dataFile(u"valid/minimal.json"_s));
        QVERIFY2(minimal.ok(), qPrintable(errorText(minimal)));
        ConnectionProfile expected;
        expected.filePath = minimal->profile.filePath;
        expected.name = u"Local"_s;
        QCOMPARE(fields(minimal->profile), fields(expected));
        const Result<ConnectionParameters> parameters = minimal->profile.connectionParameters();
        QVERIFY2(parameters.ok(), qPrintable(errorText(parameters)));
        // Everything else is left to libpq's defaults and the PG* environment variables.
        QCOMPARE(keywords(parameters.value()), QStringList{u"application_name=Mizzle"_s});
    }

    void unknownKeysWarn()
    {
        const QString path = dataFile(u"valid/unknown-keys.json"_s);
        const Result<ParsedProfile> parsed = loadProfileFile(path);
        QVERIFY2(parsed.ok(), qPrintable(errorText(parsed)));
        // Ignored means ignored: the near-miss keys set nothing.
        QVERIFY(parsed->profile.color.isEmpty());
        QVERIFY(!parsed->profile.readOnly);
        QCOMPARE(parsed->profile.pool.max, PoolSettings().max);

        const QStringList &warnings = parsed->warnings;
        QCOMPARE(warnings.size(), 3);
        const auto warningFor = [&warnings](const QString &key) {
            const QStringList found = warnings.filter(u"key \""_s + key + u'"');
            return found.size() == 1 ? found.first() : QString();
        };
        // Only a difference in case earns a suggestion; the documented promise is file and key.
        QVERIFY2(warningFor(u"colour"_s)
                     .startsWith(path + uR"(: key "colour" is unknown and was ignored)"_s),
                 qPrintable(warnings.join(u'\n')));
        QCOMPARE(warningFor(u"readonly"_s),
                 path +
                     uR"(: key "readonly" is unknown and was ignored; did you mean "readOnly"?)"_s);
        QCOMPARE(warningFor(u"pool.Max"_s),
                 path +
                     uR"(: key "pool.Max" is unknown and was ignored; did you mean "pool.max"?)"_s);
    }

    void writerRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file :
             QDir(dataFile(u"valid"_s)).entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(file)) << file;
    }

    void writerRoundTrip()
    {
        QFETCH(QString, file);
        const Result<ParsedProfile> original = loadProfileFile(dataFile(u"valid/"_s + file));
        QVERIFY2(original.ok(), qPrintable(errorText(original)));
        const QByteArray json = profileToJson(original->profile);
        const Result<ParsedProfile> reparsed = parseProfile(json, original->profile.filePath);
        QVERIFY2(reparsed.ok(), qPrintable(errorText(reparsed) + u'\n' + QString::fromUtf8(json)));
        QCOMPARE(reparsed->warnings, QStringList());
        QCOMPARE(fields(reparsed->profile), fields(original->profile));
    }

    void writerRoundTripEscapesAndTinyDurations()
    {
        ConnectionProfile profile;
        profile.name = u"Prod \"eu\" \\ Zürich\ttab"_s;
        profile.host = u"/var/run/postgresql"_s;
        profile.password = {PasswordSource::Kind::Environment, u"_PG_PASS_2"_s};
        profile.pool.max = 1;
        profile.pool.idleTimeoutMs = 1;
        profile.pool.maxLifetimeMs = 0;
        profile.pool.acquireTimeoutMs = 1'234'567;
        profile.statementTimeoutMs = 2'147'483'000;
        const QByteArray json = profileToJson(profile);
        const Result<ParsedProfile> reparsed = parseProfile(json, QString());
        QVERIFY2(reparsed.ok(), qPrintable(errorText(reparsed) + u'\n' + QString::fromUtf8(json)));
        QCOMPARE(fields(reparsed->profile), fields(profile));
    }

    void unreadableFiles()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QString missing = temp.filePath(u"no-such-profile.json"_s);
        const Result<ParsedProfile> parsed = loadProfileFile(missing);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().where, missing);
        QVERIFY2(parsed.error().message.startsWith(u"cannot read the file: "_s),
                 qPrintable(errorText(parsed)));
    }

    void storeSaveThenLoadAll()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        // The folder does not exist yet, as on a first run.
        const ProfileStore store(temp.filePath(u"profiles"_s));
        ConnectionProfile profile;
        profile.name = u"Prod Replica"_s;
        profile.host = u"db.example.com"_s;
        profile.readOnly = true;

        const Result<QString> saved = store.save(profile);
        QVERIFY2(saved.ok(), qPrintable(errorText(saved)));
        QCOMPARE(saved.value(), temp.filePath(u"profiles/prod-replica.json"_s));
        // Saving again over a valid profile is an ordinary update.
        profile.port = 6543;
        const Result<QString> updated = store.save(profile);
        QVERIFY2(updated.ok(), qPrintable(errorText(updated)));
        QCOMPARE(updated.value(), saved.value());

        const QList<Result<ParsedProfile>> all = store.loadAll();
        QCOMPARE(all.size(), 1);
        QVERIFY2(all.first().ok(), qPrintable(errorText(all.first())));
        profile.filePath = saved.value();
        QCOMPARE(fields(all.first()->profile), fields(profile));
    }

    void storeRefusesToOverwriteBrokenFile()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const ProfileStore store(temp.path());
        const QString path = temp.filePath(u"work-in-progress.json"_s);
        const QByteArray halfWritten =
            "{\"format\": \"mizzle-profile\", \"version\": 1, \"name\": \"Wo";
        QVERIFY(writeBytes(path, halfWritten));

        ConnectionProfile profile;
        profile.name = u"Work in progress"_s;
        for (const QString &target : {QString(), path}) {
            const Result<QString> saved = store.save(profile, target);
            QVERIFY(!saved.ok());
            QCOMPARE(saved.error().where, path);
            QVERIFY2(
                saved.error().message.startsWith(u"the file exists and is not a valid profile, "
                                                 u"so it was left untouched: not valid JSON: "_s),
                qPrintable(errorText(saved)));
        }
        QCOMPARE(readBytes(path), halfWritten);
        QCOMPARE(QDir(temp.path()).entryList(QDir::Files), QStringList{u"work-in-progress.json"_s});

        const QList<Result<ParsedProfile>> all = store.loadAll();
        QCOMPARE(all.size(), 1);
        QVERIFY(!all.first().ok());
        QCOMPARE(all.first().error().where, path);
    }

    void storeRecentFiles()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        // The profiles folder does not exist yet, as on a first run.
        const ProfileStore store(temp.filePath(u"config/profiles"_s));
        QCOMPARE(store.recentFiles(), QStringList());

        const QString a = temp.filePath(u"a.json"_s);
        const QString b = temp.filePath(u"b.json"_s);
        const QString c = temp.filePath(u"c.json"_s);
        for (const QString &file : {a, b, a, c})
            store.remember(file);
        QCOMPARE(store.recentFiles(), (QStringList{c, a, b}));
        // A second store on the same folder sees the list: it lives in a file, not in memory.
        QCOMPARE(ProfileStore(store.directory()).recentFiles(), (QStringList{c, a, b}));

        QStringList expected;
        for (int i = 0; i < ProfileStore::maxRecentFiles + 2; ++i) {
            const QString file = temp.filePath(u"profile-%1.json"_s.arg(i));
            store.remember(file);
            expected.prepend(file);
        }
        QCOMPARE(store.recentFiles(), expected.mid(0, ProfileStore::maxRecentFiles));
    }
};

QTEST_GUILESS_MAIN(TestProfileParser)
#include "tst_profile_parser.moc"
