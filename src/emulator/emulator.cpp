// SPDX-License-Identifier: MIT
#include "emulator/emulator.h"

#include "emulator/orgstore.h"
#include "emulator/seeder.h"
#include "soql/soql.h"

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

#include <sqlite3.h>

namespace emu {

using nlohmann::json;

namespace {
constexpr const char *kJsonType = "application/json;charset=UTF-8";
constexpr int kMaxCollection = 200;
constexpr int kMaxComposite = 25;
constexpr int kMaxJsonDepth = 64;

Response jsonResponse(int status, std::string body)
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.setHeader("Content-Type", kJsonType);
    return r;
}

Response jsonResponse(int status, const json &j)
{
    return jsonResponse(status, j.dump());
}

Response errorResponse(int status, const std::string &code, const std::string &message,
                       const std::vector<std::string> &fields = {})
{
    json e = {{"message", message}, {"errorCode", code}};
    if (!fields.empty())
        e["fields"] = fields;
    return jsonResponse(status, json::array({e}));
}

Response notFound()
{
    return errorResponse(404, "NOT_FOUND", "The requested resource does not exist");
}

Response methodNotAllowed(const std::string &method, const std::string &allowed)
{
    Response r = errorResponse(405, "METHOD_NOT_ALLOWED",
                               "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
    r.setHeader("Allow", allowed);
    return r;
}

Response noContent()
{
    Response r;
    r.status = 204;
    return r;
}

// Rejects nesting deeper than kMaxJsonDepth before parsing, so no recursive walk (dump, get)
// can exhaust the stack on a hostile body.
bool parseBody(const std::string &body, json *out)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    *out = json::parse(body, nullptr, false);
    return !out->is_discarded();
}

Response jsonParserError(const std::string &what = "Unexpected end of input or malformed JSON")
{
    return errorResponse(400, "JSON_PARSER_ERROR", what);
}

json recordError(const std::string &code, const std::string &message, const std::vector<std::string> &fields = {})
{
    return {{"statusCode", code}, {"message", message}, {"fields", fields}};
}

json failure(const json &error)
{
    return {{"success", false}, {"errors", json::array({error})}};
}

json failure(const WriteError &e)
{
    // A record the store refused (create, update, upsert): `id` null, as Salesforce writes it.
    json r = failure(recordError(e.code, e.message, e.fields));
    r["id"] = nullptr;
    return r;
}

json success(const std::string &id)
{
    return {{"id", id}, {"success", true}, {"errors", json::array()}};
}

bool isLoopback(const std::string &addr)
{
    return addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0 || addr == "localhost";
}

std::vector<std::string> splitList(const std::string &s)
{
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= s.size()) {
        size_t comma = s.find(',', pos);
        if (comma == std::string::npos)
            comma = s.size();
        std::string item = s.substr(pos, comma - pos);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (!item.empty())
            out.push_back(item);
        pos = comma + 1;
    }
    return out;
}

std::string lowerAscii(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string sobjectUrl(const std::string &version, const std::string &object, const std::string &id)
{
    return "/services/data/v" + version + "/sobjects/" + object + "/" + id;
}

// The record Id a stored JSON starts with: {"Id":"<18 chars>" (Id is always the first field).
std::string_view idOfJson(std::string_view j)
{
    return j.size() >= 25 ? j.substr(7, 18) : std::string_view();
}

std::string html503()
{
    return "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service "
           "Unavailable</h1><p>The server is temporarily unable to service your request. Please try again "
           "later.</p></body></html>";
}
} // namespace

struct Emulator::Cursor
{
    const ObjectDef *object = nullptr;
    std::vector<int> fields; // field indexes in SELECT order
    std::vector<int64_t> rowids;
    size_t batch = 2000;
    int64_t lastUsedMs = 0;
    bool finished = false;
    bool stuck = false; // fault "stuckQueries": every page leads back to itself
};

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

