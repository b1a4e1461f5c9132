// SPDX-License-Identifier: MIT
// SalesforceClient over real loopback HTTP against a scripted server: token refresh and 401 retry
// (single flight), failed refresh, error bodies, timeouts, gzip, paging, composite and call counting.
// The scripted server (not the emulator) lets each test pick the exact bytes on the wire.
#include "net/querypage.h"
#include "net/salesforceclient.h"
#include "support/gzip.h"
#include "support/waitfor.h"

#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

using posdata::ApiError;
using posdata::SalesforceClient;

namespace {

using testsupport::gzip;
using testsupport::waitFor;

/// A scripted Salesforce-like server on loopback.
class ScriptedServer
{
public:
    std::atomic<int> tokenCalls{0};
    std::atomic<int> dataCalls{0};
    std::atomic<int> compositeCalls{0};
    std::atomic<bool> rotate{false};
    std::atomic<bool> noComposite{false};
    /// GATED queries: how many reached the server, and how many were answered (after release()).
    std::atomic<int> gatedArrived{0};
    std::atomic<int> gatedAnswered{0};
    std::mutex mutex;
    std::string validToken = "none";
    std::string lastRefreshToken;
    std::string lastAcceptEncoding;
    std::string lastBatchHeader;
    std::string lastPath;

