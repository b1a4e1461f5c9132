// SPDX-License-Identifier: MIT
// Emulator core: lifecycle, fault injection on /services/..., the token endpoint, bearer checks, the
// API budget and the dispatch of /services/data/vNN.N/... to the resources.
#include "emulator/emulator.h"

#include "emulator/composite.h"
#include "emulator/orgstore.h"
#include "emulator/querycursors.h"
#include "emulator/recordrenderer.h"
#include "emulator/recordwriter.h"
#include "emulator/seeder.h"
#include "soql/soql.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace emu {

using nlohmann::json;

Emulator::Emulator(EmulatorOptions options)
    : m_options(std::move(options))
    , m_faults(m_options.faults)
    , m_rng(m_options.faults.seed)
    , m_dailyLimit(m_options.dailyApiLimit)
{
}

Emulator::~Emulator() = default;

bool Emulator::init(std::string *error)
{
    std::lock_guard lock(m_mutex);
    m_store = std::make_unique<OrgStore>(m_catalog);
    if (!m_store->open(m_options.dataFile, error))
        return false;
    if (!m_store->seeded()) {
        if (!Seeder::seed(*m_store, m_catalog, m_options.seed, m_options.records, error))
            return false;
    } else {
        m_store->createIndexes();
    }
    m_renderer = std::make_unique<RecordRenderer>(*m_store);
    m_queries = std::make_unique<QueryCursors>(*m_store, m_catalog, m_options, *m_renderer);
    m_writer = std::make_unique<RecordWriter>(*m_store, m_catalog);
    return true;
}

void Emulator::setInstanceUrl(const std::string &url)
{
    std::lock_guard lock(m_mutex);
    m_instanceUrl = url;
}

int64_t Emulator::nowMs() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + m_clockOffsetMs;
}

std::string Emulator::nowIso() const
{
    const int64_t ms = nowMs();
    return soql::formatDateTime(ms - ms % 1000);
}

std::string Emulator::pickFault(const Request &req)
{
    if (m_faults.failNextCount > 0
        && (m_faults.failPathContains.empty() || req.path.find(m_faults.failPathContains) != std::string::npos)) {
        --m_faults.failNextCount;
        return m_faults.failNextMode;
    }
    if (m_faults.error500Rate > 0 || m_faults.error503Rate > 0) {
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
        if (u < m_faults.error500Rate)
            return "500";
        if (u < m_faults.error500Rate + m_faults.error503Rate)
            return "503";
    }
    return {};
}

Response Emulator::handle(const Request &req)
{
    Response r;
    int serverTime = 0; // waited after the work, outside the lock
    try {
        if (req.path.rfind("/__admin", 0) == 0) {
            if (!isLoopback(req.remoteAddr)) {
                r = errorResponse(403, "FORBIDDEN", "admin endpoints answer on loopback only");
            } else {
                std::lock_guard lock(m_mutex);
                r = admin(req);
            }
        } else if (req.path.rfind("/services/", 0) == 0 || req.path == "/services") {
            int latency = 0;
            {
                std::lock_guard lock(m_mutex);
                latency = m_faults.latencyMs;
            }
            if (latency > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(latency));
            std::lock_guard lock(m_mutex);
            if (req.path.rfind("/services/data/", 0) == 0)
                serverTime = m_faults.serverTimeMs;
            const std::string mode = pickFault(req);
            if (mode == "500") {
                r = errorResponse(500, "UNKNOWN_EXCEPTION",
                                  "An unexpected error occurred. Please include this ErrorId if you contact "
                                  "support: 1234567890-12345 (-1234567890)");
            } else if (mode == "503") {
                r = errorResponse(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable, try again later");
            } else if (mode == "html") {
                r.status = 503;
                r.body = html503();
                r.setHeader("Content-Type", "text/html;charset=UTF-8");
            } else if (mode == "401") {
                r = errorResponse(401, "INVALID_SESSION_ID", "Session expired or invalid");
            } else if (mode == "403") {
                r = errorResponse(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            } else if (mode == "redirect") {
                // Nothing is carried out: a client that follows the Location sends the request anew.
                r.status = m_faults.redirectStatus;
                r.setHeader("Location", m_faults.redirectTo.empty() ? m_instanceUrl + req.target : m_faults.redirectTo);
            } else {
                r = route(req);
                if (mode == "drop") {
                    const auto size = static_cast<int64_t>(r.body.size());
                    r.dropAfterBytes = std::max<int64_t>(0, std::min(m_faults.dropAfterBytes, size - 1));
                } else if (mode == "truncate") {
                    r.body.resize(r.body.size() / 2);
                } else if (mode == "malformed") {
                    r.status = 200;
                    r.body = "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":,}}";
                    r.setHeader("Content-Type", kJsonType);
                }
            }
        } else {
            r = notFound();
        }
    } catch (const std::exception &e) {
        r = errorResponse(500, "UNKNOWN_EXCEPTION", std::string("An unexpected error occurred: ") + e.what());
    }
    if (serverTime > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(serverTime));
    std::lock_guard lock(m_mutex);
    r.setHeader("Sforce-Limit-Info", "api-usage=" + std::to_string(m_apiCalls) + "/" + std::to_string(m_dailyLimit));
    return r;
}

