// SPDX-License-Identifier: MIT
// gui-stall: while a 1,000,000-record object downloads with the Manage data screen open, how long
// is the GUI thread ever blocked? A 2 ms timer on the GUI thread records the gaps between its ticks
// (KDToolBox ui_watchdog style); the longest gap minus the interval is the longest stall.
// Target: under 50 ms. Run by hand: gui-stall-bench [--records N] (offscreen unless a platform is set).
#include "config/syncconfig.h"
#include "emulator/emulator.h"
#include "emulator/emulatorserver.h"
#include "emulator/seeder.h"
#include "soql/ids.h"
#include "sync/syncengine.h"
#include "ui/enginebinding.h"
#include "ui/managedatacontroller.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>


namespace {
constexpr int kTickMs = 2; // the watchdog's resolution: fine enough to see a 50 ms stall clearly
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    QCommandLineParser parser;
    const QCommandLineOption recordsOpt("records", "Products to seed and download.", "n", "1000000");
    // The same run without QML tells the page's share of the stalls from the rest (engine facade,
    // scheduling on a busy machine).
    const QCommandLineOption noScreenOpt("no-screen", "Do not load the pages (baseline).");
    parser.addHelpOption();
    parser.addOption(recordsOpt);
    parser.addOption(noScreenOpt);
    parser.process(app);
    const qint64 records = parser.value(recordsOpt).toLongLong();

    QElapsedTimer setup;
    setup.start();
    emu::EmulatorOptions emuOptions;
    emuOptions.seed = "scale";
    emuOptions.records = records;
    emu::EmulatorServer emulator(emuOptions);
    std::string error;
    if (!emulator.start(&error)) {
        std::fprintf(stderr, "emulator: %s\n", error.c_str());
        return 2;
    }
    std::printf("seeded %lld products in %.1f s\n", static_cast<long long>(records), setup.elapsed() / 1000.0);

    QString configError;
    auto config = posdata::loadBundledSyncConfig(&configError);
    if (!config) {
        std::fprintf(stderr, "config: %s\n", qPrintable(configError));
        return 2;
    }
    QTemporaryDir dir;
    posdata::SyncEngineOptions options;
    options.dbPath = dir.filePath(QStringLiteral("bench.sqlite"));
    options.config = *config;
    options.device.instanceUrl = QUrl(QString::fromStdString(emulator.url()));
    options.device.clientId = QString::fromLatin1(emu::Emulator::kClientId);
    options.device.refreshToken = QString::fromLatin1(emu::Emulator::kRefreshToken);
    options.device.outletId = QString::fromStdString(emu::Seeder::outletId(1));
    options.device.shiftId = QString::fromStdString(soql::makeId("a01", 1));
    posdata::SyncEngine engine(options);
    posdata::ManageDataController controller;
    posdata::bindEngine(&controller, &engine);

    QQmlApplicationEngine qml;
    const bool screen = !parser.isSet(noScreenOpt);
    if (screen) {
        qml.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
        qml.load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/PosData/Main.qml")));
        if (qml.rootObjects().isEmpty())
            return 2;
    }

    std::vector<qint64> gapsUs;
    gapsUs.reserve(1 << 20);
    QElapsedTimer clock;
    qint64 last = -1;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(kTickMs);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        if (last >= 0)
            gapsUs.push_back(now - last);
        last = now;
    });

    QElapsedTimer download;
    // Measure the download itself: from the first snapshot that shows it running (the window's
    // first frames, QML compilation and font caches are start-up costs, not stalls during a sync).
    QObject::connect(&controller, &posdata::ManageDataController::stateChanged, &app, [&] {
        if (!ticker.isActive() && controller.anythingSyncing()) {
            clock.start();
            download.start();
            ticker.start();
        }
        if (!ticker.isActive() || !controller.allSynced())
            return;
        const double seconds = download.elapsed() / 1000.0;
        ticker.stop();
        std::sort(gapsUs.begin(), gapsUs.end());
        const auto pct = [&](double p) {
            return gapsUs.empty() ? 0.0 : gapsUs[std::min(gapsUs.size() - 1, size_t(p * gapsUs.size()))] / 1000.0;
        };
        const double longestStallMs = gapsUs.empty() ? 0.0 : gapsUs.back() / 1000.0 - kTickMs;
        const auto over50 = std::count_if(gapsUs.begin(), gapsUs.end(), [](qint64 g) { return g > 50000 + kTickMs * 1000; });
        std::printf("downloaded %lld records in %.1f s (%.0f records/s) with the screen %s\n",
                    static_cast<long long>(records), seconds, records / std::max(seconds, 0.001),
                    screen ? "open" : "closed");
        std::printf("GUI ticks: %zu, gap p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms\n", gapsUs.size(), pct(0.5),
                    pct(0.99), pct(0.999));
        std::printf("longest GUI stall: %.1f ms (target < 50 ms), stalls over 50 ms: %lld\n", longestStallMs,
                    static_cast<long long>(over50));
        QCoreApplication::exit(longestStallMs < 50.0 ? 0 : 1);
    });

    engine.start();
    return app.exec();
}
