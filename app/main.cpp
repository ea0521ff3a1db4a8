#include "command_line.h"
#include "common/app_settings.h"
#include "export_command.h"
#include "monitor_command.h"
#include "plan_command.h"
#include "shell/main_window.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTimer>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// A screenshot run must end even if the server never answers; CI relies on it.
constexpr int screenshotDeadlineMs = 5 * 60'000;

void print(const QString &text, FILE *stream)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}

} // namespace

int main(int argc, char *argv[])
{
    // `mizzle plan`, `monitor` and `export` serve scripts and CI, where there is no display: they
    // run before QApplication, which would need a display server to start.
    const auto command = mizzle::isPlanCommand(argc, argv)      ? &mizzle::runPlanCommand
                         : mizzle::isMonitorCommand(argc, argv) ? &mizzle::runMonitorCommand
                         : mizzle::isExportCommand(argc, argv)  ? &mizzle::runExportCommand
                                                                : nullptr;
    // No organisation name: data lives in ~/.local/share/mizzle, settings in ~/.config/mizzle.
    QCoreApplication::setApplicationName(u"mizzle"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MIZZLE_VERSION));
    if (command) {
        QCoreApplication app(argc, argv);
        return command(QCoreApplication::arguments());
    }
    // The studio's own command line is read before the GUI exists too: --version, --help and a
    // bad command line answer in a terminal without a display. Only the studio needs one.
    std::variant<mizzle::LaunchOptions, mizzle::EarlyExit> parsed;
    {
        QCoreApplication parsing(argc, argv);
        parsed = mizzle::parseCommandLine(QCoreApplication::arguments());
    }
    if (const auto *exit = std::get_if<mizzle::EarlyExit>(&parsed)) {
        print(exit->text, exit->exitCode == 0 ? stdout : stderr);
        return exit->exitCode;
    }
    const mizzle::LaunchOptions options = std::get<mizzle::LaunchOptions>(parsed);

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"Mizzle"_s);
    // The installed desktop entry's name: Wayland compositors match the window to it (its icon,
    // its name), as X11 desktops do by the StartupWMClass "mizzle".
    QGuiApplication::setDesktopFileName(u"io.github.mizzle.Mizzle"_s);
    mizzle::app_settings::applyTheme(mizzle::app_settings::theme());

    mizzle::MainWindow window(options);
    if (!options.screenshotPath.isEmpty()) {
        QObject::connect(&window, &mizzle::MainWindow::settled, &window, [&](bool ok) {
            // Let the view lay out the rows that just arrived before grabbing it.
            QTimer::singleShot(0, &window, [&window, &options, ok] {
                const bool saved = window.grab().save(options.screenshotPath, "PNG");
                if (!saved)
                    print(u"mizzle: cannot write %1\n"_s.arg(options.screenshotPath), stderr);
                QApplication::exit(ok && saved ? 0 : 1);
            });
        });
        QTimer::singleShot(screenshotDeadlineMs, &window, [] {
            print(u"mizzle: --screenshot gave up: nothing loaded within 5 minutes\n"_s, stderr);
            QApplication::exit(1);
        });
    }
    window.show();
    window.start();
    return QApplication::exec();
}
