// SPDX-License-Identifier: MIT
// `posdata` tells the truth in its exit code and its words: the real binary against the in-process
// emulator (or a scripted hostile server) over loopback, on real store files - a full disk, a store
// this user may not write, a server going round in circles, server text full of escape sequences.
#include "posdatarunner.h"

#include "emulator/emulator.h"
#include "emulator/emulatorserver.h"
#include "store/localstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <sys/mount.h>
#include <unistd.h>

#include <thread>

namespace {

using clitest::CliOutput;
using clitest::runPosdata;

const QByteArray kProductsOnly = R"({"version":1,"objects":[
    {"name":"s_c__product__c","priority":1,"fields":["Name","s_c__sku__c","s_c__description__c"]}]})";

class CliHonestyTest : public ::testing::Test
{
protected:
    void start(const std::string &seed, int64_t records = 0)
    {
        emu::EmulatorOptions options;
        options.seed = seed;
        options.records = records;
        server = std::make_unique<emu::EmulatorServer>(options);
        std::string error;
        ASSERT_TRUE(server->start(&error)) << error;
        url = QString::fromStdString(server->url());
    }
    void TearDown() override
    {
        if (server)
            server->stop();
    }
    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        EXPECT_TRUE(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        return path;
    }
    QString writeDevice(const QString &instanceUrl)
    {
        return clitest::writeDeviceFile(dir.filePath(QStringLiteral("device.json")), instanceUrl,
                                        QStringLiteral("pos-demo-refresh"));
    }

    QTemporaryDir dir;
    std::unique_ptr<emu::EmulatorServer> server;
    QString url;
};

} // namespace

// Item 7: a full disk is exit 1 with the message, and the store keeps what it had, consistent.
TEST_F(CliHonestyTest, AFullDiskIsExitOneInWordsAndLosesNothing)
{
    if (geteuid() != 0)
        GTEST_SKIP() << "mounting a small tmpfs needs root";
    start("scale", 20000);
    const QString mnt = dir.filePath(QStringLiteral("small-disk"));
    ASSERT_TRUE(QDir().mkpath(mnt));
    if (::mount("tmpfs", mnt.toLocal8Bit().constData(), "tmpfs", 0, "size=3m") != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here: " << std::strerror(errno);
    const QString db = mnt + QStringLiteral("/posdata.db");
    const CliOutput r = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"),
                                    writeDevice(url), QStringLiteral("--config"),
                                    writeFile(QStringLiteral("objects.json"), kProductsOnly), QStringLiteral("--db"), db});
    EXPECT_EQ(r.code, 1) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("full"))) << r.err.toStdString();
    EXPECT_FALSE(r.out.contains(QStringLiteral("sync done"))) << r.out.toStdString();
    {
        auto store = posdata::LocalStore::open(db, posdata::LocalStore::Mode::ReadOnly);
        ASSERT_TRUE(store);
        const auto st = store->objectState(QStringLiteral("s_c__product__c"));
        EXPECT_EQ(st.localCount, store->countSlow(QStringLiteral("s_c__product__c"))); // consistent
        EXPECT_LT(st.localCount, 20000);
    }
    ::umount2(mnt.toLocal8Bit().constData(), MNT_DETACH);
}

// Item 7: a store this user may read but not write: exit 1 in words, never "sync done".
TEST_F(CliHonestyTest, AStoreThisUserMayNotWriteIsExitOneInWords)
{
    if (geteuid() != 0)
        GTEST_SKIP() << "running as another user needs root";
    start("small");
    const QString config = writeFile(QStringLiteral("objects.json"), kProductsOnly);
    const QString device = writeDevice(url);
    const QString db = dir.filePath(QStringLiteral("posdata.db"));
    ASSERT_EQ(runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device,
                          QStringLiteral("--config"), config, QStringLiteral("--db"), db})
                  .code,
              0);
    // The store stays root's and read-only to others; the device file and the folder are nobody's.
    ASSERT_EQ(::chmod(dir.path().toLocal8Bit().constData(), 0755), 0);
    for (const QString &f : {db, db + QStringLiteral("-wal"), db + QStringLiteral("-shm")})
        ::chmod(f.toLocal8Bit().constData(), 0644);
    ASSERT_EQ(::chown(device.toLocal8Bit().constData(), 65534, 65534), 0);
    ASSERT_EQ(::chmod(config.toLocal8Bit().constData(), 0644), 0);
    const CliOutput r = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"), device,
                                    QStringLiteral("--config"), config, QStringLiteral("--db"), db},
                                   clitest::RunAs::Nobody);
    EXPECT_EQ(r.code, 1) << r.out.toStdString() << r.err.toStdString();
    EXPECT_FALSE(r.out.contains(QStringLiteral("sync done"))) << r.out.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("read-only")) || r.err.contains(QStringLiteral("readonly"))
                || r.err.contains(QStringLiteral("cannot be written")))
        << r.err.toStdString();
}

