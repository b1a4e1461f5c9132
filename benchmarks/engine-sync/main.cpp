// SPDX-License-Identifier: MIT
// Benchmark (a program, not a test): the engine's initial sync of N products into a fresh store.
// Prints one JSON line: records, wall seconds, records/s, peak RSS (VmHWM), the API calls and
// readyToSellSeconds (from the start until the engine said "ready to sell": the products are
// requiredForSale here, so that is when they were synced).
//   engine-sync-bench [--records N] [--url URL] [--batch 2000] [--db PATH] [--fields F1,F2,...]
//                     [--inline-checkpoints] [--ranges K] [--queries-in-flight Q]
// Without --url an in-process emulator seeded "scale" serves the org; its memory then counts in
// the peak RSS too. With --url (e.g. nginx in front of the emulator, scripts/bench) only ours does.
#include "config/syncconfig.h"
#include "emulator/emulatorserver.h"
#include "store/localstore.h"
#include "sync/syncengine.h"
#include "sync/synctuning.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

qint64 vmHwmKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Initial sync benchmark of the posdata sync engine"));
    parser.addHelpOption();
    QCommandLineOption recordsOpt(QStringLiteral("records"), QStringLiteral("products to seed"), QStringLiteral("n"),
                                  QStringLiteral("100000"));
    QCommandLineOption urlOpt(QStringLiteral("url"), QStringLiteral("use this server instead of an in-process emulator"),
                              QStringLiteral("url"));
    QCommandLineOption batchOpt(QStringLiteral("batch"), QStringLiteral("batch size"), QStringLiteral("n"),
                                QStringLiteral("2000"));
    QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("store path (default: a temp dir)"), QStringLiteral("path"));
    // scripts/bench passes the bundled config's product fields, so the pages are the real ~540 bytes.
    QCommandLineOption fieldsOpt(QStringLiteral("fields"), QStringLiteral("product fields to sync (comma-separated)"),
                                 QStringLiteral("list"), QStringLiteral("Name,CreatedDate,LastModifiedDate"));
    // A/B of the store's background checkpoints (SyncEngineOptions::backgroundCheckpoints).
    QCommandLineOption inlineCkptOpt(QStringLiteral("inline-checkpoints"),
                                     QStringLiteral("checkpoint in the writing thread, as SQLite does by default"));
    // Range downloads (SyncEngineOptions::rangesPerDownload; 0: one cursor chain, which is all a
    // static page server such as nginx in front of dumped pages can serve).
    QCommandLineOption rangesOpt(QStringLiteral("ranges"), QStringLiteral("Id ranges per full download (0: one cursor)"),
                                 QStringLiteral("k"), QString::number(posdata::tuning::kRangesPerDownload));
    QCommandLineOption queriesOpt(QStringLiteral("queries-in-flight"), QStringLiteral("query requests in flight at most"),
                                  QStringLiteral("q"), QString::number(posdata::tuning::kMaxQueriesInFlight));
    parser.addOptions({recordsOpt, urlOpt, batchOpt, dbOpt, fieldsOpt, inlineCkptOpt, rangesOpt, queriesOpt});
    parser.process(app);

    std::unique_ptr<emu::EmulatorServer> server;
    QString url = parser.value(urlOpt);
    if (url.isEmpty()) {
        emu::EmulatorOptions eo;
        eo.seed = "scale";
        eo.records = parser.value(recordsOpt).toLongLong();
        server = std::make_unique<emu::EmulatorServer>(eo);
        std::string error;
        if (!server->start(&error)) {
            std::fprintf(stderr, "emulator: %s\n", error.c_str());
            return 1;
        }
        url = QString::fromStdString(server->url());
    }
    const qint64 hwmBeforeSync = vmHwmKiB();

    QTemporaryDir dir;
    posdata::SyncEngineOptions options;
    options.dbPath = parser.isSet(dbOpt) ? parser.value(dbOpt) : dir.filePath(QStringLiteral("bench.sqlite"));
    QString error;
    QJsonArray fields;
    for (const QString &f : parser.value(fieldsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts))
        fields.append(f.trimmed());
    const QJsonObject product{{QStringLiteral("name"), QStringLiteral("s_c__product__c")},
                              {QStringLiteral("priority"), 40},
                              {QStringLiteral("requiredForSale"), true},
                              {QStringLiteral("fields"), fields}};
    const QJsonObject configJson{{QStringLiteral("version"), 1},
                                 {QStringLiteral("objects"), QJsonArray{product}}};
    auto config = posdata::parseSyncConfig(QJsonDocument(configJson).toJson(QJsonDocument::Compact),
                                           QStringLiteral("bench"), &error);
    if (!config) {
        std::fprintf(stderr, "config: %s\n", qPrintable(error));
        return 1;
    }
    options.config = *config;
    options.device.instanceUrl = QUrl(url);
    options.device.clientId = QStringLiteral("pos-demo");
    options.device.refreshToken = QStringLiteral("pos-demo-refresh");
    options.device.outletId = QStringLiteral("none");
    options.device.shiftId = QStringLiteral("none");
    options.cycleIntervalMs = 0; // one cycle only
    options.batchSize = parser.value(batchOpt).toInt();
    options.backgroundCheckpoints = !parser.isSet(inlineCkptOpt);
    options.rangesPerDownload = parser.value(rangesOpt).toInt();
    options.maxQueriesInFlight = parser.value(queriesOpt).toInt();

    posdata::SyncEngine engine(options);
    QElapsedTimer clock;
    int exitCode = 0;
    QObject::connect(&engine, &posdata::SyncEngine::fatalError, &app, [&](const QString &message) {
        std::fprintf(stderr, "fatal: %s\n", qPrintable(message));
        exitCode = 1;
        app.quit();
    });
    QObject::connect(&engine, &posdata::SyncEngine::idle, &app, [&] { app.quit(); });
    double readySeconds = -1;
    QObject::connect(&engine, &posdata::SyncEngine::readyToSellChanged, &app, [&](bool ready) {
        if (ready && readySeconds < 0)
            readySeconds = clock.nsecsElapsed() / 1e9;
    });
    clock.start();
    engine.start();
    app.exec();
    const double seconds = clock.nsecsElapsed() / 1e9;
    const posdata::EngineSnapshot snap = engine.snapshot();
    const qint64 local = snap.objects.isEmpty() ? 0 : snap.objects.first().local;
    QJsonObject out{{QStringLiteral("records"), local},
                    {QStringLiteral("seconds"), qRound(seconds * 1000) / 1000.0},
                    {QStringLiteral("recordsPerSecond"), seconds > 0 ? qRound64(local / seconds) : 0},
                    {QStringLiteral("peakRssMiB"), qRound(vmHwmKiB() / 102.4) / 10.0},
                    {QStringLiteral("peakRssBeforeSyncMiB"), qRound(hwmBeforeSync / 102.4) / 10.0},
                    {QStringLiteral("apiCalls"), snap.apiCallsTotal},
                    {QStringLiteral("ranges"), options.rangesPerDownload},
                    {QStringLiteral("inProcessEmulator"), server != nullptr}};
    if (readySeconds >= 0)
        out.insert(QStringLiteral("readyToSellSeconds"), qRound(readySeconds * 1000) / 1000.0);
    if (!snap.objects.isEmpty() && !snap.objects.first().errors.isEmpty())
        out.insert(QStringLiteral("lastError"), snap.objects.first().errors.constLast().message);
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    if (server)
        server->stop();
    return exitCode;
}
