// SPDX-License-Identifier: MIT
// Credentials never leave the instance: the client over real loopback HTTP against an instance that
// redirects, and hands out hostile instance URLs, with an "attacker" listening on 127.0.0.2 that
// records whatever reaches it. Also answers of the wrong JSON types (never a crash, an error in words).
// The same over TLS (both servers with a certificate made for the run): a redirect to another https
// host is refused too, and a certificate that is not trusted or names another host sends nothing.
#include "common/urlpolicy.h"
#include "net/responses.h"
#include "net/salesforceclient.h"
#include "support/waitfor.h"

#include <QCoreApplication>
#include <QSslConfiguration>
#include <QThread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <mutex>
#include <thread>

using posdata::ApiError;
using posdata::SalesforceClient;
namespace urlpolicy = posdata::urlpolicy;
namespace responses = posdata::responses;
using testsupport::waitFor;

namespace {

/// A self-signed certificate and its key, made for this run (nothing on disk), naming `ips` as its
/// hosts. Trusted by the client only when trust() was called.
class TlsIdentity
{
public:
    TlsIdentity(const std::string &commonName, const std::string &ips)
    {
        m_key = EVP_EC_gen("P-256");
        m_cert = X509_new();
        X509_set_version(m_cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(m_cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(m_cert), -3600);
        X509_gmtime_adj(X509_getm_notAfter(m_cert), 24 * 3600);
        X509_set_pubkey(m_cert, m_key);
        X509_NAME *name = X509_get_subject_name(m_cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName.c_str()),
                                   -1, -1, 0);
        X509_set_issuer_name(m_cert, name);
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, m_cert, m_cert, nullptr, nullptr, 0);
        for (const auto &[nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                                         std::pair{NID_subject_alt_name, ips.c_str()}}) {
            X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
            X509_add_ext(m_cert, ext, -1);
            X509_EXTENSION_free(ext);
        }
        X509_sign(m_cert, m_key, EVP_sha256());
    }
    ~TlsIdentity()
    {
        X509_free(m_cert);
        EVP_PKEY_free(m_key);
    }
    TlsIdentity(const TlsIdentity &) = delete;
    TlsIdentity &operator=(const TlsIdentity &) = delete;

    bool valid() const { return m_key && m_cert; }
    std::unique_ptr<httplib::Server> server() const { return std::make_unique<httplib::SSLServer>(m_cert, m_key); }
    /// Adds the certificate to the authorities every later QNetworkRequest trusts.
    void trust() const
    {
        BIO *bio = BIO_new(BIO_s_mem());
        PEM_write_bio_X509(bio, m_cert);
        char *pem = nullptr;
        const long size = BIO_get_mem_data(bio, &pem);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.addCaCertificate(QSslCertificate(QByteArray(pem, int(size)), QSsl::Pem));
        QSslConfiguration::setDefaultConfiguration(config);
        BIO_free(bio);
    }

private:
    EVP_PKEY *m_key = nullptr;
    X509 *m_cert = nullptr;
};

/// The client trusts it; it names both test hosts (the instance and the attacker).
const TlsIdentity &trustedIdentity()
{
    static const TlsIdentity identity("posdata test", "IP:127.0.0.1,IP:127.0.0.2");
    static const bool trusted = (identity.trust(), true);
    (void)trusted;
    return identity;
}

/// A plain HTTP server, or an https one with `tls`'s certificate.
std::unique_ptr<httplib::Server> makeServer(const TlsIdentity *tls)
{
    return tls ? tls->server() : std::make_unique<httplib::Server>();
}

/// Listens on 127.0.0.2 and records every request: nothing may ever arrive here.
class Attacker
{
public:
    std::atomic<int> requests{0};
    std::mutex mutex;
    std::string seen; ///< headers and bodies of what arrived