// Item 6: `sync --once` against a server that never advances ends with exit 1 naming the object
// and the reason, after a bounded number of requests. The delta follows the server's cursor (a
// first download pages Id ranges by keyset and holds none): the server goes round in circles there.
TEST_F(CliHonestyTest, SyncOnceAgainstAServerGoingRoundInCirclesEndsWithExitOne)
{
    start("small");
    const QStringList sync = {QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"),
                              writeDevice(url), QStringLiteral("--config"),
                              writeFile(QStringLiteral("objects.json"), kProductsOnly), QStringLiteral("--db"),
                              dir.filePath(QStringLiteral("posdata.db"))};
    ASSERT_EQ(runPosdata(sync).code, 0);
    const nlohmann::json changed = server->emulator().insertRecords("s_c__product__c",
                                                                    nlohmann::json::array({{{"Name", "new"}}}));
    ASSERT_EQ(changed.size(), 1u);
    std::string error;
    ASSERT_TRUE(server->emulator().setFaults({{"stuckQueries", "s_c__product__c"}}, &error)) << error;
    const int64_t calls = server->emulator().apiCalls();
    const CliOutput r = runPosdata(sync);
    EXPECT_EQ(r.code, 1) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("s_c__product__c"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("NO_PROGRESS"))) << r.err.toStdString();
    EXPECT_LT(server->emulator().apiCalls() - calls, 30);
}

// Issue 11, item 6: what a hostile server writes in its errors never reaches the terminal as
// escape sequences or extra lines.
TEST_F(CliHonestyTest, ServerTextNeverReachesTheTerminalAsControlCharacters)
{
    httplib::Server hostile;
    hostile.Post("/services/oauth2/token", [&](const httplib::Request &, httplib::Response &res) {
        res.set_content(R"({"access_token":"AT-hostile-0123456789"})", "application/json");
    });
    hostile.Get(R"(/services/data/v62\.0/.*)", [&](const httplib::Request &, httplib::Response &res) {
        res.status = 400;
        res.set_content("[{\"errorCode\":\"BAD\\u001b[2J\",\"message\":\"\\u001b]0;pwned\\u0007\\nforged line\\r\\u009b31m\"}]",
                        "application/json");
    });
    const int port = hostile.bind_to_any_port("127.0.0.1");
    std::thread thread([&] { hostile.listen_after_bind(); });
    while (!hostile.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const QString db = dir.filePath(QStringLiteral("posdata.db"));
    const CliOutput r = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"),
                                    writeDevice(QStringLiteral("http://127.0.0.1:%1").arg(port)), QStringLiteral("--config"),
                                    writeFile(QStringLiteral("objects.json"), kProductsOnly), QStringLiteral("--db"), db});
    hostile.stop();
    thread.join();
    EXPECT_EQ(r.code, 1);
    for (const QString &text : {r.out, r.err}) {
        for (const QChar c : text) {
            const bool allowed = c == u'\n' || c.unicode() >= 0x20;
            EXPECT_TRUE(allowed && c.unicode() != 0x7f && !(c.unicode() >= 0x80 && c.unicode() <= 0x9f))
                << "control character " << int(c.unicode()) << " in: " << text.toStdString();
        }
    }
    EXPECT_TRUE(r.err.contains(QStringLiteral("pwned"))) << r.err.toStdString(); // the words stay, harmless
    EXPECT_EQ(r.err.count(u'\n'), 1) << r.err.toStdString(); // one line: no forged line of its own
    const CliOutput status = runPosdata({QStringLiteral("status"), QStringLiteral("--db"), db, QStringLiteral("--config"),
                                         dir.filePath(QStringLiteral("objects.json"))});
    EXPECT_FALSE(status.out.contains(QChar(0x1b))) << status.out.toStdString();
    EXPECT_FALSE(status.out.contains(QStringLiteral("\nforged line"))) << status.out.toStdString();
}