    ScriptedServer()
    {
        m_server.Post("/services/oauth2/token", [this](const httplib::Request &req, httplib::Response &res) {
            const int n = ++tokenCalls;
            std::lock_guard lock(mutex);
            lastRefreshToken = req.get_param_value("refresh_token");
            if (lastRefreshToken != "good" && lastRefreshToken != "rotated") {
                res.status = 400;
                res.set_content(R"({"error":"invalid_grant","error_description":"expired access/refresh token"})",
                                "application/json");
                return;
            }
            validToken = "AT" + std::to_string(n);
            nlohmann::json body = {{"access_token", validToken}, {"instance_url", url()}, {"token_type", "Bearer"}};
            if (rotate)
                body["refresh_token"] = "rotated";
            res.set_content(body.dump(), "application/json");
        });
        m_server.Get(R"(/services/data/v62\.0/(query|queryAll)(/.*)?)", [this](const httplib::Request &req, httplib::Response &res) {
            ++dataCalls;
            {
                std::lock_guard lock(mutex);
                lastAcceptEncoding = req.get_header_value("Accept-Encoding");
                lastBatchHeader = req.get_header_value("Sforce-Query-Options");
                lastPath = req.path;
                if (req.get_header_value("Authorization") != "Bearer " + validToken) {
                    res.status = 401;
                    res.set_content(R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])",
                                    "application/json");
                    return;
                }
            }
            respond(req, res);
        });
        m_server.Post("/services/data/v62.0/composite", [this](const httplib::Request &req, httplib::Response &res) {
            ++dataCalls;
            ++compositeCalls;
            if (noComposite) {
                res.status = 404;
                res.set_content(R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])",
                                "application/json");
                return;
            }
            const auto in = nlohmann::json::parse(req.body);
            nlohmann::json out = nlohmann::json::array();
            for (const auto &sub : in["compositeRequest"]) {
                const std::string url = sub["url"];
                nlohmann::json item = {{"referenceId", sub["referenceId"]}, {"httpHeaders", nlohmann::json::object()}};
                if (url.find("BADOBJ") != std::string::npos) {
                    item["httpStatusCode"] = 400;
                    item["body"] = nlohmann::json::array({{{"errorCode", "INVALID_TYPE"}, {"message", "sObject type 'BADOBJ' is not supported"}}});
                } else {
                    item["httpStatusCode"] = 200;
                    item["body"] = {{"totalSize", countFor(url)}, {"done", true}, {"records", nlohmann::json::array()}};
                }
                out.push_back(item);
            }
            // Answer in reverse order: results must be matched by referenceId.
            std::reverse(out.begin(), out.end());
            res.set_content(nlohmann::json({{"compositeResponse", out}}).dump(), "application/json");
        });
        // Room for more requests at once than the client may send (parallel range pages).
        m_server.new_task_queue = [] { return new httplib::ThreadPool(16); };
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) // a stop() before listening starts would leave it listening
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~ScriptedServer()
    {
        release();
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// Lets every GATED query waiting in the server answer.
    void release()
    {
        std::lock_guard lock(m_gateMutex);
        m_released = true;
        m_gate.notify_all();
    }
    /// One of the last* fields, copied under the lock the server's thread writes them with.
    std::string last(std::string ScriptedServer::*field)
    {
        std::lock_guard lock(mutex);
        return this->*field;
    }
    void expireToken()
    {
        std::lock_guard lock(mutex);
        validToken = "expired-now";
    }

    static int countFor(const std::string &url)
    {
        // The count is the number of 'X' in the SOQL: tests choose it.
        return static_cast<int>(std::count(url.begin(), url.end(), 'X'));
    }

private:
    void respond(const httplib::Request &req, httplib::Response &res)
    {
        const std::string q = req.has_param("q") ? req.get_param_value("q") : std::string();
        if (req.path.find("/query/LOC-1") != std::string::npos) {
            res.set_content(R"({"totalSize":3,"done":true,"records":[{"Id":"a0X000000000003AAA","SystemModstamp":"2024-05-01T00:00:03.000+0000"}]})",
                            "application/json");
        } else if (q.find("HTMLERR") != std::string::npos) {
            res.status = 503;
            res.set_content("<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html");
        } else if (q.find("OBJERR") != std::string::npos) {
            res.status = 400;
            res.set_content(R"({"errorCode":"INVALID_TYPE","message":"sObject type 'Nope__c' is not supported"})", "application/json");
        } else if (q.find("ARRERR") != std::string::npos) {
            res.status = 400;
            res.set_content(R"([{"errorCode":"INVALID_FIELD","message":"No such column 'Foo'","fields":["Foo"]}])", "application/json");
        } else if (q.find("LOCATOR") != std::string::npos) {
            res.status = 400;
            res.set_content(R"([{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}])", "application/json");
        } else if (q.find("GATED") != std::string::npos) {
            ++gatedArrived;
            std::unique_lock lock(m_gateMutex);
            m_gate.wait_for(lock, std::chrono::seconds(30), [this] { return m_released; }); // a hang guard only
            lock.unlock();
            res.set_content(R"({"totalSize":1,"done":true,"records":[{"Id":"a0X000000000005AAA"}]})", "application/json");
            ++gatedAnswered;
        } else if (q.find("SLOW") != std::string::npos) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            res.set_content(R"({"totalSize":0,"done":true,"records":[]})", "application/json");
        } else if (q.find("BADGZ") != std::string::npos) {
            res.set_header("Content-Encoding", "gzip");
            res.set_content(gzip(R"({"totalSize":0,"done":true,"records":[]})").substr(0, 20), "application/octet-stream");
        } else if (q.find("BROTLI") != std::string::npos) {
            res.set_header("Content-Encoding", "br");
            res.set_content(std::string("\x1b\x00\xf8\x25\x00\xa2", 6), "application/octet-stream");
        } else if (q.find("GZIP") != std::string::npos) {
            std::string body = R"({"totalSize":1,"done":true,"records":[{"Id":"a0X000000000009AAA","Blob__c":")";
            body += std::string(20000, 'z') + "\"}]}";
            res.set_header("Content-Encoding", "gzip");
            // A type httplib does not compress by itself, so the gzip on the wire is exactly ours.
            res.set_content(gzip(body), "application/octet-stream");
        } else if (q.find("PLUS") != std::string::npos) {
            nlohmann::json body = {{"totalSize", 0}, {"done", true}, {"records", nlohmann::json::array()}, {"echo", q}};
            res.set_content(body.dump(), "application/json");
        } else {
            res.set_content(R"({"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/LOC-1","records":[
                {"Id":"a0X000000000001AAA","SystemModstamp":"2024-05-01T00:00:01.000+0000"},
                {"Id":"a0X000000000002AAA","SystemModstamp":"2024-05-01T00:00:02.000+0000"}]})",
                            "application/json");
        }
    }

    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_gateMutex;
    std::condition_variable m_gate;
    bool m_released = false;
};

/// A client whose query pages go through a page thread, as the sync worker's do; the thread is
/// stopped before the client goes (SalesforceClient's destructor requires it).
class PagedClient
{
public:
    explicit PagedClient(std::unique_ptr<SalesforceClient> client, bool pagesNow = true) : m_client(std::move(client))
    {
        if (pagesNow)
            startPages();
    }
    ~PagedClient()
    {
        m_thread.quit();
        m_thread.wait();
    }
    void startPages()
    {
        m_thread.start();
        m_client->setPageThread(&m_thread);
    }
    SalesforceClient *operator->() const { return m_client.get(); }

private:
    QThread m_thread;
    std::unique_ptr<SalesforceClient> m_client;
};

