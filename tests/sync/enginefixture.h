// SPDX-License-Identifier: MIT
#pragma once
// The engine tests' fixture: an in-process emulator seeded "small" with pages of 200, a temp store.

#include "enginetestutil.h"

#include "emulator/emulatorserver.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace enginetest {

using posdata::SyncEngine;
using posdata::SyncEngineOptions;
using posdata::SyncStatus;

void applyFaults(emu::EmulatorServer &server, const nlohmann::json &faults);

inline const QString kProduct = QStringLiteral("s_c__product__c");
inline const QString kShift = QStringLiteral("s_c__shift__c");
inline const QString kOrder = QStringLiteral("s_c__order__c");
inline const QString kOutlet = QStringLiteral("s_c__outlet__c");

class EngineTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        std::string error;
        server = startSmallOrg(&error, [this](emu::EmulatorOptions &eo) { customise(eo); });
        ASSERT_TRUE(server) << error;
        url = server->url();
        rest = std::make_unique<Rest>(url);
        ASSERT_TRUE(rest->ok());
        outletId = rest->ids(kOutlet, QString(), 1).value(0);
        ASSERT_FALSE(outletId.isEmpty());
        shiftId = rest->ids(kShift, QStringLiteral("s_c__outlet__c = '%1'").arg(outletId), 1).value(0);
        dbPath = dir.filePath(QStringLiteral("device.sqlite"));
    }
    /// Tests that need another org setup override this.
    virtual void customise(emu::EmulatorOptions &) { }

    /// Fault injection (see emu::FaultConfig); keys absent keep their value.
    void setFaults(const nlohmann::json &faults) { applyFaults(*server, faults); }

    void TearDown() override
    {
        if (server)
            server->stop();
    }

    SyncEngineOptions options(const QByteArray &configJson = QByteArray())
    {
        SyncEngineOptions o;
        o.dbPath = dbPath;
        QString error;
        QByteArray json = configJson;
        if (json.isEmpty()) {
            QFile f(QStringLiteral(POSDATA_SOURCE_DIR "/resources/sync-objects.json"));
            EXPECT_TRUE(f.open(QIODevice::ReadOnly));
            json = f.readAll();
        }
        auto config = posdata::parseSyncConfig(json, QStringLiteral("test"), &error);
        EXPECT_TRUE(config) << error.toStdString();
        if (config)
            o.config = *config;
        o.device.instanceUrl = QUrl(QString::fromStdString(url));
        o.device.clientId = QStringLiteral("pos-demo");
        o.device.refreshToken = QStringLiteral("pos-demo-refresh");
        o.device.outletId = outletId;
        o.device.shiftId = shiftId.isEmpty() ? QStringLiteral("none") : shiftId;
        o.cycleIntervalMs = 0; // cycles only when asked: the tests decide
        o.batchSize = 200;
        o.backoffBaseMs = 50;
        o.backoffMaxMs = 400;
        o.requestTimeoutMs = 5000;
        o.snapshotIntervalMs = 20;
        o.storePollMs = 100;
        return o;
    }

    /// options() with one download at a time: the queue's order, one object's pages in flight.
    SyncEngineOptions oneDownloadAtATime()
    {
        auto o = options();
        o.maxConcurrentDownloads = 1;
        return o;
    }

    QString scopeOf(const QString &object) const
    {
        return object == kShift || object == kOrder ? QStringLiteral("s_c__outlet__c = '%1'").arg(outletId) : QString();
    }

    void expectIdentical(const QStringList &objects)
    {
        for (const QString &object : objects) {
            const RecordMap serverSide = rest->records(object, scopeOf(object));
            const RecordMap local = localRecords(dbPath, object);
            EXPECT_EQ(local.size(), serverSide.size()) << object.toStdString();
            EXPECT_TRUE(local == serverSide) << object.toStdString() << ": local and server differ";
        }
    }

    /// Asks for a resync or a clear & resync of `object` now: from the engine (the screen's
    /// actions) or from another connection to the store (`posdata resync` beside a running app).
    void resyncNow(SyncEngine &engine, const QString &object, bool clear, bool fromAnotherConnection)
    {
        if (fromAnotherConnection) {
            auto cli = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
            ASSERT_TRUE(cli);
            if (clear)
                ASSERT_FALSE(cli->beginClearResync(QStringList{object}).isEmpty());
            else
                ASSERT_GE(cli->beginFullResync(object), 0);
        } else if (clear) {
            engine.clearResync(object);
        } else {
            engine.resync(object);
        }
    }

    /// `object` on the device is exactly the server's (faults off first) and the engine says Fully synced.
    void expectFullySyncedExact(SyncEngine &engine, const QString &object)
    {
        setFaults({{"latencyMs", 0}});
        EXPECT_TRUE(localRecords(dbPath, object) == rest->records(object)) << "local and server differ";
        auto p = objectOf(engine, object);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->status, posdata::SyncStatus::FullySynced);
        EXPECT_EQ(p->local, p->server);
    }

    static QStringList allObjects() { return {kOutlet, kShift, QStringLiteral("contact"), kProduct, kOrder}; }

    QTemporaryDir dir;
    QString dbPath;
    std::unique_ptr<emu::EmulatorServer> server;
    std::string url;
    std::unique_ptr<Rest> rest;
    QString outletId;
    QString shiftId;
};


} // namespace enginetest
