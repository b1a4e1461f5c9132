// SPDX-License-Identifier: MIT
// `posdata sync --once` end to end: the real binary against the in-process emulator over loopback,
// then `posdata status` on the store it wrote; a refused token fails with exit 1 and is never printed.
#include "posdatarunner.h"

#include "emulator/emulatorserver.h"
#include "store/localstore.h"
#include "soql/ids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

using clitest::CliOutput;
using clitest::runPosdata;

class CliSyncTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        emu::EmulatorOptions options;
        options.seed = "small";
        server = std::make_unique<emu::EmulatorServer>(options);
        std::string error;
        ASSERT_TRUE(server->start(&error)) << error;
        dbPath = dir.filePath(QStringLiteral("posdata.db"));
    }
    void TearDown() override
    {
        if (server)
            server->stop();
    }

    QString writeDevice(const QString &token)
    {
        return clitest::writeDeviceFile(dir.filePath(QStringLiteral("device.json")), QString::fromStdString(server->url()),
                                        token);
    }

    /// Starts `posdata sync` (continuous) on this test's store with the emulator's good token.
    void startContinuousSync(QProcess &p)
    {
        p.start(QStringLiteral(POSDATA_BINARY),
                {QStringLiteral("sync"), QStringLiteral("--device"),
                 writeDevice(QString::fromLatin1(emu::Emulator::kRefreshToken)), QStringLiteral("--db"), dbPath});
    }

    QTemporaryDir dir;
    QString dbPath;
    std::unique_ptr<emu::EmulatorServer> server;
};

} // namespace

TEST_F(CliSyncTest, UnsavedListsLocalSalesAndUploadSendsThemKeepingTheRefusedOne)
{
    const QString device = writeDevice(QString::fromLatin1(emu::Emulator::kRefreshToken));
    ASSERT_EQ(runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device,
                          QStringLiteral("--db"), dbPath}).code, 0);
    const CliOutput none = runPosdata({QStringLiteral("unsaved"), QStringLiteral("--db"), dbPath});
    ASSERT_EQ(none.code, 0) << none.err.toStdString();
    EXPECT_EQ(none.out, QStringLiteral("No unsaved records.\n"));
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
        const QString outlet = QString::fromStdString(soql::makeId("a00", 1));
        for (const double total : {12.0, -3.0, 4.5})
            ASSERT_FALSE(store->createRecord(QStringLiteral("s_c__order__c"),
                                             {{"s_c__outlet__c", outlet}, {"s_c__total__c", total}, {"s_c__status__c", "Till"}},
                                             QStringLiteral("s_c__pos_uuid__c"))
                             .isEmpty());
    }
    const CliOutput waiting = runPosdata({QStringLiteral("unsaved"), QStringLiteral("s_c__order__c"), QStringLiteral("--db"), dbPath});
    ASSERT_EQ(waiting.code, 0) << waiting.err.toStdString();
    EXPECT_EQ(waiting.out.count(QStringLiteral("waiting to upload")), 3) << waiting.out.toStdString();
    EXPECT_TRUE(waiting.out.contains(QStringLiteral("3 unsaved, 0 refused"))) << waiting.out.toStdString();

    // One is refused by the org's validation rule: exit 1, naming the record and the reason.
    const CliOutput up = runPosdata({QStringLiteral("upload"), QStringLiteral("--device"), device, QStringLiteral("--db"), dbPath});
    EXPECT_EQ(up.code, 1) << up.out.toStdString() << up.err.toStdString();
    EXPECT_TRUE(up.err.contains(QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"))) << up.err.toStdString();
    EXPECT_TRUE(up.err.contains(QStringLiteral("Order total cannot be negative"))) << up.err.toStdString();
    EXPECT_FALSE((up.out + up.err).contains(QLatin1String(emu::Emulator::kRefreshToken)));

    const CliOutput json = runPosdata({QStringLiteral("unsaved"), QStringLiteral("--json"), QStringLiteral("--db"), dbPath});
    ASSERT_EQ(json.code, 0) << json.err.toStdString();
    const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 1) << json.out.toStdString();
    const QJsonObject row = rows.first().toObject();
    EXPECT_EQ(row.value(u"object").toString(), QStringLiteral("s_c__order__c"));
    EXPECT_EQ(row.value(u"kind").toString(), QStringLiteral("created"));
    EXPECT_EQ(row.value(u"attempts").toInt(), 1);
    EXPECT_EQ(row.value(u"error").toObject().value(u"code").toString(), QStringLiteral("FIELD_CUSTOM_VALIDATION_EXCEPTION"));
    EXPECT_FALSE(row.value(u"externalId").toString().isEmpty());

    // Fixed on the device, the next upload goes through; upload retries the refused ones each time.
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store->updateRecord(QStringLiteral("s_c__order__c"), row.value(u"id").toString(), {{"s_c__total__c", 3}}));
    }
    const CliOutput again = runPosdata({QStringLiteral("upload"), QStringLiteral("s_c__order__c"), QStringLiteral("--device"),
                                        device, QStringLiteral("--db"), dbPath});
    EXPECT_EQ(again.code, 0) << again.out.toStdString() << again.err.toStdString();
    EXPECT_TRUE(again.out.endsWith(QStringLiteral("every unsaved record is uploaded\n"))) << again.out.toStdString();
    EXPECT_EQ(runPosdata({QStringLiteral("unsaved"), QStringLiteral("--db"), dbPath}).out, QStringLiteral("No unsaved records.\n"));
    const CliOutput bad = runPosdata({QStringLiteral("unsaved"), QStringLiteral("nope"), QStringLiteral("--db"), dbPath});
    EXPECT_EQ(bad.code, 2);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("unknown object \"nope\""))) << bad.err.toStdString();
}