struct Reply
{
    bool arrived = false;
    ApiError error;
    QByteArray body;
};

class ClientTest : public ::testing::Test
{
protected:
    std::unique_ptr<SalesforceClient> makeClient(const QString &refreshToken = QStringLiteral("good"), int timeoutMs = 5000)
    {
        SalesforceClient::Options o;
        o.instanceUrl = QUrl(QString::fromStdString(server.url()));
        o.clientId = QStringLiteral("pos-demo");
        o.refreshToken = refreshToken;
        o.requestTimeoutMs = timeoutMs;
        return std::make_unique<SalesforceClient>(o);
    }
    Reply query(SalesforceClient &client, const QString &soql, int batch = 0)
    {
        auto reply = std::make_shared<Reply>();
        client.query(soql, batch, false, [reply](const ApiError &e, const QByteArray &b) {
            reply->arrived = true;
            reply->error = e;
            reply->body = b;
        });
        EXPECT_TRUE(waitFor([reply] { return reply->arrived; }));
        return *reply;
    }
    /// The counts of `queries` as the client's callback hands them over (empty when it never calls).
    static QList<SalesforceClient::CountResult> counts(SalesforceClient &client,
                                                       const QList<SalesforceClient::CountQuery> &queries)
    {
        auto results = std::make_shared<std::optional<QList<SalesforceClient::CountResult>>>();
        client.counts(queries, [results](const QList<SalesforceClient::CountResult> &r) { *results = r; });
        EXPECT_TRUE(waitFor([results] { return results->has_value(); }));
        return results->value_or(QList<SalesforceClient::CountResult>{});
    }
    ScriptedServer server;
};

} // namespace

TEST_F(ClientTest, RefreshesFirstThenQueriesAndFollowsNextRecordsUrl)
{
    auto client = makeClient();
    Reply first = query(*client, QStringLiteral("SELECT Id FROM P__c"), 500);
    ASSERT_TRUE(first.error.ok()) << first.error.message.toStdString();
    EXPECT_EQ(server.tokenCalls.load(), 1);
    EXPECT_EQ(server.last(&ScriptedServer::lastBatchHeader), "batchSize=500");
    const auto page = posdata::QueryPage::parse(first.body);
    ASSERT_TRUE(page);
    ASSERT_TRUE(page->hasNext());

    auto more = std::make_shared<Reply>();
    client->queryMore(page->nextRecordsUrl, 500, [more](const ApiError &e, const QByteArray &b) {
        more->arrived = true;
        more->error = e;
        more->body = b;
    });
    ASSERT_TRUE(waitFor([more] { return more->arrived; }));
    EXPECT_EQ(server.last(&ScriptedServer::lastPath), "/services/data/v62.0/query/LOC-1");
    const auto last = posdata::QueryPage::parse(more->body);
    ASSERT_TRUE(last);
    EXPECT_FALSE(last->hasNext());
    EXPECT_EQ(client->apiCalls(), 2); // the token call does not count
}

TEST_F(ClientTest, ExpiredTokenIsRefreshedOnceForConcurrentRequestsAndRetried)
{
    auto client = makeClient();
    ASSERT_TRUE(query(*client, QStringLiteral("SELECT Id FROM P__c")).error.ok());
    server.expireToken();
    int done = 0;
    int failures = 0;
    for (int i = 0; i < 3; ++i)
        client->query(QStringLiteral("SELECT Id FROM P__c"), 0, false, [&](const ApiError &e, const QByteArray &) {
            ++done;
            failures += e.ok() ? 0 : 1;
        });
    ASSERT_TRUE(waitFor([&] { return done == 3; }));
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(server.tokenCalls.load(), 2); // single flight: one refresh for three 401s
    EXPECT_FALSE(client->signInRequired());
}

