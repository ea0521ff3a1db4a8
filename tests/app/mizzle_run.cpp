#include "mizzle_run.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace mizzle::test {

using namespace Qt::StringLiterals;

MizzleRun runMizzle(const QStringList &arguments, const QByteArray &input, bool withoutDisplay)
{
    QProcess mizzle;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (withoutDisplay) {
        environment.remove(u"DISPLAY"_s);
        environment.remove(u"WAYLAND_DISPLAY"_s);
        environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    }
    mizzle.setProcessEnvironment(environment);
    mizzle.start(qEnvironmentVariable("MIZZLE_BINARY"), arguments);
    if (!mizzle.waitForStarted(30'000))
        qFatal("cannot start %s", qPrintable(qEnvironmentVariable("MIZZLE_BINARY")));
    mizzle.write(input);
    mizzle.closeWriteChannel();
    if (!mizzle.waitForFinished(60'000))
        qFatal("mizzle %s did not exit", qPrintable(arguments.join(u' ')));
    MizzleRun result;
    result.exitCode = mizzle.exitStatus() == QProcess::NormalExit ? mizzle.exitCode() : -1;
    result.out = mizzle.readAllStandardOutput();
    result.err = mizzle.readAllStandardError();
    return result;
}

} // namespace mizzle::test