TEST_F(CliSyncTest, SyncOnceThenStatus)
{
    const QString device = writeDevice(QString::fromLatin1(emu::Emulator::kRefreshToken));
    const CliOutput sync = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device,
                                       QStringLiteral("--db"), dbPath});
    ASSERT_EQ(sync.code, 0) << sync.out.toStdString() << sync.err.toStdString();
    EXPECT_TRUE(sync.out.endsWith(QStringLiteral("sync done\n"))) << sync.out.toStdString();
    EXPECT_TRUE(sync.out.contains(QStringLiteral("s_c__order__c: "))) << sync.out.toStdString();
    EXPECT_FALSE((sync.out + sync.err).contains(QLatin1String(emu::Emulator::kRefreshToken)));
    EXPECT_FALSE(sync.out.contains(QLatin1Char('\x1b'))) << "no terminal codes into a pipe";

    const CliOutput status = runPosdata({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--db"), dbPath});
    ASSERT_EQ(status.code, 0) << status.err.toStdString();
    const QJsonObject view = QJsonDocument::fromJson(status.out.toUtf8()).object();
    EXPECT_FALSE(view.value(u"engine").toObject().value(u"running").toBool()) << "the sync ended";
    const QJsonArray rows = view.value(u"objects").toArray();
    ASSERT_EQ(rows.size(), 5) << status.out.toStdString();
    for (const QJsonValue &v : rows) {
        const QJsonObject row = v.toObject();
        const QString name = row.value(u"name").toString();
        const bool scoped = name == u"s_c__shift__c" || name == u"s_c__order__c";
        EXPECT_EQ(row.value(u"status").toString(),
                  scoped ? QStringLiteral("Subset synced") : QStringLiteral("Fully synced"))
            << status.out.toStdString();
        EXPECT_EQ(row.value(u"local").toInteger(), row.value(u"server").toInteger()) << name.toStdString();
        EXPECT_TRUE(row.value(u"lastError").isNull()) << name.toStdString();
        // The scope in words, by the outlet's Name (the seed's outlet 1 of 3: a third of the orders).
        const QJsonObject scope = row.value(u"scope").toObject();
        EXPECT_EQ(row.value(u"scope").isNull(), !scoped) << name.toStdString();
        if (name == u"s_c__order__c") {
            EXPECT_EQ(scope.value(u"by").toString(), QStringLiteral("outletId"));
            EXPECT_EQ(scope.value(u"record").toString(), QStringLiteral("Outlet 1 Lisbon"));
            EXPECT_EQ(scope.value(u"text").toString(),
                      QStringLiteral("Only records of this outlet (Outlet 1 Lisbon): 667 of 2,000"));
        }
    }
    const CliOutput text = runPosdata({QStringLiteral("status"), QStringLiteral("--db"), dbPath});
    ASSERT_EQ(text.code, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.contains(
        QStringLiteral("\ns_c__shift__c: Only records of this outlet (Outlet 1 Lisbon): 10 of 30\n")))
        << text.out.toStdString();
}

// docs/security.md: the device keeps its tokens in the device file only. After a sync, neither the
// refresh token nor an access token the emulator issued (they start with the org Id's 15 characters
// and "!AQ") is in the store, its -wal or -shm, and the device file is as it was written.
TEST_F(CliSyncTest, TokensNeverReachTheStoreFiles)
{
    const QString device = writeDevice(QString::fromLatin1(emu::Emulator::kRefreshToken));
    QFile deviceFile(device);
    ASSERT_TRUE(deviceFile.open(QIODevice::ReadOnly));
    const QByteArray deviceBefore = deviceFile.readAll();
    deviceFile.close();
    const CliOutput sync = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device,
                                 QStringLiteral("--db"), dbPath});
    ASSERT_EQ(sync.code, 0) << sync.out.toStdString() << sync.err.toStdString();
    const QByteArray accessTokenPrefix = QByteArray(emu::Emulator::kOrgId).left(15) + "!AQ";
    QByteArray stored; // the store's files, whichever exist now
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile f(dbPath + suffix);
        if (f.open(QIODevice::ReadOnly))
            stored += f.readAll();
    }
    EXPECT_TRUE(stored.contains("s_c__product__c")) << "these are the files the sync wrote";
    EXPECT_FALSE(stored.contains(emu::Emulator::kRefreshToken));
    EXPECT_FALSE(stored.contains(accessTokenPrefix));
    ASSERT_TRUE(deviceFile.open(QIODevice::ReadOnly));
    EXPECT_EQ(deviceFile.readAll(), deviceBefore);
}