TEST_F(ClientTest, RotatedRefreshTokenReplacesTheOldOne)
{
    server.rotate = true;
    auto client = makeClient();
    ASSERT_TRUE(query(*client, QStringLiteral("SELECT Id FROM P__c")).error.ok());
    EXPECT_EQ(client->refreshToken(), QStringLiteral("rotated"));
    server.expireToken();
    ASSERT_TRUE(query(*client, QStringLiteral("SELECT Id FROM P__c")).error.ok());
    EXPECT_EQ(server.last(&ScriptedServer::lastRefreshToken), "rotated");
}

TEST_F(ClientTest, RefusedRefreshMeansSignInRequiredWithoutRetryStorm)
{
    auto client = makeClient(QStringLiteral("revoked"));
    Reply r = query(*client, QStringLiteral("SELECT Id FROM P__c"));
    EXPECT_EQ(r.error.kind, ApiError::Kind::Auth);
    EXPECT_TRUE(client->signInRequired());
    EXPECT_FALSE(r.error.message.contains(QStringLiteral("revoked"))); // never the secret
    // Later requests fail at once: no more token calls and no data calls.
    Reply again = query(*client, QStringLiteral("SELECT Id FROM P__c"));
    EXPECT_EQ(again.error.kind, ApiError::Kind::Auth);
    EXPECT_EQ(server.tokenCalls.load(), 1);
    EXPECT_EQ(server.dataCalls.load(), 0);
}

TEST_F(ClientTest, ErrorBodiesAreParsedAndClassified)
{
    auto client = makeClient();
    Reply html = query(*client, QStringLiteral("SELECT Id FROM HTMLERR"));
    EXPECT_EQ(html.error.kind, ApiError::Kind::Transient);
    EXPECT_EQ(html.error.httpStatus, 503);
    EXPECT_TRUE(html.error.message.contains(QStringLiteral("Service Unavailable")));
    Reply object = query(*client, QStringLiteral("SELECT Id FROM OBJERR"));
    EXPECT_EQ(object.error.kind, ApiError::Kind::Permanent);
    EXPECT_EQ(object.error.code, QStringLiteral("INVALID_TYPE"));
    Reply array = query(*client, QStringLiteral("SELECT Foo FROM ARRERR"));
    EXPECT_EQ(array.error.kind, ApiError::Kind::Permanent);
    EXPECT_EQ(array.error.code, QStringLiteral("INVALID_FIELD"));
    Reply locator = query(*client, QStringLiteral("SELECT Id FROM LOCATOR"));
    EXPECT_EQ(locator.error.kind, ApiError::Kind::LocatorExpired);
}

TEST_F(ClientTest, SlowServerTimesOut)
{
    auto client = makeClient(QStringLiteral("good"), 300);
    Reply r = query(*client, QStringLiteral("SELECT Id FROM SLOW"));
    EXPECT_EQ(r.error.kind, ApiError::Kind::Transient);
    EXPECT_EQ(r.error.code, QStringLiteral("TIMEOUT"));
}

TEST_F(ClientTest, ConnectionRefusedIsANetworkError)
{
    SalesforceClient::Options o;
    o.instanceUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    o.clientId = QStringLiteral("pos-demo");
    o.refreshToken = QStringLiteral("good");
    SalesforceClient client(o);
    Reply r = query(client, QStringLiteral("SELECT Id FROM P__c"));
    EXPECT_EQ(r.error.kind, ApiError::Kind::Transient);
    EXPECT_FALSE(client.signInRequired());
}

TEST_F(ClientTest, GzipBodyIsDecodedByQt)
{
    auto client = makeClient();
    Reply r = query(*client, QStringLiteral("SELECT Id FROM GZIP"));
    ASSERT_TRUE(r.error.ok()) << r.error.message.toStdString();
    EXPECT_NE(server.last(&ScriptedServer::lastAcceptEncoding).find("gzip"), std::string::npos);
    const auto page = posdata::QueryPage::parse(r.body);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->records.size(), 1);
    EXPECT_TRUE(page->records[0].payload.contains(QByteArray(20000, 'z')));
}

TEST_F(ClientTest, SoqlIsEncodedSoPlusStaysPlus)
{
    auto client = makeClient();
    const QString soql = QStringLiteral("SELECT Id FROM PLUS WHERE Name = 'a+b & c=d%'");
    Reply r = query(*client, soql);
    ASSERT_TRUE(r.error.ok());
    const auto doc = nlohmann::json::parse(r.body.toStdString());
    EXPECT_EQ(QString::fromStdString(doc["echo"].get<std::string>()), soql);
}