    explicit Attacker(const TlsIdentity *tls = nullptr) : m_server(makeServer(tls)), m_scheme(tls ? "https" : "http")
    {
        m_server->set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
            ++requests;
            std::lock_guard lock(mutex);
            seen += req.method + " " + req.path + "\n";
            for (const auto &[k, v] : req.headers)
                seen += k + ": " + v + "\n";
            seen += req.body + "\n";
            res.set_content(R"({"access_token":"stolen","instance_url":"http://127.0.0.2","totalSize":1,"done":true,"records":[]})",
                            "application/json");
            return httplib::Server::HandlerResponse::Handled;
        });
        m_port = m_server->bind_to_any_port("127.0.0.2");
        m_thread = std::thread([this] { m_server->listen_after_bind(); });
        while (m_port > 0 && !m_server->is_running()) // a stop() before listening starts would leave it listening
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~Attacker()
    {
        m_server->stop();
        m_thread.join();
    }
    bool listening() const { return m_port > 0; }
    std::string url(const std::string &path = "/") const
    {
        return m_scheme + "://127.0.0.2:" + std::to_string(m_port) + path;
    }

private:
    std::unique_ptr<httplib::Server> m_server;
    std::string m_scheme;
    int m_port = 0;
    std::thread m_thread;
};

/// The instance on 127.0.0.1: answers normally unless told to redirect a path, or to hand out a
/// given instance_url with its tokens.
class Instance
{
public:
    std::atomic<int> tokenCalls{0};
    std::atomic<int> dataCalls{0};
    std::mutex mutex;
    int redirectStatus = 0; ///< 0: none
    std::string redirectWhat; ///< "token", "query", "composite"
    std::string redirectTo;
    std::string tokenInstanceUrl; ///< empty: our own URL
    std::string tokenBody; ///< when set, the token answer verbatim
    std::string compositeBody; ///< when set, the composite answer verbatim

    explicit Instance(const TlsIdentity *tls = nullptr) : m_server(makeServer(tls)), m_scheme(tls ? "https" : "http")
    {
        m_server->Post("/services/oauth2/token", [this](const httplib::Request &, httplib::Response &res) {
            ++tokenCalls;
            std::lock_guard lock(mutex);
            if (redirect("token", res))
                return;
            if (!tokenBody.empty()) {
                res.set_content(tokenBody, "application/json");
                return;
            }
            const std::string instance = tokenInstanceUrl.empty() ? url() : tokenInstanceUrl;
            res.set_content(nlohmann::json({{"access_token", "AT-instance"}, {"instance_url", instance}}).dump(),
                            "application/json");
        });
        m_server->Get(R"(/services/data/v62\.0/(query|queryAll)(/.*)?)", [this](const httplib::Request &, httplib::Response &res) {
            ++dataCalls;
            std::lock_guard lock(mutex);
            if (redirect("query", res))
                return;
            res.set_content(R"({"totalSize":1,"done":true,"records":[{"Id":"a0X000000000001AAA","SystemModstamp":"2024-05-01T00:00:01.000+0000"}]})",
                            "application/json");
        });
        m_server->Post("/services/data/v62.0/composite", [this](const httplib::Request &, httplib::Response &res) {
            ++dataCalls;
            std::lock_guard lock(mutex);
            if (redirect("composite", res))
                return;
            res.set_content(compositeBody.empty() ? std::string(R"({"compositeResponse":[]})") : compositeBody,
                            "application/json");
        });
        m_port = m_server->bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server->listen_after_bind(); });
        while (!m_server->is_running()) // a stop() before listening starts would leave it listening
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~Instance()
    {
        m_server->stop();
        m_thread.join();
    }
    std::string url() const { return m_scheme + "://127.0.0.1:" + std::to_string(m_port); }

private:
    bool redirect(const char *what, httplib::Response &res)
    {
        if (redirectStatus == 0 || redirectWhat != what)
            return false;
        res.status = redirectStatus;
        res.set_header("Location", redirectTo);
        res.set_content(R"({"moved":true})", "application/json");
        return true;
    }
    std::unique_ptr<httplib::Server> m_server;
    std::string m_scheme;
    int m_port = 0;
    std::thread m_thread;
};

class ClientSecurityTest : public ::testing::Test
{
protected:
    /// Both servers over TLS with `tls`'s certificate, or plain HTTP.
    explicit ClientSecurityTest(const TlsIdentity *tls = nullptr) : attacker(tls), instance(tls) {}

    void SetUp() override { ASSERT_TRUE(attacker.listening()) << "cannot listen on 127.0.0.2"; }

