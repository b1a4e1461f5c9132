// SPDX-License-Identifier: MIT
// RecordWriter: one savepoint per call, one result per record, in order.
#include "emulator/recordwriter.h"

#include "emulator/orgstore.h"
#include "emulator/responses.h"
#include "soql/ids.h"
#include "soql/schema.h"

#include <algorithm>

namespace emu {

using nlohmann::json;

RecordWriter::RecordWriter(OrgStore &store, const ObjectCatalog &catalog)
    : m_store(store)
    , m_catalog(catalog)
{
}

json RecordWriter::write(Op op, const ObjectDef *fixedObject, const std::string &extField, const json &records,
                         bool allOrNone, const std::string &now)
{
    json results = json::array();
    std::vector<bool> failed;
    OrgStore::Savepoint savepoint(m_store);
    for (const auto &rec : records) {
        bool bad = true;
        json result;
        const ObjectDef *obj = fixedObject;
        if (op == Op::Delete) {
            results.push_back(remove(rec, now, &bad));
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
        if (op == Op::Create) {
            std::string id;
            if (auto err = m_store.create(*obj, rec, now, &id))
                result = failure(*err);
            else {
                result = success(id);
                bad = false;
            }
        } else if (op == Op::Update) {
            result = update(*obj, rec, now, &bad);
        } else {
            result = upsert(*obj, extField, rec, now, &bad);
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

json RecordWriter::remove(const json &rec, const std::string &now, bool *failed)
{
    *failed = true;
    const std::string id = rec.is_string() ? rec.get<std::string>() : std::string();
    const auto norm = soql::normalizeId(id);
    const ObjectDef *obj = norm ? m_catalog.findByPrefix(*norm) : nullptr;
    bool deleted = false;
    const auto rowid = obj ? m_store.rowidForId(*obj, id, &deleted) : std::nullopt;
    json result;
    if (!norm)
        result = failure(recordError("MALFORMED_ID", "malformed id " + id));
    else if (!rowid)
        result = failure(recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
    else if (deleted || !m_store.softDelete(*obj, *rowid, now))
        result = failure(recordError("ENTITY_IS_DELETED", "entity is deleted"));
    else {
        *failed = false;
        return success(*norm);
    }
    if (norm)
        result["id"] = *norm;
    return result;
}

json RecordWriter::update(const ObjectDef &obj, const json &rec, const std::string &now, bool *failed)
{
    *failed = true;
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
    const auto rowid = norm ? m_store.rowidForId(obj, id, &deleted) : std::nullopt;
    if (id.empty())
        return failure(recordError("MISSING_ARGUMENT", "Id not specified in an update call"));
    if (!norm)
        return failure(recordError("MALFORMED_ID", "malformed id " + id));
    if (!rowid)
        return failure(recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
    if (deleted)
        return failure(recordError("ENTITY_IS_DELETED", "entity is deleted"));
    if (auto err = m_store.update(obj, *rowid, body, now))
        return failure(*err);
    *failed = false;
    return success(*norm);
}

json RecordWriter::upsert(const ObjectDef &obj, const std::string &field, const json &record, const std::string &now,
                          bool *failed)
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
    const auto matches = m_store.rowidsForValue(obj, field, value, false);
    if (matches.size() > 1)
        return failure(recordError("DUPLICATE_EXTERNAL_ID",
                                   "The external ID " + field + " = " + value + " matches more than one record", {field}));
    if (matches.empty()) {
        body[field] = value;
        std::string id;
        if (auto err = m_store.create(obj, body, now, &id))
            return failure(*err);
        *failed = false;
        json r = success(id);
        r["created"] = true;
        return r;
    }
    if (auto err = m_store.update(obj, matches.front(), body, now))
        return failure(*err);
    *failed = false;
    json r = success(std::string(idOfJson(m_store.recordJson(obj, matches.front()))));
    r["created"] = false;
    return r;
}

} // namespace emu