TEST_F(ClientTest, CompositeCountsUseOneCallPerFiveQueries)
{
    auto client = makeClient();
    QList<SalesforceClient::CountQuery> queries;
    for (int i = 0; i < 7; ++i)
        queries.append({QStringLiteral("SELECT COUNT() FROM P%1__c WHERE Name = '%2'").arg(i).arg(QString(i, QLatin1Char('X'))), false});
    queries.append({QStringLiteral("SELECT COUNT() FROM BADOBJ"), false});
    const QList<SalesforceClient::CountResult> results = counts(*client, queries);
    ASSERT_EQ(results.size(), 8);
    for (int i = 0; i < 7; ++i) {
        EXPECT_TRUE(results[i].error.ok()) << i;
        EXPECT_EQ(results[i].count, i) << i; // P<i>__c has i 'X': matched by referenceId
    }
    EXPECT_EQ(results[7].error.kind, ApiError::Kind::Permanent);
    EXPECT_EQ(results[7].error.code, QStringLiteral("INVALID_TYPE"));
    EXPECT_EQ(server.compositeCalls.load(), 2);
    EXPECT_EQ(client->apiCalls(), 2);
}

TEST_F(ClientTest, CompositeFallsBackToSingleQueriesWhenMissing)
{
    server.noComposite = true;
    auto client = makeClient();
    QList<SalesforceClient::CountQuery> queries = {{QStringLiteral("SELECT COUNT() FROM XX"), false},
                                                   {QStringLiteral("SELECT COUNT() FROM XXX"), false}};
    // The fallback goes through /query: the scripted server answers a plain query there.
    const QList<SalesforceClient::CountResult> results = counts(*client, queries);
    ASSERT_EQ(results.size(), 2);
    EXPECT_TRUE(results[0].error.ok());
    EXPECT_EQ(results[0].count, 3); // the default page's totalSize
    EXPECT_EQ(client->apiCalls(), 3); // one failed composite, then one call per query
}

TEST_F(ClientTest, AbortedRequestNeverCallsBack)
{
    auto client = makeClient(QStringLiteral("good"), 5000);
    ASSERT_TRUE(query(*client, QStringLiteral("SELECT Id FROM P__c")).error.ok()); // signed in
    bool called = false;
    const auto id = client->query(QStringLiteral("SELECT Id FROM GATED"), 0, false,
                                  [&](const ApiError &, const QByteArray &) { called = true; });
    // Aborted once the server has it, then the server answers it anyway.
    ASSERT_TRUE(waitFor([&] { return server.gatedArrived.load() == 1; }));
    client->abort(id);
    server.release();
    ASSERT_TRUE(waitFor([&] { return server.gatedAnswered.load() == 1; }));
    // A request sent after that answer left the server comes back after anything the aborted one
    // could still deliver: once it has, the aborted one never will.
    const Reply after = query(*client, QStringLiteral("SELECT Id FROM GATED"));
    EXPECT_TRUE(after.error.ok()) << after.error.message.toStdString();
    EXPECT_EQ(server.gatedArrived.load(), 2);
    EXPECT_FALSE(called);
}