bool Emulator::validToken(const Request &req)
{
    const std::string auth = req.header("Authorization");
    const size_t space = auth.find(' ');
    if (space == std::string::npos)
        return false;
    const std::string scheme = lowerAscii(auth.substr(0, space));
    if (scheme != "bearer" && scheme != "oauth")
        return false;
    std::string tok = auth.substr(space + 1);
    tok.erase(0, tok.find_first_not_of(' '));
    const auto it = m_tokens.find(tok);
    if (it == m_tokens.end())
        return false;
    const bool expired = nowMs() - it->second.issuedMs >= int64_t{m_options.accessTokenTtlSeconds} * 1000
                         || (m_faults.tokenExpireAfterRequests > 0
                             && it->second.uses >= m_faults.tokenExpireAfterRequests);
    if (expired) {
        m_tokens.erase(it);
        ++m_tokensExpired;
        return false;
    }
    ++it->second.uses;
    return true;
}

Response Emulator::route(const Request &req)
{
    const std::string &p = req.path;
    if (p == "/services/oauth2/token") {
        if (req.method != "POST")
            return methodNotAllowed(req.method, "POST");
        return token(req);
    }
    if (p == "/services/oauth2/revoke") {
        if (req.method != "POST")
            return methodNotAllowed(req.method, "POST");
        m_tokens.erase(parseForm(req.body).count("token") ? parseForm(req.body).find("token")->second
                                                           : req.param("token"));
        Response r;
        r.status = 200;
        return r;
    }
    if (p == "/services/data" || p == "/services/data/") {
        if (req.method != "GET" && req.method != "HEAD")
            return methodNotAllowed(req.method, "GET,HEAD");
        json list = json::array();
        for (int v = 50; v <= 66; ++v) {
            const std::string ver = std::to_string(v) + ".0";
            list.push_back({{"label", "Emulated " + ver}, {"url", "/services/data/v" + ver}, {"version", ver}});
        }
        return jsonResponse(200, list);
    }
    const auto path = parseDataPath(p);
    if (!path)
        return notFound();
    if (!validToken(req))
        return errorResponse(401, "INVALID_SESSION_ID", "Session expired or invalid");
    if (m_apiCalls >= m_dailyLimit)
        return errorResponse(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    ++m_apiCalls;
    return dataRoute(req, *path);
}

Response Emulator::token(const Request &req)
{
    auto form = parseForm(req.body);
    for (const auto &[k, v] : req.query)
        form.emplace(k, v);
    auto get = [&](const char *k) {
        const auto it = form.find(k);
        return it == form.end() ? std::string() : it->second;
    };
    auto oauthError = [](const std::string &e, const std::string &d) {
        return jsonResponse(400, json{{"error", e}, {"error_description", d}});
    };
    if (get("grant_type") != "refresh_token")
        return oauthError("unsupported_grant_type", "grant type not supported");
    if (get("client_id") != kClientId)
        return oauthError("invalid_client_id", "client identifier invalid");
    if (get("refresh_token") != kRefreshToken)
        return oauthError("invalid_grant", "expired access/refresh token");
    // The listening address, never the Host header: a client could steer its next requests elsewhere.
    const std::string &instance = m_instanceUrl;
    const std::string tok = issueAccessTokenLocked();
    const std::string issued = std::to_string(nowMs());
    const std::string id = instance + "/id/" + kOrgId + "/" + kUserId;
    const std::string sigSource = id + issued;
    const uint64_t h = std::hash<std::string>{}(sigSource);
    return jsonResponse(200, json{{"access_token", tok},
                                  {"instance_url", m_faults.tokenInstanceUrl.empty() ? instance : m_faults.tokenInstanceUrl},
                                  {"id", id},
                                  {"token_type", "Bearer"},
                                  {"issued_at", issued},
                                  {"signature", "emu" + std::to_string(h) + "="},
                                  {"scope", "api refresh_token"}});
}

std::string Emulator::issueAccessTokenLocked()
{
    static const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    std::random_device rd;
    std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd() ^ ++m_tokenCounter);
    std::string tok = std::string(kOrgId).substr(0, 15) + "!AQ";
    for (int i = 0; i < 96; ++i)
        tok.push_back(alphabet[gen() % 64]);
    m_tokens[tok] = Token{nowMs(), 0};
    return tok;
}