    std::unique_ptr<SalesforceClient> makeClient(const std::string &instanceUrl = {})
    {
        SalesforceClient::Options o;
        o.instanceUrl = QUrl(QString::fromStdString(instanceUrl.empty() ? instance.url() : instanceUrl));
        o.clientId = QStringLiteral("pos-demo");
        o.refreshToken = QStringLiteral("refresh-secret-0123456789");
        o.requestTimeoutMs = 5000;
        return std::make_unique<SalesforceClient>(o);
    }
    ApiError query(SalesforceClient &client)
    {
        auto done = std::make_shared<std::optional<ApiError>>();
        client.query(QStringLiteral("SELECT Id FROM P__c"), 0, false,
                     [done](const ApiError &e, const QByteArray &) { *done = e; });
        EXPECT_TRUE(waitFor([done] { return done->has_value(); }));
        return done->value_or(ApiError{});
    }
    ApiError page(SalesforceClient &client)
    {
        auto done = std::make_shared<std::optional<ApiError>>();
        client.queryPage(QStringLiteral("SELECT Id FROM P__c"), 0, false,
                         [done](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &) { *done = e; });
        EXPECT_TRUE(waitFor([done] { return done->has_value(); }));
        return done->value_or(ApiError{});
    }
    QList<SalesforceClient::CountResult> counts(SalesforceClient &client, int n = 2)
    {
        auto done = std::make_shared<std::optional<QList<SalesforceClient::CountResult>>>();
        QList<SalesforceClient::CountQuery> queries;
        for (int i = 0; i < n; ++i)
            queries.append({QStringLiteral("SELECT COUNT() FROM P%1__c").arg(i), false});
        client.counts(queries, [done](const QList<SalesforceClient::CountResult> &r) { *done = r; });
        EXPECT_TRUE(waitFor([done] { return done->has_value(); }));
        return done->value_or(QList<SalesforceClient::CountResult>{});
    }
    void setRedirect(int status, const std::string &what)
    {
        std::lock_guard lock(instance.mutex);
        instance.redirectStatus = status;
        instance.redirectWhat = what;
        instance.redirectTo = attacker.url("/steal");
    }
    void expectNothingStolen()
    {
        std::lock_guard lock(attacker.mutex);
        EXPECT_EQ(attacker.requests.load(), 0) << attacker.seen;
    }

    Attacker attacker;
    Instance instance;
};

} // namespace

class RedirectTest : public ClientSecurityTest, public ::testing::WithParamInterface<int>
{
};

TEST_P(RedirectTest, RedirectOnAQueryIsAnErrorInWordsAndNeverFollowed)
{
    auto client = makeClient();
    setRedirect(GetParam(), "query");
    const ApiError e = query(*client);
    EXPECT_EQ(e.code, QStringLiteral("REDIRECT_REFUSED"));
    EXPECT_EQ(e.httpStatus, GetParam());
    EXPECT_TRUE(e.message.contains(QStringLiteral("127.0.0.2"))) << e.message.toStdString();
    expectNothingStolen();
}

TEST_P(RedirectTest, RedirectOnAQueryPageReadOnThePageThreadIsRefusedToo)
{
    auto client = makeClient();
    QThread pageThread;
    client->setPageThread(&pageThread);
    pageThread.start();
    setRedirect(GetParam(), "query");
    const ApiError e = page(*client);
    EXPECT_EQ(e.code, QStringLiteral("REDIRECT_REFUSED"));
    expectNothingStolen();
    client.reset();
    pageThread.quit();
    pageThread.wait();
}

TEST_P(RedirectTest, RedirectOnCompositePostIsRefusedWithItsBody)
{
    auto client = makeClient();
    setRedirect(GetParam(), "composite");
    const auto results = counts(*client);
    ASSERT_EQ(results.size(), 2);
    for (const auto &r : results)
        EXPECT_EQ(r.error.code, QStringLiteral("REDIRECT_REFUSED"));
    expectNothingStolen();
}

