// SPDX-License-Identifier: MIT
// The engine against bad input from the server: every fault ends identical to the server, with the
// error visible while it lasted, and nothing lost.
#include "enginefixture.h"

#include "emulator/emulator.h"

#include <thread>

using namespace enginetest;

namespace {

/// Runs an engine until its first cycle ends, recording every error code seen in snapshots.
struct RunResult
{
    QSet<QString> codes;
    posdata::EngineSnapshot last;
};

RunResult runOnce(EngineTest *test, SyncEngineOptions o, const std::function<void(SyncEngine &)> &midway = {})
{
    RunResult run;
    SyncEngine engine(std::move(o));
    IdleCounter idle(engine);
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        for (const auto &obj : s.objects)
            for (const auto &e : obj.errors)
                run.codes.insert(e.code);
    });
    (void)test;
    EXPECT_TRUE(idle.startAndWait());
    if (midway) {
        midway(engine);
        EXPECT_TRUE(idle.syncNowAndWait());
    }
    run.last = engine.snapshot();
    return run;
}

} // namespace

class FaultTest : public EngineTest
{
protected:
    void injectAndSync(const std::string &mode, int count, const QString &expectedCode)
    {
        setFaults({{"failNextCount", count}, {"failNextMode", mode}, {"failPathContains", "/query"}});
        RunResult run = runOnce(this, options());
        EXPECT_TRUE(run.codes.contains(expectedCode)) << mode << ": codes seen: "
                                                      << QStringList(run.codes.values()).join(u',').toStdString();
        expectIdentical(allObjects());
        for (const auto &o : run.last.objects)
            EXPECT_FALSE(o.lastAttemptFailed) << mode << " " << o.name.toStdString();
    }
};

TEST_F(FaultTest, MalformedJsonPage) { injectAndSync("malformed", 2, QStringLiteral("MALFORMED_RESPONSE")); }
TEST_F(FaultTest, TruncatedBody) { injectAndSync("truncate", 2, QStringLiteral("MALFORMED_RESPONSE")); }
TEST_F(FaultTest, HtmlErrorPage) { injectAndSync("html", 2, QStringLiteral("HTTP_503")); }
TEST_F(FaultTest, BurstOf500) { injectAndSync("500", 3, QStringLiteral("UNKNOWN_EXCEPTION")); }
TEST_F(FaultTest, BurstOf503) { injectAndSync("503", 3, QStringLiteral("SERVER_UNAVAILABLE")); }
TEST_F(FaultTest, ConnectionDroppedMidPage)
{
    // Qt reports the cut either as a network error or hands over the short body, which the
    // scanner refuses: both must end in a retry.
    setFaults({{"failNextCount", 2}, {"failNextMode", "drop"}, {"failPathContains", "/query"}});
    RunResult run = runOnce(this, options());
    EXPECT_TRUE(run.codes.contains(QStringLiteral("NETWORK")) || run.codes.contains(QStringLiteral("MALFORMED_RESPONSE")));
    expectIdentical(allObjects());
}

TEST_F(FaultTest, RequestLimitExceededEndsTheAttemptThenRecoversAfterTheBackOff)
{
    setFaults({{"failNextCount", 1}, {"failNextMode", "403"}, {"failPathContains", "/query"}});
    auto o = options();
    o.limitBackoffMs = 300; // minutes in production
    RunResult run = runOnce(this, o, [](SyncEngine &) {
        // The limit answer ended one object's attempt at once, with its error; the cycle ended
        // without waiting for its back-off.
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
    });
    EXPECT_TRUE(run.codes.contains(QStringLiteral("REQUEST_LIMIT_EXCEEDED")));
    expectIdentical(allObjects());
    for (const auto &obj : run.last.objects)
        EXPECT_FALSE(obj.lastAttemptFailed) << obj.name.toStdString();
}

TEST_F(FaultTest, ExpiredAccessTokenIsRefreshedTransparently)
{
    setFaults({{"tokenExpireAfterRequests", 3}});
    const auto before = server->emulator().stats();
    RunResult run = runOnce(this, options());
    const auto after = server->emulator().stats();
    // Tokens did expire under the engine, and it signed in again by itself, without a word.
    EXPECT_GE(after["tokensExpired"].get<int64_t>() - before["tokensExpired"].get<int64_t>(), 1);
    EXPECT_GE(after["tokensIssued"].get<int64_t>() - before["tokensIssued"].get<int64_t>(), 2);
    EXPECT_FALSE(run.last.signInRequired);
    EXPECT_FALSE(run.codes.contains(QStringLiteral("SIGN_IN_REQUIRED")));
    for (const auto &obj : run.last.objects)
        EXPECT_FALSE(obj.lastAttemptFailed) << obj.name.toStdString();
    setFaults({{"tokenExpireAfterRequests", 0}});
    expectIdentical(allObjects());
}

