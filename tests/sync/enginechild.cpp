// SPDX-License-Identifier: MIT
// Helper process for the SIGKILL tests: runs the engine on a store until the first cycle ends.
//   tst_enginechild <url> <db> <config.json> <outletId> <shiftId> <sync|resync|clear> [noupload] [batch=N] [ranges=K]
// "resync"/"clear" start that operation on every object first; a restarted child is given "sync"
// and must finish whatever the killed one left pending. batch=N: pages of N records (default 200);
// ranges=K: a full download in K Id ranges (default: the engine's).
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool uploads = true;
    int batch = 200;
    int ranges = -1;
    bool usage = args.size() < 7;
    for (const QString &extra : args.mid(7)) {
        if (extra == QLatin1String("noupload"))
            uploads = false;
        else if (extra.startsWith(QLatin1String("batch=")) && extra.mid(6).toInt() > 0)
            batch = extra.mid(6).toInt();
        else if (extra.startsWith(QLatin1String("ranges=")) && extra.mid(7).toInt() >= 0)
            ranges = extra.mid(7).toInt();
        else
            usage = true;
    }
    if (usage) {
        std::fprintf(stderr, "usage: tst_enginechild url db config outletId shiftId sync|resync|clear [noupload] [batch=N] [ranges=K]\n");
        return 2;
    }
    QFile file(args[3]);
    if (!file.open(QIODevice::ReadOnly))
        return 2;
    QString error;
    auto config = posdata::parseSyncConfig(file.readAll(), args[3], &error);
    if (!config) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    posdata::SyncEngineOptions o;
    o.dbPath = args[2];
    o.config = *config;
    o.device.instanceUrl = QUrl(args[1]);
    o.device.clientId = QStringLiteral("pos-demo");
    o.device.refreshToken = QStringLiteral("pos-demo-refresh");
    o.device.outletId = args[4];
    o.device.shiftId = args[5];
    o.cycleIntervalMs = 0;
    o.batchSize = batch;
    if (ranges >= 0)
        o.rangesPerDownload = ranges;
    o.backoffBaseMs = 50;
    o.backoffMaxMs = 200;
    o.uploads = uploads;
    posdata::SyncEngine engine(o);
    const QString mode = args[6];
    int idles = 0;
    QObject::connect(&engine, &posdata::SyncEngine::fatalError, &app, [&](const QString &m) {
        std::fprintf(stderr, "fatal: %s\n", qPrintable(m));
        app.exit(3);
    });
    QObject::connect(&engine, &posdata::SyncEngine::idle, &app, [&] {
        const auto snap = engine.snapshot();
        bool busy = false;
        for (const auto &obj : snap.objects)
            busy = busy || obj.syncing;
        if (++idles >= 1 && !busy) {
            bool failed = false;
            for (const auto &obj : snap.objects)
                failed = failed || obj.lastAttemptFailed;
            app.exit(failed || snap.signInRequired ? 4 : 0);
        }
    });
    engine.start();
    // Queued behind the worker's start: they join its first cycle.
    if (mode == QLatin1String("resync"))
        engine.resyncAll();
    else if (mode == QLatin1String("clear"))
        engine.clearResyncAll();
    return app.exec();
}
