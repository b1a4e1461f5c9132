// SPDX-License-Identifier: MIT
// Benchmark (a program, not a test): the engine's initial sync of N products into a fresh store.
// Prints one JSON line: records, wall seconds, records/s, peak RSS (VmHWM), the API calls and
// readyToSellSeconds (from the start until the engine said "ready to sell": the products are
// requiredForSale here, so that is when they were synced).
//   engine-sync-bench [--records N] [--url URL] [--batch 2000] [--db PATH] [--fields F1,F2,...]
//                     [--inline-checkpoints] [--ranges K] [--queries-in-flight Q] [--delta M]
//                     [--default-allocator]
// --delta M: after the initial sync, M products spread over the store change on the server (the
// in-process emulator, or an sf-emulator at --url through its admin resource) and one more cycle
// brings them; its wall time, this process's CPU time and API calls are printed too (deltaSeconds,
// deltaCpuSeconds, deltaApiCalls: the "1 + 5 pages" and "0.3 s locally" for 10,000 changes;
// with the emulator in a process of its own the CPU time is the engine's alone).
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
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include <sys/resource.h>

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

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// Changes records of an emulator in another process through its admin resource (PATCH
/// /__admin/records/<object>: no API call counted, SystemModstamp moves as with an edit).
bool changeOverHttp(const QString &url, const nlohmann::json &changes)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(url + QStringLiteral("/__admin/records/s_c__product__c")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = nam.sendCustomRequest(request, "PATCH", QByteArray::fromStdString(changes.dump()));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        std::fprintf(stderr, "delta: %s\n", qPrintable(reply->errorString()));
        return false;
    }
    return true;
}

struct DeltaRun
{
    qint64 changed = 0; ///< records the server changed
    double seconds = 0; ///< the cycle that brought them, from syncNow() to idle
    double cpuSeconds = 0; ///< this process's CPU time (user + system) in that cycle
    qint64 localChanged = 0; ///< of those, the records whose new name the store holds afterwards
};

/// Changes `count` products spread over the store (every n-th Id the first sync stored) on the
/// emulator (`change`), then times one cycle of the engine: wall and this process's CPU time (with the
/// emulator in a process of its own, that is the engine's local cost alone).
std::optional<DeltaRun> runDelta(QCoreApplication &app, posdata::SyncEngine &engine,
                                 const std::function<bool(const nlohmann::json &)> &change, const QString &dbPath,
                                 qint64 count)
{
    QStringList ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-delta"));
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            std::fprintf(stderr, "delta: %s\n", qPrintable(db.lastError().text()));
            return std::nullopt;
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT count(*) FROM records"));
        const qint64 stored = q.next() ? q.value(0).toLongLong() : 0;
        const qint64 step = std::max<qint64>(1, stored / count);
        q.exec(QStringLiteral("SELECT id FROM records WHERE rowid % %1 = 0 LIMIT %2").arg(step).arg(count));
        while (q.next())
            ids << q.value(0).toString();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-delta"));
    nlohmann::json changes = nlohmann::json::array();
    for (const QString &id : std::as_const(ids))
        changes.push_back({{"Id", id.toStdString()}, {"Name", "changed by the delta benchmark"}});
    if (!change(changes))
        return std::nullopt;
    // A delta comes minutes after the first sync, not at once: the engine's idle-time work after that
    // sync (the storage measure, tuning::kStorageMeasureDelayMs after it) is over before it.
    {
        QEventLoop settle;
        QTimer::singleShot(posdata::tuning::kStorageMeasureDelayMs + 1500, &settle, &QEventLoop::quit);
        settle.exec();
    }

    DeltaRun run;
    run.changed = ids.size();
    QElapsedTimer clock;
    const double cpu0 = cpuSeconds();
    clock.start();
    engine.syncNow();
    app.exec(); // main()'s connection to idle() ends it
    run.seconds = clock.nsecsElapsed() / 1e9;
    run.cpuSeconds = cpuSeconds() - cpu0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-delta"));
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery q(db);
            // The payload is the record's JSON: the new name is in it once the change is stored.
            q.exec(QStringLiteral("SELECT count(*) FROM records WHERE instr(payload, 'changed by the delta benchmark') > 0"));
            run.localChanged = q.next() ? q.value(0).toLongLong() : -1;
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-delta"));
    return run;
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
    QCommandLineOption deltaOpt(QStringLiteral("delta"), QStringLiteral("records changed on the server after the first sync"),
                                QStringLiteral("m"), QStringLiteral("0"));
    // A/B of SyncEngineOptions::tuneAllocator (src/sync/allocator.h).
    QCommandLineOption defaultAllocatorOpt(QStringLiteral("default-allocator"),
                                           QStringLiteral("leave glibc's malloc settings as they are"));
    parser.addOptions({recordsOpt, urlOpt, batchOpt, dbOpt, fieldsOpt, inlineCkptOpt, rangesOpt, queriesOpt, deltaOpt,
                       defaultAllocatorOpt});
    parser.process(app);
    const qint64 deltaRecords = parser.value(deltaOpt).toLongLong();

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
    options.tuneAllocator = !parser.isSet(defaultAllocatorOpt);
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
    const qint64 callsAfterSync = engine.snapshot().apiCallsTotal;
    const std::optional<DeltaRun> delta = deltaRecords > 0 && exitCode == 0
        ? runDelta(app, engine,
              [&](const nlohmann::json &changes) {
                  if (server)
                      return server->emulator().updateRecords("s_c__product__c", changes), true;
                  return changeOverHttp(url, changes);
              },
              options.dbPath, deltaRecords)
        : std::nullopt;
    const posdata::EngineSnapshot snap = engine.snapshot();
    const qint64 local = snap.objects.isEmpty() ? 0 : snap.objects.first().local;
    QJsonObject out{{QStringLiteral("records"), local},
                    {QStringLiteral("seconds"), qRound(seconds * 1000) / 1000.0},
                    {QStringLiteral("recordsPerSecond"), seconds > 0 ? qRound64(local / seconds) : 0},
                    {QStringLiteral("peakRssMiB"), qRound(vmHwmKiB() / 102.4) / 10.0},
                    {QStringLiteral("peakRssBeforeSyncMiB"), qRound(hwmBeforeSync / 102.4) / 10.0},
                    {QStringLiteral("apiCalls"), callsAfterSync},
                    {QStringLiteral("ranges"), options.rangesPerDownload},
                    {QStringLiteral("inProcessEmulator"), server != nullptr}};
    if (delta) {
        out.insert(QStringLiteral("deltaRecords"), delta->changed);
        out.insert(QStringLiteral("deltaSeconds"), qRound(delta->seconds * 1000) / 1000.0);
        out.insert(QStringLiteral("deltaCpuSeconds"), qRound(delta->cpuSeconds * 1000) / 1000.0);
        out.insert(QStringLiteral("deltaApiCalls"), snap.apiCallsTotal - callsAfterSync);
        out.insert(QStringLiteral("deltaLocalChanged"), delta->localChanged);
    }
    if (readySeconds >= 0)
        out.insert(QStringLiteral("readyToSellSeconds"), qRound(readySeconds * 1000) / 1000.0);
    if (!snap.objects.isEmpty() && !snap.objects.first().errors.isEmpty())
        out.insert(QStringLiteral("lastError"), snap.objects.first().errors.constLast().message);
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    if (server)
        server->stop();
    return exitCode;
}
