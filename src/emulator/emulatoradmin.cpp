// SPDX-License-Identifier: MIT
// Emulator's control surface: the /__admin/... routes (loopback only) and their in-process twins
// (faults, cursors, tokens, limits, clock, bulk writes, purge, stats).
#include "emulator/emulator.h"

#include "emulator/orgstore.h"
#include "emulator/querycursors.h"
#include "emulator/recordrenderer.h"
#include "emulator/recordwriter.h"

#include <algorithm>

namespace emu {

using nlohmann::json;

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
        m_queries->expireAll();
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
            return jsonResponse(200, m_writer->write(RecordWriter::Op::Delete, nullptr, {}, ids, false, nowIso()));
        }
        json records = body.is_object() && body.contains("records") ? body["records"] : body;
        if (!records.is_array())
            return errorResponse(400, "INVALID_INPUT", "expected a JSON array of records");
        return jsonResponse(200, m_writer->write(method == "POST" ? RecordWriter::Op::Create : RecordWriter::Op::Update,
                                                 obj, {}, records, false, nowIso()));
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
    m_queries->expireAll();
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
    return static_cast<int>(m_queries->openCount());
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
    return m_writer->write(RecordWriter::Op::Create, obj, {}, records, false, nowIso());
}

json Emulator::updateRecords(const std::string &object, const json &records)
{
    std::lock_guard lock(m_mutex);
    const ObjectDef *obj = m_catalog.find(object);
    if (!obj || !records.is_array())
        return json::array();
    return m_writer->write(RecordWriter::Op::Update, obj, {}, records, false, nowIso());
}

json Emulator::deleteRecords(const std::string &, const std::vector<std::string> &ids)
{
    std::lock_guard lock(m_mutex);
    return m_writer->write(RecordWriter::Op::Delete, nullptr, {}, json(ids), false, nowIso());
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

void Emulator::setRenderFromColumns(bool fromColumns)
{
    std::lock_guard lock(m_mutex);
    m_renderer->setFromColumns(fromColumns);
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
            {"openCursors", m_queries->openCount()},
            {"tokensIssued", m_tokenCounter},
            {"tokensExpired", m_tokensExpired},
            {"faults", m_faults.toJson()},
            {"readyJsonBytes", m_store->readyJsonBytes()},
            {"objects", objects}};
}

} // namespace emu
