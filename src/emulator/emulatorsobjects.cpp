// SPDX-License-Identifier: MIT
// Emulator routes under /sobjects (describe, single records, external Ids, /deleted and /updated)
// and /composite/sobjects (collections and retrieve).
#include "emulator/emulator.h"

#include "emulator/orgstore.h"
#include "emulator/recordrenderer.h"
#include "emulator/recordwriter.h"
#include "emulator/seeder.h"
#include "soql/soql.h"

namespace emu {

using nlohmann::json;

namespace {
constexpr size_t kMaxCollection = 200;
} // namespace

Response Emulator::sobjects(const Request &req, const std::string &version, const std::vector<std::string> &seg)
{
    const std::string &method = req.method;
    const bool get = method == "GET" || method == "HEAD";
    const size_t n = seg.size();
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
    const std::string from = soql::formatDateTime(s), to = soql::formatDateTime(covered);
    json list = json::array();
    for (const auto &[id, modstamp] : m_store->modstampRange(obj, deleted, from, to, 600001)) {
        if (deleted)
            list.push_back({{"id", id}, {"deletedDate", modstamp}});
        else
            list.push_back(id);
    }
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
            fields = RecordRenderer::allFields(obj);
        }
        return jsonResponse(200, m_renderer->record(obj, *rowid, fields, version));
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
        return jsonResponse(200, m_renderer->record(obj, matches.front(), RecordRenderer::allFields(obj), version));
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
        return jsonResponse(200, m_writer->write(RecordWriter::Op::Delete, nullptr, {}, json(ids),
                                                  lowerAscii(req.param("allOrNone")) == "true", nowIso()));
    }
    if ((n == 2 && (method == "POST" || method == "PATCH")) || (n == 4 && method == "PATCH")) {
        json records;
        bool allOrNone = false;
        if (auto refusal = parseBatchBody(req.body, "records", &records, &allOrNone))
            return std::move(*refusal);
        if (records.size() > kMaxCollection)
            return tooMany();
        if (n == 4) {
            const int idx = obj->fieldIndex(seg[3]);
            if (idx < 0 || !obj->isExternalId(obj->schema.fields[static_cast<size_t>(idx)].name))
                return errorResponse(400, "INVALID_FIELD",
                                     "Provided external ID field does not exist or is not accessible: " + seg[3]);
            return jsonResponse(200, m_writer->write(RecordWriter::Op::Upsert, obj,
                                                      obj->schema.fields[static_cast<size_t>(idx)].name, records,
                                                      allOrNone, nowIso()));
        }
        return jsonResponse(200, m_writer->write(method == "POST" ? RecordWriter::Op::Create : RecordWriter::Op::Update,
                                                  nullptr, {}, records, allOrNone, nowIso()));
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
            out += rowid && !deleted ? m_renderer->record(*obj, *rowid, fields, version) : "null";
        }
        return jsonResponse(200, out + "]");
    }
    return methodNotAllowed(method, n == 2 ? "POST,PATCH,DELETE" : n == 3 ? "GET,POST" : "PATCH");
}

} // namespace emu