TEST_P(RedirectTest, RedirectOnTheTokenCallNeverResendsTheRefreshToken)
{
    auto client = makeClient();
    setRedirect(GetParam(), "token");
    const ApiError e = query(*client);
    EXPECT_EQ(e.code, QStringLiteral("REDIRECT_REFUSED"));
    EXPECT_NE(e.kind, ApiError::Kind::Auth); // the credentials were not refused
    EXPECT_FALSE(client->signInRequired());
    EXPECT_EQ(instance.dataCalls.load(), 0);
    expectNothingStolen();
}

INSTANTIATE_TEST_SUITE_P(EveryRedirectStatus, RedirectTest, ::testing::Values(301, 302, 303, 307, 308));

/// The instance and the attacker over https, with a certificate the client trusts: Qt's default
/// policy would follow an https -> https redirect to another host.
class TlsRedirectTest : public ClientSecurityTest, public ::testing::WithParamInterface<std::string>
{
protected:
    TlsRedirectTest() : ClientSecurityTest(&trustedIdentity()) {}
};

TEST_P(TlsRedirectTest, RedirectToAnotherHttpsHostIsRefusedAndNothingGoesThere)
{
    const std::string what = GetParam();
    for (const int status : {302, 307}) {
        auto client = makeClient();
        ASSERT_EQ(client->instanceUrl().scheme(), QStringLiteral("https"));
        setRedirect(status, what);
        ASSERT_EQ(attacker.url().substr(0, 8), "https://");
        QList<ApiError> errors;
        if (what == "composite") {
            for (const auto &r : counts(*client))
                errors.append(r.error);
        } else {
            errors.append(query(*client));
        }
        ASSERT_FALSE(errors.isEmpty());
        for (const ApiError &e : errors) {
            EXPECT_EQ(e.code.toStdString(), "REDIRECT_REFUSED") << status << " " << e.message.toStdString();
            EXPECT_EQ(e.httpStatus, status); // the answer came over TLS: the refusal is not a TLS failure
        }
        expectNothingStolen();
    }
    if (what == "token") {
        EXPECT_EQ(instance.dataCalls.load(), 0);
    }
}

INSTANTIATE_TEST_SUITE_P(EveryCall, TlsRedirectTest, ::testing::Values("query", "composite", "token"));

TEST_F(TlsRedirectTest, OverTlsWithATrustedCertificateTheClientWorks)
{
    auto client = makeClient();
    const ApiError e = query(*client);
    EXPECT_TRUE(e.ok()) << e.message.toStdString();
    EXPECT_EQ(instance.tokenCalls.load(), 1);
    EXPECT_EQ(instance.dataCalls.load(), 1);
}

/// TLS errors are fatal: a certificate the client does not trust, or one naming another host, ends
/// the request before any HTTP byte (the refresh token, a query) is sent.
TEST(ClientTls, ACertificateThatIsNotTrustedOrNamesAnotherHostSendsNothing)
{
    trustedIdentity(); // trusting another certificate must not make these pass
    const TlsIdentity untrusted("posdata untrusted", "IP:127.0.0.1");
    const TlsIdentity otherHost("posdata other host", "IP:127.0.0.3");
    otherHost.trust();
    ASSERT_TRUE(untrusted.valid() && otherHost.valid());
    for (const TlsIdentity *identity : {&untrusted, &otherHost}) {
        Instance instance(identity);
        SalesforceClient::Options o;
        o.instanceUrl = QUrl(QString::fromStdString(instance.url()));
        o.clientId = QStringLiteral("pos-demo");
        o.refreshToken = QStringLiteral("refresh-secret-0123456789");
        o.requestTimeoutMs = 5000;
        SalesforceClient client(o);
        auto done = std::make_shared<std::optional<ApiError>>();
        client.query(QStringLiteral("SELECT Id FROM P__c"), 0, false,
                     [done](const ApiError &e, const QByteArray &) { *done = e; });
        ASSERT_TRUE(waitFor([done] { return done->has_value(); }));
        const ApiError e = **done;
        EXPECT_EQ(e.code.toStdString(), "NETWORK") << e.message.toStdString();
        EXPECT_EQ(e.httpStatus, 0);
        EXPECT_TRUE(e.message.contains(QStringLiteral("SSL"), Qt::CaseInsensitive)) << e.message.toStdString();
        EXPECT_FALSE(e.message.contains(QStringLiteral("refresh-secret"))) << e.message.toStdString();
        EXPECT_EQ(instance.tokenCalls.load(), 0);
        EXPECT_EQ(instance.dataCalls.load(), 0);
    }
}