TEST_F(CliSyncTest, RefusedTokenFailsWithoutPrintingIt)
{
    const QString token = QStringLiteral("wrong-refresh-token-SECRET-42");
    const QString device = writeDevice(token);
    const CliOutput sync = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device,
                                       QStringLiteral("--db"), dbPath});
    EXPECT_EQ(sync.code, 1) << sync.out.toStdString() << sync.err.toStdString();
    EXPECT_TRUE(sync.err.contains(QStringLiteral("sign-in required"))) << sync.err.toStdString();
    EXPECT_FALSE((sync.out + sync.err).contains(token));
}

TEST_F(CliSyncTest, ContinuousSyncStopsCleanlyOnSigterm)
{
    QProcess p;
    startContinuousSync(p);
    // Wait for the first progress line: the engine is running.
    QByteArray out;
    while (!out.contains('\n') && p.waitForReadyRead(60000))
        out += p.readAllStandardOutput();
    ASSERT_TRUE(out.contains('\n')) << p.readAllStandardError().toStdString();
    p.terminate();
    ASSERT_TRUE(p.waitForFinished(60000));
    out += p.readAllStandardOutput();
    EXPECT_EQ(p.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(p.exitCode(), 1);
    EXPECT_TRUE(out.endsWith("sync stopped\n")) << out.toStdString();
}

TEST_F(CliSyncTest, RunningEnginePicksUpPauseAndResumeFromTheCli)
{
    QProcess p;
    startContinuousSync(p);
    QByteArray out;
    // Reads the running engine's plain progress lines until one equals/starts with `line`.
    auto waitFor = [&](const QByteArray &line) {
        while (!out.contains("\n" + line) && p.waitForReadyRead(60000))
            out += p.readAllStandardOutput();
        return out.contains("\n" + line);
    };
    ASSERT_TRUE(waitFor("s_c__product__c: Fully synced")) << out.toStdString();

    const CliOutput pause = runPosdata({QStringLiteral("pause"), QStringLiteral("s_c__product__c"), QStringLiteral("--db"), dbPath});
    ASSERT_EQ(pause.code, 0) << pause.err.toStdString();
    EXPECT_TRUE(waitFor("s_c__product__c: Paused")) << out.toStdString();

    const CliOutput resume = runPosdata({QStringLiteral("resume"), QStringLiteral("--all"), QStringLiteral("--db"), dbPath});
    ASSERT_EQ(resume.code, 0) << resume.err.toStdString();
    const qsizetype pausedAt = out.lastIndexOf("s_c__product__c: Paused");
    while (out.indexOf("s_c__product__c: Fully synced", pausedAt) < 0 && p.waitForReadyRead(60000))
        out += p.readAllStandardOutput();
    EXPECT_GT(out.indexOf("s_c__product__c: Fully synced", pausedAt), pausedAt) << out.toStdString();

    p.terminate();
    ASSERT_TRUE(p.waitForFinished(60000));
}
