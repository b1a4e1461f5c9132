// SPDX-License-Identifier: MIT
// RecordRenderer: the attributes prefix plus ready JSON (every field) or columns (any other selection).
#include "emulator/recordrenderer.h"

#include "emulator/orgstore.h"
#include "emulator/recordjson.h"
#include "emulator/responses.h"

#include <algorithm>

namespace emu {

namespace {
// Every field, in canonical order: the store's ready JSON is exactly that selection.
bool isEveryField(const ObjectDef &obj, const std::vector<int> &fields)
{
    if (fields.size() != obj.schema.fields.size())
        return false;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] != static_cast<int>(i))
            return false;
    }
    return true;
}

// A ready JSON shorter than {"Id":"<18>"} is a row that is gone.
constexpr size_t kSmallestRecord = 26;
} // namespace

RecordRenderer::RecordRenderer(OrgStore &store)
    : m_store(store)
{
}

std::vector<int> RecordRenderer::allFields(const ObjectDef &obj)
{
    std::vector<int> fields(obj.schema.fields.size());
    for (size_t i = 0; i < fields.size(); ++i)
        fields[i] = static_cast<int>(i);
    return fields;
}

std::string RecordRenderer::record(const ObjectDef &obj, int64_t rowid, const std::vector<int> &fields,
                                   const std::string &version)
{
    std::string out;
    if (isEveryField(obj, fields)) {
        const std::string j = m_store.recordJson(obj, rowid);
        if (j.size() < kSmallestRecord)
            return {};
        out = "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\""
              + sobjectUrl(version, obj.name(), std::string(idOfJson(j))) + "\"},";
        out.append(j, 1, std::string::npos);
        return out;
    }
    auto row = m_store.readRow(obj, rowid);
    if (!row)
        return {};
    const std::string id = std::holds_alternative<std::string>((*row)[0]) ? std::get<std::string>((*row)[0]) : "";
    out = "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\"" + sobjectUrl(version, obj.name(), id) + "\"}";
    for (int f : fields) {
        const auto &def = obj.schema.fields[static_cast<size_t>(f)];
        out.push_back(',');
        appendJsonString(out, def.name);
        out.push_back(':');
        appendJsonValue(out, def.type, (*row)[static_cast<size_t>(f)]);
    }
    out.push_back('}');
    return out;
}

void RecordRenderer::appendRecords(std::string &out, const ObjectDef &obj, std::span<const int64_t> rowids,
                                   const std::vector<int> &fields, const std::string &version)
{
    bool first = true;
    if (!isEveryField(obj, fields)) {
        for (const int64_t rowid : rowids) {
            const std::string rec = record(obj, rowid, fields, version);
            if (rec.empty())
                continue;
            if (!first)
                out.push_back(',');
            first = false;
            out += rec;
        }
        return;
    }
    // The hot path: each record's ready JSON comes from the store's in-memory copy (no SQLite),
    // behind an attributes prefix; sized first so the page is built in one allocation.
    const std::string prefix = "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\"/services/data/v" + version
                               + "/sobjects/" + obj.name() + "/";
    std::vector<std::string> fallback; // rows outside the in-memory index (not expected)
    std::vector<std::string_view> records;
    records.reserve(rowids.size());
    size_t bytes = out.size() + 2;
    for (const int64_t rowid : rowids) {
        const std::string *ready = m_store.readyJson(obj, rowid);
        std::string_view json;
        if (ready) {
            json = *ready;
        } else {
            if (fallback.empty())
                fallback.reserve(rowids.size()); // never reallocated: the views point into it
            fallback.push_back(m_store.recordJson(obj, rowid));
            json = fallback.back();
        }
        if (json.size() < kSmallestRecord) // purged since the query ran
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
}

} // namespace emu