TEST_F(ClientSecurityTest, TokenAnswerNamingAnotherHostIsRefusedAndNothingGoesThere)
{
    {
        std::lock_guard lock(instance.mutex);
        instance.tokenInstanceUrl = attacker.url("");
    }
    auto client = makeClient();
    for (int i = 0; i < 3; ++i) {
        const ApiError e = query(*client);
        EXPECT_EQ(e.code, QStringLiteral("INSTANCE_URL_REFUSED"));
        EXPECT_TRUE(e.message.contains(QStringLiteral("127.0.0.2"))) << e.message.toStdString();
    }
    EXPECT_EQ(client->instanceUrl(), QUrl(QString::fromStdString(instance.url())));
    expectNothingStolen();
}

TEST_F(ClientSecurityTest, TokenAnswerWithANonHttpsSchemeIsRefused)
{
    for (const std::string bad : {"ftp://127.0.0.1/", "file:///etc/passwd", "javascript:alert(1)", "http://evil.example.com",
                                  "https://user:pw@127.0.0.1/", ""}) {
        {
            std::lock_guard lock(instance.mutex);
            instance.tokenInstanceUrl.clear();
            instance.tokenBody = nlohmann::json({{"access_token", "AT"}, {"instance_url", bad}}).dump();
        }
        auto client = makeClient();
        const ApiError e = query(*client);
        if (bad.empty()) { // no usable instance_url: the configured one stays
            EXPECT_TRUE(e.ok()) << e.message.toStdString();
            continue;
        }
        EXPECT_EQ(e.code, QStringLiteral("INSTANCE_URL_REFUSED")) << bad;
        EXPECT_EQ(client->instanceUrl(), QUrl(QString::fromStdString(instance.url()))) << bad;
    }
    expectNothingStolen();
}

// A page's nextRecordsUrl is the server's text: only its path is taken, on the instance in use.
TEST_F(ClientSecurityTest, ANextRecordsUrlNamingAnotherHostIsFollowedOnTheInstanceOnly)
{
    auto client = makeClient();
    const QString next = QString::fromStdString(attacker.url("/services/data/v62.0/query/LOC-2"));
    auto body = std::make_shared<std::optional<ApiError>>();
    client->queryMore(next, 0, [body](const ApiError &e, const QByteArray &) { *body = e; });
    ASSERT_TRUE(waitFor([body] { return body->has_value(); }));
    EXPECT_TRUE((*body)->ok()) << (*body)->message.toStdString();
    auto page = std::make_shared<std::optional<ApiError>>();
    client->queryMorePage(next, 0, [page](const ApiError &e, const std::shared_ptr<SalesforceClient::ParsedPage> &) {
        *page = e;
    });
    ASSERT_TRUE(waitFor([page] { return page->has_value(); }));
    EXPECT_TRUE((*page)->ok()) << (*page)->message.toStdString();
    EXPECT_EQ(instance.dataCalls.load(), 2);
    expectNothingStolen();
}

TEST_F(ClientSecurityTest, ConfiguredUrlThatMayNotCarryCredentialsSendsNothing)
{
    auto client = makeClient("http://203.0.113.7:1");
    const ApiError e = query(*client);
    EXPECT_EQ(e.code, QStringLiteral("INVALID_INSTANCE_URL"));
    EXPECT_EQ(e.kind, ApiError::Kind::Permanent);
    EXPECT_TRUE(e.message.contains(QStringLiteral("https"))) << e.message.toStdString();
}