std::string Emulator::issueAccessToken()
{
    std::lock_guard lock(m_mutex);
    return issueAccessTokenLocked();
}

Response Emulator::dataRoute(const Request &req, const DataPath &path)
{
    const std::string &version = path.version;
    const std::vector<std::string> &seg = path.segments;
    const std::string &method = req.method;
    const bool get = method == "GET" || method == "HEAD";
    const size_t n = seg.size();
    if (n == 0) {
        if (!get)
            return methodNotAllowed(method, "GET,HEAD");
        const std::string base = "/services/data/v" + version;
        return jsonResponse(200, json{{"limits", base + "/limits"},
                                      {"query", base + "/query"},
                                      {"queryAll", base + "/queryAll"},
                                      {"sobjects", base + "/sobjects"},
                                      {"composite", base + "/composite"}});
    }
    const std::string &head = seg[0];
    if (head == "limits") {
        if (!get)
            return methodNotAllowed(method, "GET,HEAD");
        if (n == 1)
            return limits();
        if (n == 2 && seg[1] == "recordCount") {
            json list = json::array();
            for (const auto &name : splitList(req.param("sObjects"))) {
                if (const ObjectDef *obj = m_catalog.find(name))
                    list.push_back({{"count", m_store->count(*obj, false)}, {"name", obj->name()}});
            }
            return jsonResponse(200, json{{"sObjects", list}});
        }
        return notFound();
    }
    if (head == "query" || head == "queryAll") {
        if (n > 2)
            return notFound();
        if (!get)
            return methodNotAllowed(method, "GET,HEAD");
        if (n == 2)
            return m_queries->queryMore(version, seg[1], m_faults, nowMs());
        return m_queries->query(req, version, head == "queryAll", m_faults, nowMs());
    }
    if (head == "sobjects")
        return sobjects(req, version, seg);
    if (head == "composite") {
        if (n == 1) {
            if (method != "POST")
                return methodNotAllowed(method, "POST");
            return runComposite(req, *m_store, [this](const Request &inner, const DataPath &innerPath) {
                return dataRoute(inner, innerPath);
            });
        }
        if (seg[1] == "sobjects" && n <= 4)
            return collections(req, version, seg);
        return notFound();
    }
    return notFound();
}

Response Emulator::limits()
{
    return jsonResponse(200, json{{"DailyApiRequests", {{"Max", m_dailyLimit}, {"Remaining", std::max<int64_t>(0, m_dailyLimit - m_apiCalls)}}},
                                  {"DataStorageMB", {{"Max", 1024}, {"Remaining", 1000}}},
                                  {"ConcurrentAsyncGetReportInstances", {{"Max", 200}, {"Remaining", 200}}}});
}

} // namespace emu