TEST_F(ClientTest, QueryPagesOnAPageThreadAreParsedThereAndKeepTokenAndErrorHandling)
{
    PagedClient client(makeClient());
    struct PageReply
    {
        bool arrived = false;
        ApiError error;
        std::shared_ptr<SalesforceClient::ParsedPage> page;
        QThread *calledOn = nullptr;
    };
    const auto call = [&](auto issue) {
        auto reply = std::make_shared<PageReply>();
        issue([reply](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &p) {
            *reply = { true, e, p, QThread::currentThread() };
        });
        EXPECT_TRUE(waitFor([reply] { return reply->arrived; }));
        return *reply;
    };
    auto first = call([&](auto cb) { client->queryPage(QStringLiteral("SELECT Id FROM P__c"), 500, false, cb); });
    ASSERT_TRUE(first.error.ok()) << first.error.message.toStdString();
    EXPECT_EQ(first.calledOn, QThread::currentThread()); // callbacks stay on the client's thread
    ASSERT_TRUE(first.page && first.page->page);
    EXPECT_EQ(first.page->page->records.size(), 2);
    EXPECT_EQ(server.last(&ScriptedServer::lastBatchHeader), "batchSize=500");
    const QString nextUrl = first.page->page->nextRecordsUrl;
    first.page.reset(); // a parsed page is let go of once used: only two are parsed ahead
    auto next = call([&](auto cb) { client->queryMorePage(nextUrl, 500, cb); });
    ASSERT_TRUE(next.error.ok());
    EXPECT_FALSE(next.page->page->hasNext());
    next.page.reset();
    EXPECT_EQ(server.last(&ScriptedServer::lastPath), "/services/data/v62.0/query/LOC-1");

    // 401: the token is refreshed once on the client's thread and the page fetched again.
    server.expireToken();
    auto again = call([&](auto cb) { client->queryPage(QStringLiteral("SELECT Id FROM P__c"), 0, false, cb); });
    EXPECT_TRUE(again.error.ok()) << again.error.message.toStdString();
    EXPECT_EQ(server.tokenCalls.load(), 2);
    again.page.reset();

    // Errors are classified as for any request; no page comes with them.
    const auto html = call([&](auto cb) { client->queryPage(QStringLiteral("SELECT Id FROM HTMLERR"), 0, false, cb); });
    EXPECT_EQ(html.error.kind, ApiError::Kind::Transient);
    EXPECT_FALSE(html.page);
    const auto locator = call([&](auto cb) { client->queryPage(QStringLiteral("SELECT Id FROM LOCATOR"), 0, false, cb); });
    EXPECT_EQ(locator.error.kind, ApiError::Kind::LocatorExpired);

    // An aborted page never calls back, even though its answer reaches the page thread.
    bool called = false;
    const auto id = client->queryPage(QStringLiteral("SELECT Id FROM GATED"), 0, false,
                                      [&](const ApiError &, const std::shared_ptr<SalesforceClient::ParsedPage> &) { called = true; });
    ASSERT_TRUE(waitFor([&] { return server.gatedArrived.load() == 1; }));
    client->abort(id);
    server.release();
    ASSERT_TRUE(waitFor([&] { return server.gatedAnswered.load() == 1; }));
    const auto after = call([&](auto cb) { client->queryPage(QStringLiteral("SELECT Id FROM GATED"), 0, false, cb); });
    EXPECT_TRUE(after.error.ok()) << after.error.message.toStdString();
    EXPECT_FALSE(called);
    EXPECT_EQ(client->apiCalls(), 8); // 2 + 401 and its retry + 2 errors + the aborted one + the one after

}

// Ten range pages answered at once on loopback must not all wait parsed for the writer (~2.4 MiB each
// at 2000 wide records): only two are parsed ahead of the one the user lets go of; the others wait as
// they came, gzip-compressed, and are parsed in turn. The network is not held back: every request is
// answered at the server meanwhile.
TEST_F(ClientTest, PagesAreParsedOnlyAsFastAsTheyAreUsedAndWaitCompressed)
{
    PagedClient client(makeClient());
    QList<std::shared_ptr<SalesforceClient::ParsedPage>> held;
    for (int i = 0; i < 6; ++i)
        client->queryPage(QStringLiteral("SELECT Id FROM GZIP"), 0, false,
                          [&](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &p) {
                              EXPECT_TRUE(e.ok()) << e.message.toStdString();
                              held << p;
                          });
    ASSERT_TRUE(waitFor([&] { return held.size() == 2 && server.dataCalls.load() == 6; }))
        << held.size() << " pages, " << server.dataCalls.load() << " calls";
    EXPECT_EQ(server.last(&ScriptedServer::lastAcceptEncoding), "gzip"); // asked for by the transport
    // The four others are in (answered) and stay unparsed while the two are held.
    EXPECT_FALSE(waitFor([&] { return held.size() > 2; }, 300));
    for (int letGo = 1; letGo <= 4; ++letGo) {
        held.removeFirst();
        ASSERT_TRUE(waitFor([&] { return held.size() == 2; })) << "after letting go of " << letGo;
        EXPECT_FALSE(waitFor([&] { return held.size() > 2; }, 50));
    }
    for (const auto &page : std::as_const(held)) {
        ASSERT_TRUE(page && page->page) << (page ? page->parseError.toStdString() : "no page");
        ASSERT_EQ(page->page->records.size(), 1);
        EXPECT_TRUE(page->page->records[0].payload.contains(QByteArray(20000, 'z')));
    }
    held.clear();
}

