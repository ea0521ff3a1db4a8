#include "profile/password_keychain.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

Error keychainError(const QKeychain::Job *job, const QString &key)
{
    return Error{u"the system keychain did not answer: %1"_s.arg(job->errorString()), key,
                 u"Is a Secret Service (GNOME Keyring, KWallet) running and unlocked? Otherwise "
                 "choose \"prompt\" or \"pgpass\" as the password source."_s};
}

// Runs the job, and the callback once it has finished, unless context is gone by then: the
// guard of every asynchronous call in core, as QObject::connect gives it.
template <typename Job, typename Finished> void run(Job *job, QObject *context, Finished finished)
{
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [job, finished](QKeychain::Job *) { finished(job); });
    job->start();
}

} // namespace

QString PasswordKeychain::keyFor(const ConnectionParameters &parameters)
{
    const auto value = [&parameters](const QString &keyword, const QString &fallback) {
        const QString given = parameters.value(keyword);
        return given.isEmpty() ? fallback : given;
    };
    const QString user =
        value(u"user"_s, qEnvironmentVariable("PGUSER", qEnvironmentVariable("USER")));
    const QString host = value(u"host"_s, qEnvironmentVariable("PGHOST", u"localhost"_s));
    const QString port = value(u"port"_s, qEnvironmentVariable("PGPORT", u"5432"_s));
    const QString dbname = value(u"dbname"_s, user);
    if (!parameters.value(u"service"_s).isEmpty())
        return u"service=%1 %2"_s.arg(parameters.value(u"service"_s), user);
    return u"%1@%2:%3/%4"_s.arg(user, host, port, dbname);
}

void PasswordKeychain::read(QObject *context, const QString &key,
                            std::function<void(Result<std::optional<QString>>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(service));
    job->setKey(key);
    run(job, context, [key, done](QKeychain::ReadPasswordJob *finished) {
        if (finished->error() == QKeychain::EntryNotFound)
            return done(std::optional<QString>());
        if (finished->error() != QKeychain::NoError)
            return done(keychainError(finished, key));
        done(std::optional(finished->textData()));
    });
}

void PasswordKeychain::write(QObject *context, const QString &key, const QString &password,
                             std::function<void(Result<void>)> done)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(service));
    job->setKey(key);
    job->setTextData(password);
    run(job, context, [key, done](QKeychain::WritePasswordJob *finished) {
        if (finished->error() != QKeychain::NoError)
            return done(keychainError(finished, key));
        done({});
    });
}

void PasswordKeychain::remove(QObject *context, const QString &key,
                              std::function<void(Result<void>)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(service));
    job->setKey(key);
    run(job, context, [key, done](QKeychain::DeletePasswordJob *finished) {
        if (finished->error() != QKeychain::NoError &&
            finished->error() != QKeychain::EntryNotFound)
            return done(keychainError(finished, key));
        done({});
    });
}

} // namespace mizzle
