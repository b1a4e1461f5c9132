// SPDX-License-Identifier: MIT
// QueryCursors: SOQL to rowids (through OrgStore), cursors with TTL and cap, page envelopes.
#include "emulator/querycursors.h"

#include "emulator/orgstore.h"
#include "emulator/responses.h"
#include "soql/soql.h"

#include <algorithm>

namespace emu {

struct QueryCursors::Cursor
{
    const ObjectDef *object = nullptr;
    std::vector<int> fields; // field indexes in SELECT order
    std::vector<int64_t> rowids;
    size_t batch = 2000;
    int64_t lastUsedMs = 0;
    bool finished = false;
    bool stuck = false; // fault "stuckQueries": every page leads back to itself
};

QueryCursors::QueryCursors(OrgStore &store, const ObjectCatalog &catalog, const EmulatorOptions &options,
                           RecordRenderer &renderer)
    : m_store(store)
    , m_catalog(catalog)
    , m_options(options)
    , m_renderer(renderer)
{
}

QueryCursors::~QueryCursors() = default;

void QueryCursors::expireAll()
{
    m_cursors.clear();
}

int QueryCursors::batchSize(const Request &req) const
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

std::string QueryCursors::renderPage(Cursor &c, size_t position, const std::string &version,
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
    m_renderer.appendRecords(out, *c.object, std::span<const int64_t>(c.rowids).subspan(position, end - position),
                             c.fields, version);
    out += "]}";
    if (done)
        c.finished = true;
    return out;
}

void QueryCursors::evict(int64_t now)
{
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

Response QueryCursors::query(const Request &req, const std::string &version, bool includeDeleted,
                             const FaultConfig &faults, int64_t nowMs)
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
    auto cursor = std::make_unique<Cursor>();
    int64_t count = 0;
    std::string error;
    if (!m_store.runQuery(cq, &cursor->rowids, &count, &error))
        return errorResponse(400, "MALFORMED_QUERY", "query could not be run: " + error);
    if (cq.isCount)
        return jsonResponse(200, "{\"totalSize\":" + std::to_string(count) + ",\"done\":true,\"records\":[]}");
    cursor->object = obj;
    for (const auto *f : cq.fields)
        cursor->fields.push_back(obj->fieldIndex(f->name));
    cursor->batch = static_cast<size_t>(batchSize(req));
    cursor->lastUsedMs = nowMs;
    cursor->stuck = !faults.stuckQueries.empty()
                    && lowerAscii(req.param("q")).find(lowerAscii(faults.stuckQueries)) != std::string::npos;
    if (cursor->rowids.size() <= cursor->batch && !cursor->stuck)
        return jsonResponse(200, renderPage(*cursor, 0, version, {}));
    evict(nowMs);
    const std::string id = soql::makeId("01g", ++m_cursorCounter);
    Cursor &c = *cursor;
    m_cursors[id] = std::move(cursor);
    return jsonResponse(200, renderPage(c, 0, version, id));
}

Response QueryCursors::queryMore(const std::string &version, const std::string &locator, const FaultConfig &faults,
                                 int64_t nowMs)
{
    const size_t dash = locator.rfind('-');
    auto invalid = [] { return errorResponse(400, "INVALID_QUERY_LOCATOR", "invalid query locator"); };
    if (faults.failLocators)
        return invalid();
    if (dash == std::string::npos || dash + 1 >= locator.size() || locator.size() - dash > 12
        || locator.find_first_not_of("0123456789", dash + 1) != std::string::npos)
        return invalid();
    const auto it = m_cursors.find(locator.substr(0, dash));
    if (it == m_cursors.end())
        return invalid();
    Cursor &c = *it->second;
    if (nowMs - c.lastUsedMs > int64_t{m_options.cursorIdleSeconds} * 1000) {
        m_cursors.erase(it);
        return invalid();
    }
    const size_t position = std::stoull(locator.substr(dash + 1));
    // A stuck cursor only ever hands out its first page's position, 0.
    const bool handedOut = c.stuck ? position == 0 : position != 0 && position < c.rowids.size();
    if (!handedOut)
        return invalid();
    c.lastUsedMs = nowMs;
    return jsonResponse(200, renderPage(c, position, version, it->first));
}

} // namespace emu