// A page the transport decodes itself and cannot: no page, the reason in words (the worker's
// "could not be read" then retries), and the gate is not left with a place taken.
TEST_F(ClientTest, APageWithBrokenOrUnaskedForEncodingIsUnreadableInWords)
{
    PagedClient client(makeClient());
    const auto read = [&](const QString &soql) {
        auto reply = std::make_shared<std::optional<QString>>();
        client->queryPage(soql, 0, false,
                          [reply](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &p) {
                              EXPECT_TRUE(e.ok()) << e.message.toStdString();
                              *reply = p && !p->page ? p->parseError : QStringLiteral("(a page)");
                          });
        EXPECT_TRUE(waitFor([reply] { return reply->has_value(); }));
        return reply->value_or(QString());
    };
    for (int round = 0; round < 2; ++round) { // more than two unreadable pages: none keeps a place
        EXPECT_EQ(read(QStringLiteral("SELECT Id FROM BADGZ")), QStringLiteral("the answer's gzip data is broken or cut short"));
        EXPECT_EQ(read(QStringLiteral("SELECT Id FROM BROTLI")), QStringLiteral("the server answered in an encoding not asked for (br)"));
    }
    EXPECT_EQ(read(QStringLiteral("SELECT Id FROM GZIP")), QStringLiteral("(a page)"));
}

// Range downloads send up to 10 pages at once; Qt 6.4 opens at most 6 HTTP/1.1 connections per host
// and manager and queues the rest, so the page thread must spread them: all 10 reach the server
// before any is answered.
TEST_F(ClientTest, TenPagesAtOnceAreTenRequestsAtTheServer)
{
    PagedClient client(makeClient());
    int answered = 0;
    QList<SalesforceClient::RequestId> ids;
    for (int i = 0; i < 10; ++i)
        ids << client->queryPage(QStringLiteral("SELECT Id FROM GATED"), 0, false,
                                 [&](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &) {
                                     EXPECT_TRUE(e.ok()) << e.message.toStdString();
                                     ++answered;
                                 });
    EXPECT_TRUE(waitFor([&] { return server.gatedArrived.load() == 10; })) << server.gatedArrived.load() << " arrived";
    // One given up while in flight frees its place: the next one is sent at once too.
    client->abort(ids.takeFirst());
    ids << client->queryPage(QStringLiteral("SELECT Id FROM GATED"), 0, false,
                             [&](const ApiError &, const std::shared_ptr<SalesforceClient::ParsedPage> &) { ++answered; });
    EXPECT_TRUE(waitFor([&] { return server.gatedArrived.load() == 11; }));
    server.release();
    EXPECT_TRUE(waitFor([&] { return answered == 10; }));
}

// Range downloads open their page connections while the probe travels (a handshake each on a store's
// link): warmUpPages(8) opens up to 8 connections, 6 on the first manager and 2 on the next as the pages
// will use them, sends nothing on them and costs no API call.
TEST(ClientWarmUp, OpensThePageConnectionsAndSendsNothing)
{
    QTcpServer listener;
    ASSERT_TRUE(listener.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> accepted;
    QObject::connect(&listener, &QTcpServer::newConnection, [&] {
        while (QTcpSocket *s = listener.nextPendingConnection())
            accepted << s;
    });
    SalesforceClient::Options o;
    o.instanceUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(listener.serverPort()));
    o.clientId = QStringLiteral("pos-demo");
    o.refreshToken = QStringLiteral("good");
    PagedClient client(std::make_unique<SalesforceClient>(o), false);
    client->warmUpPages(3); // no page thread yet: nothing
    client.startPages();
    client->warmUpPages(8);
    // Qt opens a channel per pre-connect as its connection pool's state allows: on a slow machine (a
    // ThreadSanitizer run) one of the 8 may be folded into another, so more than one manager's 6 and
    // never more than asked for is what holds everywhere.
    EXPECT_TRUE(waitFor([&] { return accepted.size() > 6; })) << accepted.size() << " connections";
    waitFor([] { return false; }, 300); // late extras would show here
    EXPECT_GT(accepted.size(), 6);
    EXPECT_LE(accepted.size(), 8);
    qint64 sent = 0;
    for (QTcpSocket *s : std::as_const(accepted))
        sent += s->bytesAvailable();
    EXPECT_EQ(sent, 0) << "a warm-up sends no request";
    EXPECT_EQ(client->apiCalls(), 0);
}