Response Emulator::handle(const Request &req)
{
    Response r;
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
            std::string mode;
            if (m_faults.failNextCount > 0
                && (m_faults.failPathContains.empty() || req.path.find(m_faults.failPathContains) != std::string::npos)) {
                mode = m_faults.failNextMode;
                --m_faults.failNextCount;
            } else if (m_faults.error500Rate > 0 || m_faults.error503Rate > 0) {
                const double u = std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
                if (u < m_faults.error500Rate)
                    mode = "500";
                else if (u < m_faults.error500Rate + m_faults.error503Rate)
                    mode = "503";
            }
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
    static const std::regex versionRe("^/services/data/v([0-9]{1,4}\\.[0-9]{1,2})(/.*)?$");
    std::smatch m;
    if (!std::regex_match(p, m, versionRe))
        return notFound();
    const std::string version = m[1].str();
    std::string rest = m[2].str();
    std::vector<std::string> seg;
    if (!rest.empty()) {
        rest.erase(0, 1);
        if (!rest.empty() && rest.back() == '/')
            rest.pop_back();
        size_t pos = 0;
        while (!rest.empty() && pos <= rest.size()) {
            size_t slash = rest.find('/', pos);
            if (slash == std::string::npos)
                slash = rest.size();
            seg.push_back(rest.substr(pos, slash - pos));
            pos = slash + 1;
        }
        for (const auto &s : seg) {
            if (s.empty())
                return notFound();
        }
    }
    if (!validToken(req))
        return errorResponse(401, "INVALID_SESSION_ID", "Session expired or invalid");
    if (m_apiCalls >= m_dailyLimit)
        return errorResponse(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    ++m_apiCalls;
    return dataRoute(req, version, seg);
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
    const std::string host = req.header("Host");
    const std::string instance = host.empty() ? m_instanceUrl : "http://" + host;
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

Response Emulator::dataRoute(const Request &req, const std::string &version, const std::vector<std::string> &seg)
{
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
            return queryMore(version, seg[1]);
        return query(req, version, head == "queryAll");
    }
    if (head == "sobjects") {
        if (n == 1) {
            if (!get)
                return methodNotAllowed(method, "GET,HEAD");
            json list = json::array();
            for (const auto &o : m_catalog.objects()) {
                list.push_back({{"name", o.name()},
                                {"label", o.name()},
                                {"keyPrefix", o.keyPrefix},
                                {"custom", o.name().size() > 3 && o.name().substr(o.name().size() - 3) == "__c"},
                                {"queryable", true},
                                {"createable", true},
                                {"updateable", true},
                                {"deletable", true},
                                {"urls", {{"sobject", "/services/data/v" + version + "/sobjects/" + o.name()}}}});
            }
            return jsonResponse(200, json{{"encoding", "UTF-8"}, {"maxBatchSize", 200}, {"sobjects", list}});
        }
        const ObjectDef *obj = m_catalog.find(seg[1]);
        if (!obj)
            return notFound();
        if (n == 2) {
            if (method == "POST") {
                json body;
                if (!parseBody(req.body, &body))
                    return jsonParserError();
                if (!body.is_object())
                    return jsonParserError("Expected a JSON object");
                std::string id;
                OrgStore::Savepoint savepoint(*m_store);
                if (auto err = m_store->create(*obj, body, nowIso(), &id))
                    return errorResponse(400, err->code, err->message, err->fields);
                savepoint.release();
                return jsonResponse(201, success(id));
            }
            if (!get)
                return methodNotAllowed(method, "GET,HEAD,POST");
            return jsonResponse(200, json{{"objectDescribe",
                                           {{"name", obj->name()},
                                            {"keyPrefix", obj->keyPrefix},
                                            {"urls", {{"sobject", "/services/data/v" + version + "/sobjects/" + obj->name()}}}}},
                                          {"recentItems", json::array()}});
        }
        if (n == 3 && seg[2] == "describe") {
            if (!get)
                return methodNotAllowed(method, "GET,HEAD");
            json fields = json::array();
            for (const auto &f : obj->schema.fields) {
                std::string type = soql::fieldTypeName(f.type);
                if (type == "dateTime")
                    type = "datetime";
                fields.push_back({{"name", f.name},
                                  {"label", f.name},
                                  {"type", type},
                                  {"externalId", obj->isExternalId(f.name)},
                                  {"createable", !obj->isReadOnly(f.name)},
                                  {"updateable", !obj->isReadOnly(f.name)},
                                  {"nillable", f.type != soql::FieldType::Boolean && f.name != "Id"}});
            }
            return jsonResponse(200, json{{"name", obj->name()}, {"keyPrefix", obj->keyPrefix}, {"fields", fields}});
        }
        if (n == 3 && (seg[2] == "deleted" || seg[2] == "updated")) {
            if (!get)
                return methodNotAllowed(method, "GET,HEAD");
            return replication(req, *obj, seg[2] == "deleted");
        }
        if (n == 3)
            return sobjectRecord(req, version, *obj, seg[2]);
        if (n == 4)
            return sobjectByExternalId(req, version, *obj, seg[2], seg[3]);
        return notFound();
    }
    if (head == "composite") {
        if (n == 1) {
            if (method != "POST")
                return methodNotAllowed(method, "POST");
            return composite(req);
        }
        if (seg[1] == "sobjects" && n <= 4)
            return collections(req, version, seg);
        return notFound();
    }
    return notFound();
}

int Emulator::batchSize(const Request &req) const
{
    int size = 2000;
    for (const auto &item : splitList(req.header("Sforce-Query-Options"))) {
        const size_t eq = item.find('=');
        if (eq == std::string::npos)
            continue;
        std::string key = item.substr(0, eq), value = item.substr(eq + 1);
        key.erase(key.find_last_not_of(' ') + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (lowerAscii(key) != "batchsize" || value.empty() || value.size() > 9
            || value.find_first_not_of("0123456789") != std::string::npos)
            continue;
        size = std::stoi(value);
    }
    const int minimum = std::clamp(m_options.minBatchSize, 1, 2000);
    return std::clamp(size, minimum, 2000);
}

std::string Emulator::renderRecord(const ObjectDef &obj, int64_t rowid, const std::vector<int> &fields,
                                   const std::string &version)
{
    const bool all = fields.size() == obj.schema.fields.size()
                     && std::is_sorted(fields.begin(), fields.end())
                     && (fields.empty() || (fields.front() == 0 && fields.back() == static_cast<int>(fields.size()) - 1));
    std::string out;
    if (all) {
        const std::string j = m_store->recordJson(obj, rowid);
        if (j.size() < 26)
            return {};
        out = "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\""
              + sobjectUrl(version, obj.name(), std::string(idOfJson(j))) + "\"},";
        out.append(j, 1, std::string::npos);
        return out;
    }
    auto row = m_store->readRow(obj, rowid);
    if (!row)
        return {};
    const std::string id = std::holds_alternative<std::string>((*row)[0]) ? std::get<std::string>((*row)[0]) : "";
    out = "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\"" + sobjectUrl(version, obj.name(), id) + "\"}";
    for (int f : fields) {
        const auto &def = obj.schema.fields[static_cast<size_t>(f)];
        out.push_back(',');
        OrgStore::appendJsonString(out, def.name);
        out.push_back(':');
        OrgStore::appendValue(out, def.type, (*row)[static_cast<size_t>(f)]);
    }
    out.push_back('}');
    return out;
}

std::string Emulator::renderPage(Cursor &c, size_t position, const std::string &version,
                                 const std::string &cursorId)
{
    const size_t total = c.rowids.size();
    const size_t end = std::min(total, position + c.batch);
    const bool done = end >= total && !c.stuck;
    std::string out;
    out += "{\"totalSize\":" + std::to_string(total) + ",\"done\":" + (done ? "true" : "false");
    if (!done)
        out += ",\"nextRecordsUrl\":\"/services/data/v" + version + "/query/" + cursorId + "-"
               + std::to_string(c.stuck ? position : end) + "\"";
    out += ",\"records\":[";
    const ObjectDef &obj = *c.object;
    const bool all = c.fields.size() == obj.schema.fields.size()
                     && std::is_sorted(c.fields.begin(), c.fields.end());
    bool first = true;
    if (all) {
        // The hot path: each record's ready JSON comes from the store's in-memory copy (no SQLite),
        // behind an attributes prefix; sized first so the page is built in one allocation.
        const std::string prefix = "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\"/services/data/v"
                                   + version + "/sobjects/" + obj.name() + "/";
        std::vector<std::string> fallback; // rows outside the in-memory index (not expected)
        std::vector<std::string_view> records;
        records.reserve(end - position);
        size_t bytes = out.size() + 2;
        for (size_t i = position; i < end; ++i) {
            const std::string *ready = m_store->readyJson(obj, c.rowids[i]);
            std::string_view json;
            if (ready) {
                json = *ready;
            } else {
                fallback.reserve(end - position);
                fallback.push_back(m_store->recordJson(obj, c.rowids[i]));
                json = fallback.back();
            }
            if (json.size() < 26) // purged since the query ran
                continue;
            records.push_back(json);
            bytes += prefix.size() + 18 + 3 + json.size();
        }
        out.reserve(bytes);
        for (const std::string_view json : records) {
            if (!first)
                out.push_back(',');
            first = false;
            out += prefix;
            out.append(json.data() + 7, 18);
            out += "\"},";
            out.append(json.data() + 1, json.size() - 1);
        }
    } else {
        for (size_t i = position; i < end; ++i) {
            const std::string rec = renderRecord(obj, c.rowids[i], c.fields, version);
            if (rec.empty())
                continue;
            if (!first)
                out.push_back(',');
            first = false;
            out += rec;
        }
    }
    out += "]}";
    if (done)
        c.finished = true;
    return out;
}

void Emulator::evictCursors()
{
    const int64_t now = nowMs();
    const int64_t ttl = int64_t{m_options.cursorIdleSeconds} * 1000;
    for (auto it = m_cursors.begin(); it != m_cursors.end();) {
        if (now - it->second->lastUsedMs > ttl)
            it = m_cursors.erase(it);
        else
            ++it;
    }
    const auto limit = static_cast<size_t>(std::max(1, m_options.maxCursorsPerUser));
    while (m_cursors.size() >= limit) {
        auto victim = m_cursors.end();
        for (auto it = m_cursors.begin(); it != m_cursors.end(); ++it) {
            // Finished cursors go first: dropping one costs a client nothing but a repeat.
            if (victim == m_cursors.end() || (it->second->finished && !victim->second->finished)
                || (it->second->finished == victim->second->finished
                    && it->second->lastUsedMs < victim->second->lastUsedMs))
                victim = it;
        }
        m_cursors.erase(victim);
    }
}

Response Emulator::query(const Request &req, const std::string &version, bool includeDeleted)
{
    if (!req.hasParam("q") || req.param("q").find_first_not_of(" \t\r\n") == std::string::npos)
        return errorResponse(400, "MALFORMED_QUERY", "A query string has to be specified");
    auto parsed = soql::parse(req.param("q"));
    if (!parsed)
        return errorResponse(400, parsed.error().code, parsed.error().message);
    const ObjectDef *obj = m_catalog.find(parsed.value().object);
    if (!obj) {
        const auto e = soql::invalidTypeError(parsed.value().object);
        return errorResponse(400, e.code, e.message);
    }
    auto compiled = soql::compile(parsed.value(), obj->schema, includeDeleted);
    if (!compiled)
        return errorResponse(400, compiled.error().code, compiled.error().message);
    const auto &cq = compiled.value();
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(m_store->db(), cq.sql.c_str(), static_cast<int>(cq.sql.size()), &st, nullptr) != SQLITE_OK) {
        const std::string msg = sqlite3_errmsg(m_store->db());
        sqlite3_finalize(st);
        return errorResponse(400, "MALFORMED_QUERY", "query could not be run: " + msg);
    }
    for (size_t i = 0; i < cq.params.size(); ++i) {
        const auto &v = cq.params[i];
        const int idx = static_cast<int>(i + 1);
        if (std::holds_alternative<int64_t>(v))
            sqlite3_bind_int64(st, idx, std::get<int64_t>(v));
        else if (std::holds_alternative<double>(v))
            sqlite3_bind_double(st, idx, std::get<double>(v));
        else if (std::holds_alternative<std::string>(v))
            sqlite3_bind_text(st, idx, std::get<std::string>(v).c_str(), -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, idx);
    }
    if (cq.isCount) {
        const int64_t count = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        return jsonResponse(200, "{\"totalSize\":" + std::to_string(count) + ",\"done\":true,\"records\":[]}");
    }
    auto cursor = std::make_unique<Cursor>();
    cursor->object = obj;
    for (const auto *f : cq.fields)
        cursor->fields.push_back(obj->fieldIndex(f->name));
    while (sqlite3_step(st) == SQLITE_ROW)
        cursor->rowids.push_back(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    cursor->batch = static_cast<size_t>(batchSize(req));
    cursor->lastUsedMs = nowMs();
    cursor->stuck = !m_faults.stuckQueries.empty()
                    && lowerAscii(req.param("q")).find(lowerAscii(m_faults.stuckQueries)) != std::string::npos;
    if (cursor->rowids.size() <= cursor->batch && !cursor->stuck)
        return jsonResponse(200, renderPage(*cursor, 0, version, {}));
    evictCursors();
    const std::string id = soql::makeId("01g", ++m_cursorCounter);
    Cursor &c = *cursor;
    m_cursors[id] = std::move(cursor);
    return jsonResponse(200, renderPage(c, 0, version, id));
}

Response Emulator::queryMore(const std::string &version, const std::string &locator)
{
    const size_t dash = locator.rfind('-');
    auto invalid = [] { return errorResponse(400, "INVALID_QUERY_LOCATOR", "invalid query locator"); };
    if (m_faults.failLocators)
        return invalid();
    if (dash == std::string::npos || dash + 1 >= locator.size() || locator.size() - dash > 12
        || locator.find_first_not_of("0123456789", dash + 1) != std::string::npos)
        return invalid();
    const auto it = m_cursors.find(locator.substr(0, dash));
    if (it == m_cursors.end())
        return invalid();
    Cursor &c = *it->second;
    const int64_t now = nowMs();
    if (now - c.lastUsedMs > int64_t{m_options.cursorIdleSeconds} * 1000) {
        m_cursors.erase(it);
        return invalid();
    }
    const size_t position = std::stoull(locator.substr(dash + 1));
    // A stuck cursor only ever hands out its first page's position, 0.
    const bool handedOut = c.stuck ? position == 0 : position != 0 && position < c.rowids.size();
    if (!handedOut)
        return invalid();
    c.lastUsedMs = now;
    return jsonResponse(200, renderPage(c, position, version, it->first));
}

Response Emulator::replication(const Request &req, const ObjectDef &obj, bool deleted)
{
    if (!req.hasParam("start") || !req.hasParam("end"))
        return errorResponse(400, "MISSING_ARGUMENT", "start and end must both be specified");
    const auto start = soql::parseDateTime(req.param("start"));
    const auto end = soql::parseDateTime(req.param("end"));
    if (!start || !end)
        return errorResponse(400, "INVALID_REPLICATION_DATE", "start and end must be ISO-8601 dateTime values");
    // Seconds are ignored: both ends round down to the minute.
    const int64_t s = *start - ((*start % 60000) + 60000) % 60000;
    const int64_t e = *end - ((*end % 60000) + 60000) % 60000;
    if (s >= e)
        return errorResponse(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate by more than one minute");
    const int64_t now = nowMs();
    const int64_t covered = std::min(e, now - ((now % 60000) + 60000) % 60000);
    sqlite3_stmt *st = m_store->statement("SELECT \"Id\", \"SystemModstamp\" FROM \"" + obj.schema.table
                                          + "\" WHERE \"IsDeleted\" = ? AND \"SystemModstamp\" >= ? AND "
                                            "\"SystemModstamp\" < ? ORDER BY \"SystemModstamp\", \"Id\" LIMIT 600001");
    const std::string from = soql::formatDateTime(s), to = soql::formatDateTime(covered);
    sqlite3_bind_int(st, 1, deleted ? 1 : 0);
    sqlite3_bind_text(st, 2, from.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to.c_str(), -1, SQLITE_TRANSIENT);
    json list = json::array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        const std::string id = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
        if (deleted)
            list.push_back({{"id", id}, {"deletedDate", reinterpret_cast<const char *>(sqlite3_column_text(st, 1))}});
        else
            list.push_back(id);
    }
    sqlite3_reset(st);
    if (list.size() > 600000)
        return errorResponse(400, "EXCEEDED_ID_LIMIT", "Too many ids were requested; narrow the time window");
    if (deleted)
        return jsonResponse(200, json{{"deletedRecords", list},
                                      {"earliestDateAvailable", soql::formatDateTime(m_lastPurgeMs ? m_lastPurgeMs - m_lastPurgeMs % 60000 : Seeder::kBaseMs)},
                                      {"latestDateCovered", to}});
    return jsonResponse(200, json{{"ids", list}, {"latestDateCovered", to}});
}

Response Emulator::sobjectRecord(const Request &req, const std::string &version, const ObjectDef &obj,
                                 const std::string &id)
{
    const std::string &method = req.method;
    if (method != "GET" && method != "HEAD" && method != "PATCH" && method != "DELETE")
        return methodNotAllowed(method, "GET,HEAD,PATCH,DELETE");
    bool deleted = false;
    const auto rowid = m_store->rowidForId(obj, id, &deleted);
    if (!rowid)
        return notFound();
    if (deleted)
        return errorResponse(404, "ENTITY_IS_DELETED", "entity is deleted");
    if (method == "GET" || method == "HEAD") {
        std::vector<int> fields;
        if (req.hasParam("fields")) {
            for (const auto &f : splitList(req.param("fields"))) {
                const int idx = obj.fieldIndex(f);
                if (idx < 0)
                    return errorResponse(400, "INVALID_FIELD", "No such column '" + f + "' on entity '" + obj.name() + "'");
                fields.push_back(idx);
            }
        } else {
            for (size_t i = 0; i < obj.schema.fields.size(); ++i)
                fields.push_back(static_cast<int>(i));
        }
        return jsonResponse(200, renderRecord(obj, *rowid, fields, version));
    }
    if (method == "DELETE") {
        m_store->softDelete(obj, *rowid, nowIso());
        return noContent();
    }
    json body;
    if (!parseBody(req.body, &body))
        return jsonParserError();
    if (!body.is_object())
        return jsonParserError("Expected a JSON object");
    body.erase("Id");
    body.erase("id");
    OrgStore::Savepoint savepoint(*m_store);
    if (auto err = m_store->update(obj, *rowid, body, nowIso()))
        return errorResponse(400, err->code, err->message, err->fields);
    savepoint.release();
    return noContent();
}

Response Emulator::sobjectByExternalId(const Request &req, const std::string &version, const ObjectDef &obj,
                                       const std::string &field, const std::string &value)
{
    const int idx = obj.fieldIndex(field);
    const std::string canonical = idx >= 0 ? obj.schema.fields[static_cast<size_t>(idx)].name : field;
    if (idx < 0 || (!obj.isExternalId(canonical) && canonical != "Id"))
        return errorResponse(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + field);
    const std::string &method = req.method;
    if (canonical == "Id") {
        if (method == "PATCH") {
            Request copy = req;
            return sobjectRecord(copy, version, obj, value);
        }
        return sobjectRecord(req, version, obj, value);
    }
    const auto matches = m_store->rowidsForValue(obj, canonical, value, false);
    if (method == "GET" || method == "HEAD" || method == "DELETE") {
        if (matches.empty())
            return notFound();
        if (matches.size() > 1) {
            json list = json::array();
            for (auto r : matches)
                list.push_back(sobjectUrl(version, obj.name(), std::string(idOfJson(m_store->recordJson(obj, r)))));
            return jsonResponse(300, list);
        }
        if (method == "DELETE") {
            m_store->softDelete(obj, matches.front(), nowIso());
            return noContent();
        }
        std::vector<int> fields;
        for (size_t i = 0; i < obj.schema.fields.size(); ++i)
            fields.push_back(static_cast<int>(i));
        return jsonResponse(200, renderRecord(obj, matches.front(), fields, version));
    }
    if (method != "PATCH" && method != "POST")
        return methodNotAllowed(method, "GET,HEAD,PATCH,DELETE");
    json body;
    if (!parseBody(req.body, &body))
        return jsonParserError();
    if (!body.is_object())
        return jsonParserError("Expected a JSON object");
    if (matches.size() > 1) {
        json list = json::array();
        for (auto r : matches)
            list.push_back(sobjectUrl(version, obj.name(), std::string(idOfJson(m_store->recordJson(obj, r)))));
        return jsonResponse(300, list);
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (soql::equalsIgnoreCase(it.key(), canonical)) {
            if (!it->is_string() || it->get<std::string>() != value)
                return errorResponse(400, "INVALID_FIELD",
                                     "The external ID field " + canonical + " in the body does not match the URL", {canonical});
            body.erase(it);
            break;
        }
    }
    if (matches.empty() && req.param("updateOnly") == "true")
        return notFound();
    OrgStore::Savepoint savepoint(*m_store);
    if (matches.empty()) {
        body[canonical] = value;
        std::string id;
        if (auto err = m_store->create(obj, body, nowIso(), &id))
            return errorResponse(400, err->code, err->message, err->fields);
        savepoint.release();
        json r = success(id);
        r["created"] = true;
        return jsonResponse(201, r);
    }
    if (auto err = m_store->update(obj, matches.front(), body, nowIso()))
        return errorResponse(400, err->code, err->message, err->fields);
    savepoint.release();
    json r = success(std::string(idOfJson(m_store->recordJson(obj, matches.front()))));
    r["created"] = false;
    return jsonResponse(200, r);
}

json Emulator::upsertOne(const ObjectDef &obj, const std::string &field, const json &record, bool *failed)
{
    *failed = true;
    std::string value;
    json body = record;
    for (auto f = body.begin(); f != body.end(); ++f) {
        if (soql::equalsIgnoreCase(f.key(), field)) {
            if (f->is_string())
                value = f->get<std::string>();
            else if (f->is_number())
                value = f->dump();
            body.erase(f);
            break;
        }
    }
    if (value.empty())
        return failure(recordError("MISSING_ARGUMENT", field + " not specified", {field}));
    const auto matches = m_store->rowidsForValue(obj, field, value, false);
    if (matches.size() > 1)
        return failure(recordError("DUPLICATE_EXTERNAL_ID",
                                   "The external ID " + field + " = " + value + " matches more than one record", {field}));
    if (matches.empty()) {
        body[field] = value;
        std::string id;
        if (auto err = m_store->create(obj, body, nowIso(), &id))
            return failure(*err);
        *failed = false;
        json r = success(id);
        r["created"] = true;
        return r;
    }
    if (auto err = m_store->update(obj, matches.front(), body, nowIso()))
        return failure(*err);
    *failed = false;
    json r = success(std::string(idOfJson(m_store->recordJson(obj, matches.front()))));
    r["created"] = false;
    return r;
}

json Emulator::writeRecords(const std::string &op, const ObjectDef *fixedObject, const std::string &extField,
                            const json &records, bool allOrNone)
{
    json results = json::array();
    std::vector<bool> failed;
    const std::string now = nowIso();
    OrgStore::Savepoint savepoint(*m_store);
    for (const auto &rec : records) {
        bool bad = true;
        json result;
        const ObjectDef *obj = fixedObject;
        if (op == "delete") {
            const std::string id = rec.is_string() ? rec.get<std::string>() : std::string();
            const auto norm = soql::normalizeId(id);
            obj = norm ? m_catalog.findByPrefix(*norm) : nullptr;
            bool deleted = false;
            const auto rowid = obj ? m_store->rowidForId(*obj, id, &deleted) : std::nullopt;
            if (!norm)
                result = failure(recordError("MALFORMED_ID", "malformed id " + id));
            else if (!rowid)
                result = failure(recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
            else if (deleted || !m_store->softDelete(*obj, *rowid, now))
                result = failure(recordError("ENTITY_IS_DELETED", "entity is deleted"));
            else {
                result = success(*norm);
                bad = false;
            }
            if (bad && norm)
                result["id"] = *norm;
            results.push_back(result);
            failed.push_back(bad);
            continue;
        }
        if (!rec.is_object()) {
            results.push_back(failure(recordError("JSON_PARSER_ERROR", "Each record must be a JSON object")));
            failed.push_back(true);
            continue;
        }
        if (!obj) {
            const auto attrs = rec.find("attributes");
            if (attrs != rec.end() && attrs->is_object() && attrs->contains("type") && (*attrs)["type"].is_string())
                obj = m_catalog.find((*attrs)["type"].get<std::string>());
            if (!obj) {
                results.push_back(failure(recordError(
                    "INVALID_TYPE", attrs == rec.end() ? "Missing attributes.type on record" : "sObject type is not supported")));
                failed.push_back(true);
                continue;
            }
        }
        if (op == "create") {
            std::string id;
            if (auto err = m_store->create(*obj, rec, now, &id))
                result = failure(*err);
            else {
                result = success(id);
                bad = false;
            }
        } else if (op == "update") {
            json body = rec;
            std::string id;
            for (const char *key : {"Id", "id", "ID", "iD"}) {
                if (body.contains(key)) {
                    if (body[key].is_string())
                        id = body[key].get<std::string>();
                    body.erase(key);
                }
            }
            bool deleted = false;
            const auto norm = soql::normalizeId(id);
            const auto rowid = norm ? m_store->rowidForId(*obj, id, &deleted) : std::nullopt;
            if (id.empty())
                result = failure(recordError("MISSING_ARGUMENT", "Id not specified in an update call"));
            else if (!norm)
                result = failure(recordError("MALFORMED_ID", "malformed id " + id));
            else if (!rowid)
                result = failure(recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
            else if (deleted)
                result = failure(recordError("ENTITY_IS_DELETED", "entity is deleted"));
            else if (auto err = m_store->update(*obj, *rowid, body, now))
                result = failure(*err);
            else {
                result = success(*norm);
                bad = false;
            }
        } else {
            result = upsertOne(*obj, extField, rec, &bad);
        }
        results.push_back(result);
        failed.push_back(bad);
    }
    const bool anyFailed = std::find(failed.begin(), failed.end(), true) != failed.end();
    if (allOrNone && anyFailed) {
        // The savepoint is left unreleased: its scope's end rolls every record back.
        for (size_t i = 0; i < results.size(); ++i) {
            if (!failed[i]) {
                results[i] = failure(recordError("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                                 "Record rolled back because not all records were valid and the "
                                                 "request was using AllOrNone header"));
            }
        }
    } else {
        savepoint.release();
    }
    return results;
}

Response Emulator::collections(const Request &req, const std::string &version, const std::vector<std::string> &seg)
{
    const std::string &method = req.method;
    const size_t n = seg.size();
    auto tooMany = [] {
        return errorResponse(400, "EXCEEDED_ID_LIMIT",
                             "record limit reached. cannot submit more than 200 records into this call");
    };
    const ObjectDef *obj = n >= 3 ? m_catalog.find(seg[2]) : nullptr;
    if (n >= 3 && !obj)
        return notFound();
    if (n == 2 && method == "DELETE") {
        const auto ids = splitList(req.param("ids"));
        if (ids.empty())
            return errorResponse(400, "MISSING_ARGUMENT", "ids must be specified");
        if (ids.size() > kMaxCollection)
            return tooMany();
        return jsonResponse(200, writeRecords("delete", nullptr, {}, json(ids), lowerAscii(req.param("allOrNone")) == "true"));
    }
    if ((n == 2 && (method == "POST" || method == "PATCH")) || (n == 4 && method == "PATCH")) {
        json body;
        if (!parseBody(req.body, &body))
            return jsonParserError();
        if (!body.is_object() || !body.contains("records") || !body["records"].is_array())
            return jsonParserError("The request body must be an object with a records array");
        const json &records = body["records"];
        if (records.size() > kMaxCollection)
            return tooMany();
        const bool allOrNone = body.contains("allOrNone") && body["allOrNone"].is_boolean() && body["allOrNone"].get<bool>();
        if (n == 4) {
            const int idx = obj->fieldIndex(seg[3]);
            if (idx < 0 || !obj->isExternalId(obj->schema.fields[static_cast<size_t>(idx)].name))
                return errorResponse(400, "INVALID_FIELD",
                                     "Provided external ID field does not exist or is not accessible: " + seg[3]);
            return jsonResponse(200, writeRecords("upsert", obj, obj->schema.fields[static_cast<size_t>(idx)].name, records, allOrNone));
        }
        return jsonResponse(200, writeRecords(method == "POST" ? "create" : "update", nullptr, {}, records, allOrNone));
    }
    if (n == 3 && (method == "POST" || method == "GET")) {
        std::vector<std::string> ids, fieldNames;
        if (method == "POST") {
            json body;
            if (!parseBody(req.body, &body) || !body.is_object())
                return jsonParserError();
            try {
                ids = body.value("ids", std::vector<std::string>{});
                fieldNames = body.value("fields", std::vector<std::string>{});
            } catch (const json::exception &) {
                return jsonParserError("ids and fields must be arrays of strings");
            }
        } else {
            ids = splitList(req.param("ids"));
            fieldNames = splitList(req.param("fields"));
        }
        if (ids.size() > 2000)
            return tooMany();
        std::vector<int> fields;
        for (const auto &f : fieldNames) {
            const int idx = obj->fieldIndex(f);
            if (idx < 0)
                return errorResponse(400, "INVALID_FIELD", "No such column '" + f + "' on entity '" + obj->name() + "'");
            fields.push_back(idx);
        }
        if (fields.empty())
            fields.push_back(0);
        std::string out = "[";
        for (size_t i = 0; i < ids.size(); ++i) {
            if (i)
                out += ",";
            bool deleted = false;
            const auto rowid = m_store->rowidForId(*obj, ids[i], &deleted);
            out += rowid && !deleted ? renderRecord(*obj, *rowid, fields, version) : "null";
        }
        return jsonResponse(200, out + "]");
    }
    return methodNotAllowed(method, n == 2 ? "POST,PATCH,DELETE" : n == 3 ? "GET,POST" : "PATCH");
}

namespace {
// Resolves "id" or "records[0].Id" inside a previous subrequest's body.
const json *resolvePath(const json &root, const std::string &path)
{
    const json *cur = &root;
    size_t pos = 0;
    while (pos < path.size()) {
        size_t end = path.find_first_of(".[", pos);
        if (end == std::string::npos)
            end = path.size();
        if (end > pos) {
            const std::string key = path.substr(pos, end - pos);
            if (!cur->is_object() || !cur->contains(key))
                return nullptr;
            cur = &(*cur)[key];
        }
        pos = end;
        if (pos < path.size() && path[pos] == '[') {
            const size_t close = path.find(']', pos);
            if (close == std::string::npos || close == pos + 1 || close - pos > 8)
                return nullptr;
            const std::string digits = path.substr(pos + 1, close - pos - 1);
            if (digits.find_first_not_of("0123456789") != std::string::npos || !cur->is_array())
                return nullptr;
            const size_t index = std::stoul(digits);
            if (index >= cur->size())
                return nullptr;
            cur = &(*cur)[index];
            pos = close + 1;
        }
        if (pos < path.size() && path[pos] == '.')
            ++pos;
    }
    return cur;
}

bool substituteRefs(std::string &text, const std::map<std::string, json> &bodies)
{
    size_t pos = 0;
    while ((pos = text.find("@{", pos)) != std::string::npos) {
        const size_t close = text.find('}', pos);
        if (close == std::string::npos)
            return false;
        const std::string ref = text.substr(pos + 2, close - pos - 2);
        const size_t dot = ref.find_first_of(".[");
        const auto it = bodies.find(ref.substr(0, dot));
        if (it == bodies.end())
            return false;
        const json *value = dot == std::string::npos ? &it->second : resolvePath(it->second, ref.substr(dot + (ref[dot] == '.' ? 1 : 0)));
        if (!value || value->is_structured())
            return false;
        const std::string replacement = value->is_string() ? value->get<std::string>() : value->dump();
        text.replace(pos, close - pos + 1, replacement);
        pos += replacement.size();
    }
    return true;
}
} // namespace

Response Emulator::composite(const Request &req)
{
    json body;
    if (!parseBody(req.body, &body))
        return jsonParserError();
    if (!body.is_object() || !body.contains("compositeRequest") || !body["compositeRequest"].is_array())
        return jsonParserError("The request body must be an object with a compositeRequest array");
    const json &subs = body["compositeRequest"];
    if (subs.size() > kMaxComposite)
        return errorResponse(400, "LIMIT_EXCEEDED", "Composite request can contain at most 25 subrequests");
    const bool allOrNone = body.contains("allOrNone") && body["allOrNone"].is_boolean() && body["allOrNone"].get<bool>();
    json out = json::array();
    std::map<std::string, json> bodies;
    bool halted = false;
    OrgStore::Savepoint savepoint(*m_store);
    static const std::regex urlRe("^/services/data/v([0-9]{1,4}\\.[0-9]{1,2})(/.*)?$");
    for (const auto &sub : subs) {
        std::string refId = sub.is_object() && sub.contains("referenceId") && sub["referenceId"].is_string()
                                ? sub["referenceId"].get<std::string>() : std::string();
        json entry = {{"httpHeaders", json::object()}, {"referenceId", refId}};
        if (halted) {
            entry["httpStatusCode"] = 400;
            entry["body"] = json::array({{{"errorCode", "PROCESSING_HALTED"},
                                          {"message", "The transaction was rolled back since another operation in the same transaction failed."}}});
            out.push_back(entry);
            continue;
        }
        Response r;
        if (!sub.is_object() || !sub.contains("method") || !sub["method"].is_string() || !sub.contains("url")
            || !sub["url"].is_string()) {
            r = errorResponse(400, "INVALID_INPUT", "Each subrequest needs method, url and referenceId");
        } else {
            std::string url = sub["url"].get<std::string>();
            std::string subBody = sub.contains("body") ? sub["body"].dump() : std::string();
            if (!substituteRefs(url, bodies) || !substituteRefs(subBody, bodies)) {
                r = errorResponse(400, "PROCESSING_HALTED", "Invalid reference specified. No value for " + url + " found");
            } else {
                Request inner = Request::fromTarget(sub["method"].get<std::string>(), url);
                inner.body = subBody;
                inner.headers = req.headers;
                std::smatch m;
                if (!std::regex_match(inner.path, m, urlRe))
                    r = notFound();
                else {
                    std::vector<std::string> seg;
                    std::string rest = m[2].str();
                    if (!rest.empty()) {
                        rest.erase(0, 1);
                        if (!rest.empty() && rest.back() == '/')
                            rest.pop_back();
                        size_t pos = 0;
                        while (!rest.empty() && pos <= rest.size()) {
                            size_t slash = rest.find('/', pos);
                            if (slash == std::string::npos)
                                slash = rest.size();
                            seg.push_back(rest.substr(pos, slash - pos));
                            pos = slash + 1;
                        }
                    }
                    if (!seg.empty() && seg[0] == "composite" && seg.size() == 1)
                        r = errorResponse(400, "INVALID_INPUT", "composite cannot be nested");
                    else
                        r = dataRoute(inner, m[1].str(), seg);
                }
            }
        }
        entry["httpStatusCode"] = r.status;
        json parsed = r.body.empty() ? json(nullptr) : json::parse(r.body, nullptr, false);
        entry["body"] = parsed.is_discarded() ? json(r.body) : parsed;
        if (const std::string loc = r.header("Location"); !loc.empty())
            entry["httpHeaders"]["Location"] = loc;
        if (!refId.empty())
            bodies[refId] = entry["body"];
        out.push_back(entry);
        if (r.status >= 400 && allOrNone)
            halted = true;
    }
    if (halted) {
        // Left unreleased: the end of the scope rolls every subrequest back.
        for (auto &e : out) {
            if (e["httpStatusCode"].get<int>() < 400) {
                e["httpStatusCode"] = 400;
                e["body"] = json::array({{{"errorCode", "PROCESSING_HALTED"},
                                          {"message", "The transaction was rolled back since another operation in the same transaction failed."}}});
            }
        }
    } else {
        savepoint.release();
    }
    return jsonResponse(200, json{{"compositeResponse", out}});
}

Response Emulator::limits()
{
    return jsonResponse(200, json{{"DailyApiRequests", {{"Max", m_dailyLimit}, {"Remaining", std::max<int64_t>(0, m_dailyLimit - m_apiCalls)}}},
                                  {"DataStorageMB", {{"Max", 1024}, {"Remaining", 1000}}},
                                  {"ConcurrentAsyncGetReportInstances", {{"Max", 200}, {"Remaining", 200}}}});
}

Response Emulator::admin(const Request &req)
{
    const std::string &p = req.path;
    const std::string &method = req.method;
    json body;
    const bool hasBody = !req.body.empty();
    if (hasBody && !parseBody(req.body, &body))
        return jsonParserError();
    std::string error;
    if (p == "/__admin/stats" || p == "/__admin/counters")
        return jsonResponse(200, statsLocked());
    if (p == "/__admin/faults") {
        if (method == "GET")
            return jsonResponse(200, m_faults.toJson());
        if (method != "POST" && method != "PATCH")
            return methodNotAllowed(method, "GET,POST");
        FaultConfig c = m_faults;
        if (!c.apply(hasBody ? body : json::object(), &error))
            return errorResponse(400, "INVALID_INPUT", error);
        if (hasBody && body.contains("seed"))
            m_rng.seed(c.seed);
        m_faults = c;
        return jsonResponse(200, m_faults.toJson());
    }
    if (method != "POST" && method != "PATCH" && method != "DELETE")
        return methodNotAllowed(method, "POST");
    if (p == "/__admin/faults/reset") {
        m_faults = FaultConfig{};
        m_rng.seed(m_faults.seed);
        return jsonResponse(200, m_faults.toJson());
    }
    if (p == "/__admin/fail-next") {
        json settings = {{"failNextCount", hasBody && body.is_object() ? body.value("count", 1) : 1}};
        if (hasBody && body.is_object() && body.contains("mode"))
            settings["failNextMode"] = body["mode"];
        if (hasBody && body.is_object() && body.contains("pathContains"))
            settings["failPathContains"] = body["pathContains"];
        FaultConfig c = m_faults;
        try {
            if (!c.apply(settings, &error))
                return errorResponse(400, "INVALID_INPUT", error);
        } catch (const json::exception &e) {
            return errorResponse(400, "INVALID_INPUT", e.what());
        }
        m_faults = c;
        return jsonResponse(200, m_faults.toJson());
    }
    if (p == "/__admin/cursors/expire") {
        m_cursors.clear();
        return jsonResponse(200, json{{"openCursors", 0}});
    }
    if (p == "/__admin/tokens/expire") {
        m_tokens.clear();
        return jsonResponse(200, json{{"expired", true}});
    }
    if (p == "/__admin/tokens")
        return jsonResponse(200, json{{"access_token", issueAccessTokenLocked()}});
    if (p == "/__admin/limits/exhaust") {
        m_apiCalls = m_dailyLimit;
        return jsonResponse(200, statsLocked());
    }
    if (p == "/__admin/limits") {
        if (!body.is_object())
            return errorResponse(400, "INVALID_INPUT", "expected {\"apiCalls\":N,\"dailyApiLimit\":M}");
        if (body.contains("apiCalls") && body["apiCalls"].is_number_integer())
            m_apiCalls = std::max<int64_t>(0, body["apiCalls"].get<int64_t>());
        if (body.contains("dailyApiLimit") && body["dailyApiLimit"].is_number_integer())
            m_dailyLimit = std::max<int64_t>(0, body["dailyApiLimit"].get<int64_t>());
        return jsonResponse(200, statsLocked());
    }
    if (p == "/__admin/clock") {
        if (!body.is_object() || !body.contains("advanceSeconds") || !body["advanceSeconds"].is_number_integer())
            return errorResponse(400, "INVALID_INPUT", "expected {\"advanceSeconds\":N}");
        const int64_t seconds = body["advanceSeconds"].get<int64_t>();
        if (seconds < 0 || seconds > 100LL * 365 * 86400)
            return errorResponse(400, "INVALID_INPUT", "advanceSeconds must be between 0 and 100 years");
        m_clockOffsetMs += seconds * 1000;
        return jsonResponse(200, json{{"now", nowIso()}});
    }
    if (p == "/__admin/purge") {
        const ObjectDef *obj = nullptr;
        if (body.is_object() && body.contains("object") && body["object"].is_string()) {
            obj = m_catalog.find(body["object"].get<std::string>());
            if (!obj)
                return errorResponse(400, "INVALID_TYPE", "unknown object");
        }
        const int64_t purged = m_store->purgeDeleted(obj);
        m_lastPurgeMs = nowMs();
        return jsonResponse(200, json{{"purged", purged}});
    }
    static const std::string recordsPrefix = "/__admin/records/";
    if (p.rfind(recordsPrefix, 0) == 0) {
        const ObjectDef *obj = m_catalog.find(p.substr(recordsPrefix.size()));
        if (!obj)
            return errorResponse(404, "INVALID_TYPE", "unknown object " + p.substr(recordsPrefix.size()));
        if (method == "DELETE") {
            json ids = json::array();
            if (body.is_object() && body.contains("ids") && body["ids"].is_array())
                ids = body["ids"];
            else if (body.is_array())
                ids = body;
            else
                for (const auto &id : splitList(req.param("ids")))
                    ids.push_back(id);
            return jsonResponse(200, writeRecords("delete", nullptr, {}, ids, false));
        }
        json records = body.is_object() && body.contains("records") ? body["records"] : body;
        if (!records.is_array())
            return errorResponse(400, "INVALID_INPUT", "expected a JSON array of records");
        return jsonResponse(200, writeRecords(method == "POST" ? "create" : "update", obj, {}, records, false));
    }
    return notFound();
}

FaultConfig Emulator::faults() const
{
    std::lock_guard lock(m_mutex);
    return m_faults;
}

bool Emulator::setFaults(const json &settings, std::string *error)
{
    std::lock_guard lock(m_mutex);
    FaultConfig c = m_faults;
    std::string ignored;
    if (!c.apply(settings, error ? error : &ignored))
        return false;
    if (settings.is_object() && settings.contains("seed"))
        m_rng.seed(c.seed);
    m_faults = c;
    return true;
}

void Emulator::setFaults(const FaultConfig &faults)
{
    std::lock_guard lock(m_mutex);
    m_faults = faults;
    m_rng.seed(faults.seed);
}

void Emulator::resetFaults()
{
    setFaults(FaultConfig{});
}

void Emulator::failNext(int count, const std::string &mode, const std::string &pathContains)
{
    std::lock_guard lock(m_mutex);
    m_faults.failNextCount = std::max(0, count);
    m_faults.failNextMode = FaultConfig::validMode(mode) ? mode : "500";
    m_faults.failPathContains = pathContains;
}

void Emulator::expireAllCursors()
{
    std::lock_guard lock(m_mutex);
    m_cursors.clear();
}

void Emulator::expireAllTokens()
{
    std::lock_guard lock(m_mutex);
    m_tokens.clear();
}

void Emulator::exhaustRequestLimit()
{
    std::lock_guard lock(m_mutex);
    m_apiCalls = m_dailyLimit;
}

void Emulator::setApiCalls(int64_t calls)
{
    std::lock_guard lock(m_mutex);
    m_apiCalls = std::max<int64_t>(0, calls);
}

void Emulator::setDailyApiLimit(int64_t limit)
{
    std::lock_guard lock(m_mutex);
    m_dailyLimit = std::max<int64_t>(0, limit);
}

int64_t Emulator::apiCalls() const
{
    std::lock_guard lock(m_mutex);
    return m_apiCalls;
}

int Emulator::openCursorCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_cursors.size());
}

void Emulator::advanceClock(int64_t seconds)
{
    std::lock_guard lock(m_mutex);
    m_clockOffsetMs += std::clamp<int64_t>(seconds, 0, 100LL * 365 * 86400) * 1000;
}

json Emulator::insertRecords(const std::string &object, const json &records)
{
    std::lock_guard lock(m_mutex);
    const ObjectDef *obj = m_catalog.find(object);
    if (!obj || !records.is_array())
        return json::array();
    return writeRecords("create", obj, {}, records, false);
}

json Emulator::updateRecords(const std::string &object, const json &records)
{
    std::lock_guard lock(m_mutex);
    const ObjectDef *obj = m_catalog.find(object);
    if (!obj || !records.is_array())
        return json::array();
    return writeRecords("update", obj, {}, records, false);
}

json Emulator::deleteRecords(const std::string &, const std::vector<std::string> &ids)
{
    std::lock_guard lock(m_mutex);
    return writeRecords("delete", nullptr, {}, json(ids), false);
}

int64_t Emulator::purge(const std::string &object)
{
    std::lock_guard lock(m_mutex);
    const ObjectDef *obj = object.empty() ? nullptr : m_catalog.find(object);
    if (!object.empty() && !obj)
        return 0;
    m_lastPurgeMs = nowMs();
    return m_store->purgeDeleted(obj);
}

std::map<std::string, ObjectCount> Emulator::counts()
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, ObjectCount> out;
    for (const auto &o : m_catalog.objects())
        out[o.name()] = {m_store->count(o, false), m_store->count(o, true)};
    return out;
}

json Emulator::stats()
{
    std::lock_guard lock(m_mutex);
    return statsLocked();
}

json Emulator::statsLocked()
{
    json objects = json::object();
    for (const auto &o : m_catalog.objects())
        objects[o.name()] = {{"live", m_store->count(o, false)}, {"deleted", m_store->count(o, true)}};
    return {{"apiCalls", m_apiCalls},
            {"dailyApiLimit", m_dailyLimit},
            {"openCursors", m_cursors.size()},
            {"faults", m_faults.toJson()},
            {"readyJsonBytes", m_store->readyJsonBytes()},
            {"objects", objects}};
}

} // namespace emu