TEST_F(ClientSecurityTest, WronglyTypedAnswersAreErrorsNotCrashes)
{
    const std::string bodies[] = {
        R"({"compositeResponse":[{"referenceId":0,"httpStatusCode":"200","body":{"totalSize":"3"}}]})",
        R"({"compositeResponse":[{"referenceId":"q0","httpStatusCode":200,"body":{"totalSize":-4}},{"referenceId":"q1","httpStatusCode":200}]})",
        R"({"compositeResponse":[{"referenceId":"q99999999999999999999","httpStatusCode":200,"body":{"totalSize":3}}]})",
        R"({"compositeResponse":[{"referenceId":"q1","httpStatusCode":400,"body":{"errorCode":7,"message":[1]}}]})",
        R"({"compositeResponse":{"referenceId":"q0"}})",
        R"([1,2,3])",
        R"(null)",
    };
    for (const std::string &body : bodies) {
        {
            std::lock_guard lock(instance.mutex);
            instance.compositeBody = body;
        }
        auto client = makeClient();
        const auto results = counts(*client);
        ASSERT_EQ(results.size(), 2) << body;
        for (const auto &r : results) {
            EXPECT_FALSE(r.error.ok()) << body;
            EXPECT_EQ(r.count, -1) << body;
            EXPECT_FALSE(r.error.message.isEmpty()) << body;
        }
    }
    {
        std::lock_guard lock(instance.mutex);
        instance.tokenBody = R"({"access_token":12345,"instance_url":["x"]})";
    }
    const int dataCallsBefore = instance.dataCalls.load();
    auto client = makeClient();
    const ApiError e = query(*client);
    EXPECT_EQ(e.code, QStringLiteral("MALFORMED_RESPONSE"));
    EXPECT_EQ(instance.dataCalls.load(), dataCallsBefore);
}

TEST(Responses, CountAnswerAcceptsOnlyANonNegativeIntegerTotal)
{
    EXPECT_EQ(responses::countAnswer(R"({"totalSize":42,"done":true,"records":[]})").count, 42);
    EXPECT_EQ(responses::countAnswer(R"({"totalSize":0})").count, 0);
    for (const char *bad : {R"({"totalSize":"42"})", R"({"totalSize":-1})", R"({"totalSize":4.5})", R"([42])", "", "{",
                            R"({"totalSize":null})"}) {
        const auto c = responses::countAnswer(bad);
        EXPECT_EQ(c.count, -1) << bad;
        EXPECT_EQ(c.error.code, QStringLiteral("MALFORMED_RESPONSE")) << bad;
    }
}

TEST(Responses, ACountAnswerCarriesItsFirstRecordsIdAndModstamp)
{
    // The ends of an Id range and the newest change: ORDER BY ... LIMIT 1 through the counts' path.
    const auto c = responses::countAnswer(R"({"totalSize":1,"done":true,"records":[{"attributes":{"type":"X"},
        "Id":"a02000000000001AAA","SystemModstamp":"2026-12-01T10:00:00.000+0000"}]})");
    EXPECT_EQ(c.count, 1);
    EXPECT_EQ(c.firstId, QStringLiteral("a02000000000001AAA"));
    EXPECT_EQ(c.firstModstamp, QStringLiteral("2026-12-01T10:00:00.000+0000"));
    // No record, or members of the wrong type: nothing read, the count still stands.
    for (const char *body : {R"({"totalSize":0,"records":[]})", R"({"totalSize":1,"records":[{"Id":7,"SystemModstamp":null}]})",
                             R"({"totalSize":1,"records":["a02"]})", R"({"totalSize":1,"records":{"Id":"x"}})"}) {
        const auto r = responses::countAnswer(body);
        EXPECT_TRUE(r.error.ok()) << body;
        EXPECT_TRUE(r.firstId.isEmpty()) << body;
        EXPECT_TRUE(r.firstModstamp.isEmpty()) << body;
    }
    const auto composite = responses::compositeCounts(
        R"({"compositeResponse":[{"referenceId":"q0","httpStatusCode":200,"body":{"totalSize":1,"records":[{"Id":"001x"}]}}]})", 1);
    ASSERT_EQ(composite.size(), 1);
    EXPECT_EQ(composite[0].firstId, QStringLiteral("001x"));
}

TEST(Responses, CompositeCountsAreMatchedByReferenceIdAndCarryTheirOwnErrors)
{
    const auto r = responses::compositeCounts(
        R"({"compositeResponse":[
            {"referenceId":"q1","httpStatusCode":400,"body":[{"errorCode":"INVALID_TYPE","message":"sObject type 'X' is not supported"}]},
            {"referenceId":"q0","httpStatusCode":200,"body":{"totalSize":7,"done":true,"records":[]}}]})",
        3);
    ASSERT_EQ(r.size(), 3);
    EXPECT_EQ(r[0].count, 7);
    EXPECT_TRUE(r[0].error.ok());
    EXPECT_EQ(r[1].error.code, QStringLiteral("INVALID_TYPE"));
    EXPECT_EQ(r[1].error.kind, ApiError::Kind::Permanent);
    EXPECT_EQ(r[2].error.code, QStringLiteral("MALFORMED_RESPONSE")); // no answer for q2
}