TEST_F(FaultTest, SlowServerTimesOutThenRecovers)
{
    setFaults({{"latencyMs", 1500}});
    auto o = options();
    o.requestTimeoutMs = 300;
    o.maxAttemptsPerCycle = 2;
    RunResult run = runOnce(this, o, [this](SyncEngine &) { setFaults({{"latencyMs", 0}}); });
    EXPECT_TRUE(run.codes.contains(QStringLiteral("TIMEOUT")));
    expectIdentical(allObjects());
}

TEST_F(FaultTest, DownloadWithoutProgressBecomesStalledRetrying)
{
    // A sanitized engine is slower: its healthy pages must stay under the watchdog (timeScale()).
    const int scale = timeScale();
    setFaults({{"latencyMs", 800 * scale}});
    auto o = options();
    o.requestTimeoutMs = 10000 * scale; // the server is slow, not silent: only the watchdog sees it
    o.stallTimeoutMs = 300 * scale;
    o.maxAttemptsPerCycle = 2;
    RunResult run = runOnce(this, o, [this](SyncEngine &) { setFaults({{"latencyMs", 0}}); });
    EXPECT_TRUE(run.codes.contains(QStringLiteral("STALLED")));
    expectIdentical(allObjects());
}

/// A pass-through in front of the emulator that rewrites the first product page once: its first
/// record loses its Id, its second gains a field nobody asked for. The emulator cannot send such
/// records; a real org behind a broken proxy could. With `breakCompositeIds`, every record in a
/// /composite answer gets a number for an Id instead (the first product page is then left alone).
class RewritingProxy
{
public:
    explicit RewritingProxy(const std::string &upstream) : m_upstream(upstream)
    {
        auto forward = [this](const httplib::Request &req, httplib::Response &res) {
            httplib::Client client(m_upstream);
            client.set_read_timeout(30, 0);
            httplib::Headers headers;
            for (const char *h : {"Authorization", "Sforce-Query-Options"})
                if (req.has_header(h))
                    headers.emplace(h, req.get_header_value(h));
            std::string target = req.path;
            if (!req.params.empty()) {
                std::string q;
                for (const auto &[k, v] : req.params)
                    q += (q.empty() ? "?" : "&") + k + "=" + QUrl::toPercentEncoding(QString::fromStdString(v)).toStdString();
                target += q;
            }
            httplib::Result r = req.method == "GET"
                ? client.Get(target.c_str(), headers)
                : client.Post(target.c_str(), headers, req.body, req.get_header_value("Content-Type").c_str());
            if (!r) {
                res.status = 502;
                return;
            }
            std::string body = r->body;
            if (breakCompositeIds && r->status == 200 && req.path.find("/composite") != std::string::npos) {
                auto answer = nlohmann::json::parse(body);
                for (auto &sub : answer["compositeResponse"])
                    if (sub.contains("body") && sub["body"].is_object() && sub["body"].contains("records"))
                        for (auto &record : sub["body"]["records"])
                            record["Id"] = 7;
                res.status = r->status;
                res.set_content(answer.dump(), r->get_header_value("Content-Type").c_str());
                return;
            }
            // The first page of products: of the delta's /queryAll or of a range's /query.
            if (r->status == 200 && req.path.find("/query") != std::string::npos
                && req.get_param_value("q").find("FROM s_c__product__c") != std::string::npos && !m_rewritten.exchange(true)) {
                auto page = nlohmann::json::parse(body);
                auto &records = page["records"];
                if (records.size() >= 2) {
                    removedId = QString::fromStdString(records[0]["Id"].get<std::string>());
                    records[0].erase("Id");
                    extraId = QString::fromStdString(records[1]["Id"].get<std::string>());
                    records[1]["Surprise__c"] = {{"nested", {1, 2, 3}}};
                }
                body = page.dump();
            }
            res.status = r->status;
            res.set_content(body, r->get_header_value("Content-Type").c_str());
        };
        m_server.Get(".*", forward);
        m_server.Post(".*", forward);
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~RewritingProxy()
    {
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

    QString removedId;
    QString extraId;
    std::atomic<bool> breakCompositeIds{false};

private:
    std::string m_upstream;
    httplib::Server m_server;
    std::atomic<bool> m_rewritten{false};
    int m_port = 0;
    std::thread m_thread;
};

TEST_F(FaultTest, RecordWithoutIdIsSkippedAndUnknownFieldsAreKept)
{
    RewritingProxy proxy(url);
    // The token answer names the proxy, so the engine keeps going through it after a refresh (the
    // emulator names its own listening address otherwise, whatever the Host header says).
    applyFaults(*server, {{"tokenInstanceUrl", proxy.url()}});
    auto o = options();
    o.device.instanceUrl = QUrl(QString::fromStdString(proxy.url()));
    o.repairMismatches = false; // the difference must show (tst_synchonesty covers its repair)
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    ASSERT_FALSE(proxy.removedId.isEmpty());
    auto product = objectOf(engine, kProduct);
    ASSERT_TRUE(product);
    bool sawSkip = false;
    for (const auto &e : product->errors)
        sawSkip = sawSkip || e.code == QStringLiteral("RECORD_WITHOUT_ID");
    EXPECT_TRUE(sawSkip);
    {
        auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
        ASSERT_TRUE(store);
        EXPECT_FALSE(store->record(kProduct, proxy.removedId));
        ASSERT_TRUE(store->record(kProduct, proxy.extraId));
        EXPECT_TRUE(store->record(kProduct, proxy.extraId)->payload.contains("\"Surprise__c\":{\"nested\":[1,2,3]}"));
    }
    EXPECT_EQ(product->local, product->server - 1); // visible as Incomplete, not hidden
    EXPECT_EQ(product->status, SyncStatus::Incomplete);

    // A resync (through the now honest proxy) brings the skipped record in.
    const int before = idle.count;
    engine.resync(kProduct);
    ASSERT_TRUE(idle.waitNext(before));
    expectIdentical({kProduct});
}

// A range download's probe whose Ids cannot be read (not strings) tells nothing about where the
// records are: the download is then one open range, and a resync must not take the object for empty
// (its reconciliation would remove every synced record).
TEST_F(FaultTest, AProbeWithoutReadableIdsStillDownloadsEverything)
{
    RewritingProxy proxy(url);
    proxy.breakCompositeIds = true;
    applyFaults(*server, {{"tokenInstanceUrl", proxy.url()}});
    auto o = options(R"({"version":1,"objects":[{"name":"s_c__product__c","priority":1,"fields":["Name"]}]})");
    o.device.instanceUrl = QUrl(QString::fromStdString(proxy.url()));
    SyncEngine engine(o);
    IdleCounter idle(engine);
    ASSERT_TRUE(idle.startAndWait());
    expectIdentical({kProduct});
    const int before = idle.count;
    engine.resync(kProduct);
    ASSERT_TRUE(idle.waitNext(before));
    expectIdentical({kProduct});
    EXPECT_EQ(objectOf(engine, kProduct)->status, SyncStatus::FullySynced);
}

class LocatorTest : public EngineTest
{
protected:
    // One cursor per user: two downloads at once evict each other's cursors all the time.
    void customise(emu::EmulatorOptions &eo) override { eo.maxCursorsPerUser = 1; }
};

TEST_F(LocatorTest, ExpiredLocatorRestartsFromTheCheckpoint)
{
    auto o = options();
    o.maxConcurrentDownloads = 2;
    RunResult run = runOnce(this, o);
    expectIdentical(allObjects());
    for (const auto &obj : run.last.objects)
        EXPECT_FALSE(obj.lastAttemptFailed) << obj.name.toStdString();
}

TEST_F(FaultTest, CursorsExpiredMidDownloadRestartFromTheCheckpoint)
{
    setFaults({{"latencyMs", 20}});
    auto o = oneDownloadAtATime();
    // Downloads that follow the server's cursors (Id ranges page by keyset and hold none; in ranges
    // the products' pages could also all arrive before a snapshot shows them part done).
    o.rangesPerDownload = 0;
    SyncEngine engine(o);
    IdleCounter idle(engine);
    int expired = 0;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, [&](const posdata::EngineSnapshot &s) {
        const auto *p = objectIn(s, kProduct);
        if (p && p->syncing && p->progressDone > 0 && p->progressDone < p->progressTotal && expired < 3) {
            ++expired;
            server->emulator().expireAllCursors();
        }
    });
    ASSERT_TRUE(idle.startAndWait());
    EXPECT_GT(expired, 0);
    setFaults({{"latencyMs", 0}});
    expectIdentical(allObjects());
    for (const auto &obj : engine.snapshot().objects)
        EXPECT_FALSE(obj.lastAttemptFailed) << obj.name.toStdString();
}
