// SPDX-License-Identifier: MIT
// RecordRenderer: the attributes prefix plus, from the store's ready JSON, either the whole record
// (every field in canonical order) or the selected fields' fragments in the order asked for; SQLite's
// columns only for diagnostics or a row the ready JSON does not hold.
#include "emulator/recordrenderer.h"

#include "emulator/orgstore.h"
#include "emulator/recordjson.h"
#include "emulator/responses.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

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

// The next `,"` at or after `p` (its comma), or npos. In text rowJson() writes it only ever separates
// two fields: inside a string every quote is escaped (`\"`), so no comma there is followed by one,
// and numbers, true, false and null hold neither. Eight bytes a step: a comma in a word becomes a
// zero byte, found with the usual has-zero-byte test (its lowest hit is always a real one).
size_t nextSeparator(std::string_view json, size_t p)
{
    const char *d = json.data();
    const size_t n = json.size();
    constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL, commas = 0x2C2C2C2C2C2C2C2CULL;
    while (p + 8 <= n) {
        uint64_t word;
        std::memcpy(&word, d + p, 8);
        const uint64_t x = word ^ commas;
        const uint64_t hit = (x - ones) & ~x & highs;
        if (!hit) {
            p += 8;
            continue;
        }
        const size_t at = p + static_cast<size_t>(__builtin_ctzll(hit) >> 3);
        if (at + 1 < n && d[at + 1] == '"')
            return at;
        p = at + 1;
    }
    for (; p + 1 < n; ++p) {
        if (d[p] == ',' && d[p + 1] == '"')
            return p;
    }
    return std::string_view::npos;
}
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

bool RecordRenderer::splitFields(const ObjectDef &obj, std::string_view json)
{
    // The ready JSON is rowJson()'s: {"<field 0>":<value>,"<field 1>":<value>,...} in canonical
    // order, names as in the schema. Each key is checked where the previous value ended, so text
    // that is not rowJson()'s is caught (and rendered from the columns instead).
    const auto &defs = obj.schema.fields;
    m_fragments.resize(defs.size());
    size_t p = 0; // the '{' or ',' before the next key
    for (size_t i = 0; i < defs.size(); ++i) {
        const std::string &name = defs[i].name;
        const size_t keyAt = p + 1;
        const size_t valueAt = keyAt + name.size() + 3;
        if (json.size() <= valueAt || json[p] != (i == 0 ? '{' : ',') || json[keyAt] != '"'
            || json[keyAt + 1] != name.front() || json[valueAt - 3] != name.back() || json[valueAt - 2] != '"'
            || json[valueAt - 1] != ':')
            return false;
        const size_t end = i + 1 < defs.size() ? nextSeparator(json, valueAt) : json.size() - 1;
        if (end == std::string_view::npos || end < valueAt)
            return false;
        m_fragments[i] = json.substr(keyAt, end - keyAt);
        p = end;
    }
    return json[p] == '}';
}

bool RecordRenderer::appendFromReady(std::string &out, const ObjectDef &obj, std::string_view json,
                                     const std::vector<int> &fields, const std::string &prefix)
{
    const bool every = isEveryField(obj, fields);
    if (!every && !splitFields(obj, json))
        return false;
    out += prefix;
    out.append(json.data() + 7, 18); // the Id: the ready JSON starts {"Id":"<18 characters>"
    if (every) {
        out += "\"},";
        out.append(json.data() + 1, json.size() - 1);
        return true;
    }
    out += "\"}";
    for (const int f : fields) {
        out.push_back(',');
        out += m_fragments[static_cast<size_t>(f)];
    }
    out.push_back('}');
    return true;
}

std::string RecordRenderer::fromColumns(const ObjectDef &obj, int64_t rowid, const std::vector<int> &fields,
                                        const std::string &version)
{
    auto row = m_store.readRow(obj, rowid);
    if (!row)
        return {};
    const std::string id = std::holds_alternative<std::string>((*row)[0]) ? std::get<std::string>((*row)[0]) : "";
    std::string out = "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\"" + sobjectUrl(version, obj.name(), id)
                      + "\"}";
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

std::string RecordRenderer::prefix(const ObjectDef &obj, const std::string &version)
{
    return "{\"attributes\":{\"type\":\"" + obj.name() + "\",\"url\":\"/services/data/v" + version + "/sobjects/"
           + obj.name() + "/";
}

std::string RecordRenderer::record(const ObjectDef &obj, int64_t rowid, const std::vector<int> &fields,
                                   const std::string &version)
{
    if (!m_fromColumns) {
        const std::string json = m_store.recordJson(obj, rowid);
        if (json.size() < kSmallestRecord)
            return {};
        std::string out;
        out.reserve(json.size() + 128);
        if (appendFromReady(out, obj, json, fields, prefix(obj, version)))
            return out;
    }
    return fromColumns(obj, rowid, fields, version);
}

void RecordRenderer::appendRecords(std::string &out, const ObjectDef &obj, std::span<const int64_t> rowids,
                                   const std::vector<int> &fields, const std::string &version)
{
    bool first = true;
    auto appendSlow = [&](int64_t rowid) {
        const std::string rec = fromColumns(obj, rowid, fields, version);
        if (rec.empty())
            return;
        if (!first)
            out.push_back(',');
        first = false;
        out += rec;
    };
    if (m_fromColumns) {
        for (const int64_t rowid : rowids)
            appendSlow(rowid);
        return;
    }
    // The hot path: each record's ready JSON comes from the store's in-memory copy (no SQLite), behind
    // an attributes prefix; sized first (the whole records bound any selection of their fields) so
    // the page is built in one allocation.
    const std::string head = prefix(obj, version);
    std::vector<std::string> fallback; // rows outside the in-memory index (not expected)
    std::vector<std::pair<int64_t, std::string_view>> records;
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
        records.emplace_back(rowid, json);
        bytes += head.size() + 18 + 4 + json.size();
    }
    out.reserve(bytes);
    for (size_t k = 0; k < records.size(); ++k) {
        const auto &[rowid, json] = records[k];
        // Each record is its own heap block: ask for the next ones while this one is cut up, so
        // their first cache lines are there when their turn comes.
        for (size_t ahead = k + 2; ahead < std::min(records.size(), k + 4); ++ahead) {
            const char *next = records[ahead].second.data();
            for (size_t line = 0; line < std::min<size_t>(records[ahead].second.size(), 512); line += 64)
                __builtin_prefetch(next + line);
        }
        const size_t before = out.size();
        if (!first)
            out.push_back(',');
        if (appendFromReady(out, obj, json, fields, head)) {
            first = false;
        } else {
            out.resize(before); // not the JSON rowJson() writes: read this one from the columns
            appendSlow(rowid);
        }
    }
}

} // namespace emu