// Issue 10, item 10: `posdata status` beside a running `posdata sync` (another process) shows the
// engine's own words, not a guess from the file; once that engine is killed, it says no engine runs.
TEST_F(CliHonestyTest, StatusBesideARunningSyncShowsItsWordsThenNoEngineOnceKilled)
{
    start("scale", 100000); // 50 pages of 2,000, each 400 ms away: a download of ~20 s
    std::string error;
    ASSERT_TRUE(server->emulator().setFaults({{"latencyMs", 400}}, &error)) << error;
    const QString db = dir.filePath(QStringLiteral("posdata.db"));
    const QString config = writeFile(QStringLiteral("objects.json"), kProductsOnly);
    QProcess sync;
    sync.start(QStringLiteral(POSDATA_BINARY), {QStringLiteral("sync"), QStringLiteral("--device"), writeDevice(url),
                                                QStringLiteral("--config"), config, QStringLiteral("--db"), db});
    ASSERT_TRUE(sync.waitForStarted());
    auto statusJson = [&] {
        const CliOutput r = runPosdata({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--config"),
                                        config, QStringLiteral("--db"), db});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    };
    // The store exists once the engine opened it; its live state follows within a second.
    QJsonObject view;
    for (int i = 0; i < 300 && !view.value(u"engine").toObject().value(u"running").toBool(); ++i) {
        if (QFile::exists(db))
            view = statusJson();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const QJsonObject engine = view.value(u"engine").toObject();
    ASSERT_TRUE(engine.value(u"running").toBool()) << QJsonDocument(view).toJson().toStdString();
    EXPECT_EQ(engine.value(u"pid").toInteger(), sync.processId());
    const QJsonObject product = view.value(u"objects").toArray().at(0).toObject();
    EXPECT_EQ(product.value(u"status").toString(), QStringLiteral("Syncing"));
    EXPECT_FALSE(product.value(u"activity").toString().isEmpty()) << QJsonDocument(view).toJson().toStdString();
    const CliOutput text = runPosdata({QStringLiteral("status"), QStringLiteral("--config"), config, QStringLiteral("--db"), db});
    EXPECT_TRUE(text.out.startsWith(QStringLiteral("Engine running (process %1)").arg(sync.processId())))
        << text.out.toStdString();

    // Killed with no chance to clear its live state: seen as gone at once, not after a timeout.
    ::kill(pid_t(sync.processId()), SIGKILL);
    ASSERT_TRUE(sync.waitForFinished(10000));
    view = statusJson();
    EXPECT_FALSE(view.value(u"engine").toObject().value(u"running").toBool()) << QJsonDocument(view).toJson().toStdString();
    const QJsonObject after = view.value(u"objects").toArray().at(0).toObject();
    EXPECT_NE(after.value(u"status").toString(), QStringLiteral("Syncing"));
    EXPECT_TRUE(after.value(u"activity").isNull());
    const CliOutput none = runPosdata({QStringLiteral("status"), QStringLiteral("--config"), config, QStringLiteral("--db"), db});
    EXPECT_TRUE(none.out.startsWith(QStringLiteral("No engine running on this store"))) << none.out.toStdString();
}

// Issue 10, item 10: an engine that stops cleanly clears its live state at once.
TEST_F(CliHonestyTest, StatusAfterACleanStopSaysNoEngineRuns)
{
    start("small");
    const QString db = dir.filePath(QStringLiteral("posdata.db"));
    const QString config = writeFile(QStringLiteral("objects.json"), kProductsOnly);
    const CliOutput sync = runPosdata({QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--device"),
                                       writeDevice(url), QStringLiteral("--config"), config, QStringLiteral("--db"), db});
    ASSERT_EQ(sync.code, 0) << sync.err.toStdString();
    auto store = posdata::LocalStore::open(db, posdata::LocalStore::Mode::ReadOnly);
    ASSERT_TRUE(store);
    EXPECT_FALSE(store->liveState()) << "the live state was left behind";
    const CliOutput status = runPosdata({QStringLiteral("status"), QStringLiteral("--config"), config, QStringLiteral("--db"), db});
    EXPECT_TRUE(status.out.startsWith(QStringLiteral("No engine running on this store"))) << status.out.toStdString();
    EXPECT_TRUE(status.out.contains(QStringLiteral("Fully synced"))) << status.out.toStdString();
}