TEST(Responses, TokenAnswerNeedsAStringAccessToken)
{
    const auto t = responses::tokenAnswer(R"({"access_token":"AT","refresh_token":"RT","instance_url":"https://x.my.salesforce.com"})");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->accessToken, QByteArray("AT"));
    EXPECT_EQ(t->refreshToken, QStringLiteral("RT"));
    EXPECT_EQ(t->instanceUrl, QStringLiteral("https://x.my.salesforce.com"));
    QString why;
    EXPECT_FALSE(responses::tokenAnswer(R"({"access_token":""})", &why));
    EXPECT_FALSE(why.isEmpty());
    EXPECT_FALSE(responses::tokenAnswer(R"({"access_token":{"a":1}})"));
    const auto noRotation = responses::tokenAnswer(R"({"access_token":"AT","refresh_token":5,"instance_url":null})");
    ASSERT_TRUE(noRotation);
    EXPECT_TRUE(noRotation->refreshToken.isEmpty());
    EXPECT_TRUE(noRotation->instanceUrl.isEmpty());
}

TEST(UrlPolicy, InstanceUrlsThatMayCarryCredentials)
{
    EXPECT_TRUE(urlpolicy::instanceUrlProblem(QUrl(QStringLiteral("https://acme.my.salesforce.com"))).isEmpty());
    EXPECT_TRUE(urlpolicy::instanceUrlProblem(QUrl(QStringLiteral("http://127.0.0.1:8080"))).isEmpty());
    EXPECT_TRUE(urlpolicy::instanceUrlProblem(QUrl(QStringLiteral("http://localhost:8080"))).isEmpty());
    EXPECT_TRUE(urlpolicy::instanceUrlProblem(QUrl(QStringLiteral("http://[::1]:8080"))).isEmpty());
    for (const char *bad : {"http://acme.my.salesforce.com", "ftp://127.0.0.1", "https://u:p@acme.my.salesforce.com",
                            "https://acme.my.salesforce.com?x=1", "/relative", "http://127.0.0.1.evil.com",
                            "http://1270.0.0.1"})
        EXPECT_FALSE(urlpolicy::instanceUrlProblem(QUrl(QString::fromLatin1(bad))).isEmpty()) << bad;
}

TEST(UrlPolicy, AHostChangeIsOnlyTheLoginHostHandingOutASalesforceInstance)
{
    const QUrl login(QStringLiteral("https://login.salesforce.com"));
    for (const char *ok : {"https://acme.my.salesforce.com", "https://na42.salesforce.com", "https://acme.lightning.force.com",
                           "https://acme.my.salesforce.mil", "https://acme.cloudforce.com", "https://login.salesforce.com:443"})
        EXPECT_TRUE(urlpolicy::instanceChangeProblem(login, QUrl(QString::fromLatin1(ok))).isEmpty()) << ok;
    for (const char *bad : {"https://evil.example.com", "https://evilsalesforce.com", "https://salesforce.com.evil.com",
                            "https://.force.com", "http://acme.my.salesforce.com"})
        EXPECT_FALSE(urlpolicy::instanceChangeProblem(login, QUrl(QString::fromLatin1(bad))).isEmpty()) << bad;
    const QUrl local(QStringLiteral("http://127.0.0.1:8080"));
    EXPECT_TRUE(urlpolicy::instanceChangeProblem(local, QUrl(QStringLiteral("http://127.0.0.1:9090"))).isEmpty());
    EXPECT_TRUE(urlpolicy::instanceChangeProblem(QUrl(QStringLiteral("http://localhost:8080")), local).isEmpty());
    EXPECT_FALSE(urlpolicy::instanceChangeProblem(local, QUrl(QStringLiteral("http://127.0.0.2:8080"))).isEmpty());
}
