// SPDX-License-Identifier: MIT
// OrgStore: tables, rows, JSON-to-row conversion, the ready JSON in memory, queries, savepoints.
#include "emulator/orgstore.h"

#include "emulator/recordjson.h"

#include "soql/datetime.h"
#include "soql/ids.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include <sqlite3.h>

namespace emu {

using soql::FieldType;
using soql::SqlValue;

namespace {
std::string quoteIdent(const std::string &name)
{
    return "\"" + name + "\"";
}

const char *sqlType(FieldType t)
{
    switch (t) {
    case FieldType::Boolean:
    case FieldType::Int:
        return "INTEGER";
    case FieldType::Double:
        return "REAL";
    default:
        return "TEXT";
    }
}

void bindValue(sqlite3_stmt *st, int index, const SqlValue &v)
{
    if (std::holds_alternative<int64_t>(v))
        sqlite3_bind_int64(st, index, std::get<int64_t>(v));
    else if (std::holds_alternative<double>(v))
        sqlite3_bind_double(st, index, std::get<double>(v));
    else if (std::holds_alternative<std::string>(v)) {
        const auto &s = std::get<std::string>(v);
        sqlite3_bind_text(st, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    } else
        sqlite3_bind_null(st, index);
}

SqlValue columnValue(sqlite3_stmt *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        return sqlite3_column_int64(st, col);
    case SQLITE_FLOAT:
        return sqlite3_column_double(st, col);
    case SQLITE_TEXT:
        return std::string(reinterpret_cast<const char *>(sqlite3_column_text(st, col)),
                           static_cast<size_t>(sqlite3_column_bytes(st, col)));
    default:
        return std::monostate{};
    }
}

bool isNull(const SqlValue &v)
{
    return std::holds_alternative<std::monostate>(v);
}

std::string text(const SqlValue &v)
{
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}

/// The object's validation rules on the record as it would be written; the first broken one.
std::optional<WriteError> brokenRule(const ObjectDef &obj, const std::vector<SqlValue> &row)
{
    for (const auto &rule : obj.validationRules) {
        const int idx = obj.fieldIndex(rule.field);
        if (idx < 0 || static_cast<size_t>(idx) >= row.size())
            continue;
        const SqlValue &v = row[static_cast<size_t>(idx)];
        const double d = std::holds_alternative<double>(v)    ? std::get<double>(v)
                         : std::holds_alternative<int64_t>(v) ? static_cast<double>(std::get<int64_t>(v))
                                                              : NAN;
        if (!std::isnan(d) && d < rule.minimum)
            return WriteError{"FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.message, {rule.field}};
    }
    return std::nullopt;
}

WriteError typeError(const ObjectDef &obj, const std::string &field, const nlohmann::json &value)
{
    std::string shown = value.dump();
    if (shown.size() > 80)
        shown = shown.substr(0, 80) + "...";
    return {"INVALID_TYPE_ON_FIELD_IN_RECORD",
            obj.name() + "." + field + ": value not of required type: " + shown,
            {field}};
}
} // namespace

OrgStore::OrgStore(const ObjectCatalog &catalog)
    : m_catalog(catalog)
{
}

OrgStore::~OrgStore()
{
    for (auto &[sql, st] : m_statements)
        sqlite3_finalize(st);
    if (m_db)
        sqlite3_close(m_db);
}

bool OrgStore::open(const std::string &file, std::string *error)
{
    const std::string name = file.empty() ? ":memory:" : file;
    if (sqlite3_open_v2(name.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr)
        != SQLITE_OK) {
        if (error)
            *error = "cannot open " + name + ": " + (m_db ? sqlite3_errmsg(m_db) : "out of memory");
        return false;
    }
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=OFF");
    exec("PRAGMA cache_size=-65536");
    if (!exec("CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT)")) {
        if (error)
            *error = std::string("cannot create tables in ") + name + ": " + sqlite3_errmsg(m_db);
        return false;
    }
    for (const auto &obj : m_catalog.objects()) {
        std::string ddl = "CREATE TABLE IF NOT EXISTS " + quoteIdent(obj.schema.table) + " (_rid INTEGER PRIMARY KEY";
        for (const auto &f : obj.schema.fields)
            ddl += ", " + quoteIdent(f.name) + " " + sqlType(f.type);
        // _json: files written before the JSON moved to memory hold each row's JSON there; rows
        // written now leave it '' (it is never read back: memory is rebuilt from the columns).
        ddl += ", _json TEXT NOT NULL)";
        if (!exec(ddl)) {
            if (error)
                *error = std::string("cannot create table: ") + sqlite3_errmsg(m_db);
            return false;
        }
        if (!addMissingColumns(obj, error))
            return false;
        sqlite3_stmt *st = statement("SELECT value FROM _meta WHERE key = ?");
        const std::string key = "counter:" + obj.name();
        sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        m_counters[obj.name()] = sqlite3_step(st) == SQLITE_ROW ? std::stoull(reinterpret_cast<const char *>(
                                                                      sqlite3_column_text(st, 0)))
                                                                : 0;
    }
    // How this org writes Ids: base 62 as Salesforce does, unless records were made before the
    // emulator did (base 36 then; a base-62 counter would make Ids they have).
    sqlite3_stmt *st = statement("SELECT value FROM _meta WHERE key = 'ids'");
    if (sqlite3_step(st) == SQLITE_ROW) {
        m_idDigits = std::string_view(reinterpret_cast<const char *>(sqlite3_column_text(st, 0))) == "36"
                         ? soql::IdDigits::Base36
                         : soql::IdDigits::Base62;
        sqlite3_reset(st);
    } else {
        const bool made = std::any_of(m_counters.begin(), m_counters.end(), [](const auto &c) { return c.second > 0; });
        m_idDigits = made ? soql::IdDigits::Base36 : soql::IdDigits::Base62;
        exec(made ? "INSERT INTO _meta(key, value) VALUES ('ids', '36')" : "INSERT INTO _meta(key, value) VALUES ('ids', '62')");
    }
    return loadReady(error);
}

bool OrgStore::addMissingColumns(const ObjectDef &obj, std::string *error)
{
    // A --data file written before a field was added to the catalog: add the column (null in old rows).
    std::vector<std::string> existing;
    sqlite3_stmt *info = nullptr;
    const std::string pragma = "PRAGMA table_info(" + quoteIdent(obj.schema.table) + ")";
    sqlite3_prepare_v2(m_db, pragma.c_str(), -1, &info, nullptr);
    while (info && sqlite3_step(info) == SQLITE_ROW)
        existing.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(info, 1)));
    sqlite3_finalize(info);
    for (const auto &f : obj.schema.fields) {
        if (std::find(existing.begin(), existing.end(), f.name) != existing.end())
            continue;
        if (!exec("ALTER TABLE " + quoteIdent(obj.schema.table) + " ADD COLUMN " + quoteIdent(f.name) + " "
                  + sqlType(f.type))) {
            if (error)
                *error = "cannot add column " + f.name + ": " + sqlite3_errmsg(m_db);
            return false;
        }
    }
    return true; // loadReady() builds every row's JSON from the columns, the new one (null) included
}

bool OrgStore::loadReady(std::string *error)
{
    m_json.assign(m_catalog.objects().size(), {});
    m_touched.clear();
    m_savepointMarks.clear();
    for (size_t o = 0; o < m_catalog.objects().size(); ++o) {
        const ObjectDef &obj = m_catalog.objects()[o];
        std::string sql = "SELECT _rid";
        for (const auto &f : obj.schema.fields)
            sql += "," + quoteIdent(f.name);
        sqlite3_stmt *st = statement(sql + " FROM " + quoteIdent(obj.schema.table) + " ORDER BY _rid");
        if (!st) {
            if (error)
                *error = std::string("cannot read ") + obj.name() + ": " + sqlite3_errmsg(m_db);
            return false;
        }
        Row row(obj.schema.fields.size());
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (size_t i = 0; i < row.size(); ++i)
                row[i] = columnValue(st, static_cast<int>(i + 1));
            setReady(o, sqlite3_column_int64(st, 0), rowJson(obj, row));
        }
        sqlite3_reset(st);
    }
    return true;
}

void OrgStore::setReady(size_t object, int64_t rowid, std::string json)
{
    if (rowid <= 0 || object >= m_json.size()) // m_json is empty while open() migrates old files
        return;
    auto &rows = m_json[object];
    const auto at = static_cast<size_t>(rowid);
    if (at >= rows.size()) {
        if (json.empty())
            return;
        // Rowids are dense (max + 1): grow geometrically so seeding 1M rows reallocates ~20 times.
        rows.resize(std::max(at + 1, rows.size() + rows.size() / 2));
    }
    if (!m_savepointMarks.empty())
        m_touched.emplace_back(object, rowid);
    if (json.capacity() > json.size() + 32) // rowJson() reserves 640 bytes: keep only what is used
        json.shrink_to_fit();
    rows[at] = std::move(json);
}

void OrgStore::reloadReady(size_t object, int64_t rowid)
{
    if (object >= m_json.size())
        return;
    const ObjectDef &obj = m_catalog.objects()[object];
    auto &rows = m_json[object];
    if (rowid <= 0 || static_cast<uint64_t>(rowid) >= rows.size())
        return;
    rows[static_cast<size_t>(rowid)] = recordJsonFromSql(obj, rowid);
}

size_t OrgStore::readyJsonBytes() const
{
    size_t total = 0;
    for (const auto &rows : m_json) {
        total += rows.capacity() * sizeof(std::string);
        for (const auto &j : rows) {
            if (j.capacity() > 15) // heap block: malloc rounds capacity + 1 + its 8-byte header up to 16
                total += (j.capacity() + 1 + 8 + 15) / 16 * 16;
        }
    }
    return total;
}

void OrgStore::createIndexes()
{
    for (const auto &obj : m_catalog.objects()) {
        const std::string t = quoteIdent(obj.schema.table);
        const std::string base = "CREATE INDEX IF NOT EXISTS \"" + obj.schema.table + "_";
        exec("CREATE UNIQUE INDEX IF NOT EXISTS " + quoteIdent(obj.schema.table + "_id") + " ON " + t + "(\"Id\")");
        exec(base + "modstamp\" ON " + t + "(\"SystemModstamp\", \"Id\")");
        // /query filters IsDeleted = 0: with it leading, the usual keyset ORDER BY needs no row lookups.
        exec(base + "live_modstamp\" ON " + t + "(\"IsDeleted\", \"SystemModstamp\", \"Id\")");
        // ... and Id ranges (range downloads, ORDER BY Id LIMIT 1, COUNT() of a range) on /query: without
        // it SQLite guesses "IsDeleted = 0" matches few rows, takes live_modstamp and sorts the whole
        // table by Id (1M products: every row read for one page). /queryAll has the Id index.
        exec(base + "live_id\" ON " + t + "(\"IsDeleted\", \"Id\")");
        for (const auto &f : obj.schema.fields) {
            if (f.type == FieldType::Reference || obj.isExternalId(f.name))
                exec(base + f.name + "\" ON " + t + "(" + quoteIdent(f.name) + ")");
        }
    }
}

bool OrgStore::seeded() const
{
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT 1 FROM _meta WHERE key = 'seed'", -1, &st, nullptr);
    const bool found = st && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

void OrgStore::markSeeded(const std::string &seedName)
{
    sqlite3_stmt *st = statement("INSERT OR REPLACE INTO _meta(key, value) VALUES ('seed', ?)");
    sqlite3_bind_text(st, 1, seedName.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st);
    storeCounters();
}

sqlite3_stmt *OrgStore::statement(const std::string &sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end()) {
        sqlite3_reset(it->second);
        sqlite3_clear_bindings(it->second);
        return it->second;
    }
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return nullptr;
    }
    m_statements.emplace(sql, st);
    return st;
}

bool OrgStore::exec(const std::string &sql)
{
    return sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

uint64_t OrgStore::nextCounter(const ObjectDef &obj)
{
    m_countersDirty = true;
    return ++m_counters[obj.name()];
}

void OrgStore::storeCounters()
{
    m_countersDirty = false;
    for (const auto &[name, value] : m_counters) {
        sqlite3_stmt *st = statement("INSERT OR REPLACE INTO _meta(key, value) VALUES (?, ?)");
        const std::string key = "counter:" + name;
        const std::string v = std::to_string(value);
        sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, v.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(st);
    }
}

std::string OrgStore::insertRow(const ObjectDef &obj, Row values, const std::string &nowIso)
{
    values.resize(obj.schema.fields.size());
    const uint64_t counter = nextCounter(obj);
    const std::string id = soql::makeId(obj.keyPrefix, counter, m_idDigits);
    values[0] = id;
    for (int i : {2, 3, 4}) {
        if (isNull(values[static_cast<size_t>(i)]))
            values[static_cast<size_t>(i)] = nowIso;
    }
    for (size_t i = 0; i < obj.schema.fields.size(); ++i) {
        if (obj.schema.fields[i].type == FieldType::Boolean && isNull(values[i]))
            values[i] = int64_t{0};
    }
    if (obj.nameRule == NameRule::FirstLast) {
        const std::string first = text(values[static_cast<size_t>(obj.fieldIndex("FirstName"))]);
        const std::string last = text(values[static_cast<size_t>(obj.fieldIndex("LastName"))]);
        values[1] = first.empty() ? last : (last.empty() ? first : first + " " + last);
    } else if (obj.nameRule == NameRule::AutoNumber && (isNull(values[1]) || text(values[1]).empty())) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%06llu", static_cast<unsigned long long>(counter));
        values[1] = obj.autoNumberPrefix + buf;
    }
    std::string &sql = m_insertSql[obj.name()];
    if (sql.empty()) {
        sql = "INSERT INTO " + quoteIdent(obj.schema.table) + " (";
        std::string marks;
        for (size_t i = 0; i < obj.schema.fields.size(); ++i) {
            sql += quoteIdent(obj.schema.fields[i].name) + ",";
            marks += "?,";
        }
        sql += "_json) VALUES (" + marks + "?)";
    }
    sqlite3_stmt *st = statement(sql);
    for (size_t i = 0; i < values.size(); ++i)
        bindValue(st, static_cast<int>(i + 1), values[i]);
    sqlite3_bind_text(st, static_cast<int>(values.size() + 1), "", 0, SQLITE_STATIC); // _json stays '': the JSON lives in memory
    const bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_reset(st);
    if (!ok)
        return std::string();
    std::string json = rowJson(obj, values);
    setReady(objectIndex(obj), sqlite3_last_insert_rowid(m_db), std::move(json));
    return id;
}

std::optional<OrgStore::Row> OrgStore::readRow(const ObjectDef &obj, int64_t rowid)
{
    std::string sql = "SELECT ";
    for (size_t i = 0; i < obj.schema.fields.size(); ++i)
        sql += (i ? "," : "") + quoteIdent(obj.schema.fields[i].name);
    sql += " FROM " + quoteIdent(obj.schema.table) + " WHERE _rid = ?";
    sqlite3_stmt *st = statement(sql);
    sqlite3_bind_int64(st, 1, rowid);
    if (sqlite3_step(st) != SQLITE_ROW)
        return std::nullopt;
    Row row;
    for (size_t i = 0; i < obj.schema.fields.size(); ++i)
        row.push_back(columnValue(st, static_cast<int>(i)));
    sqlite3_reset(st);
    return row;
}

bool OrgStore::writeRow(const ObjectDef &obj, int64_t rowid, const Row &values)
{
    std::string sql = "UPDATE " + quoteIdent(obj.schema.table) + " SET ";
    for (size_t i = 0; i < obj.schema.fields.size(); ++i)
        sql += quoteIdent(obj.schema.fields[i].name) + "=?,";
    sql += "_json=? WHERE _rid=?";
    sqlite3_stmt *st = statement(sql);
    for (size_t i = 0; i < values.size(); ++i)
        bindValue(st, static_cast<int>(i + 1), values[i]);
    sqlite3_bind_text(st, static_cast<int>(values.size() + 1), "", 0, SQLITE_STATIC); // _json stays '': the JSON lives in memory
    sqlite3_bind_int64(st, static_cast<int>(values.size() + 2), rowid);
    const bool ok = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(m_db) == 1;
    sqlite3_reset(st);
    if (ok)
        setReady(objectIndex(obj), rowid, rowJson(obj, values));
    return ok;
}

std::optional<WriteError> OrgStore::applyJson(const ObjectDef &obj, const nlohmann::json &fields, Row &row,
                                              bool creating) const
{
    if (!fields.is_object())
        return WriteError{"JSON_PARSER_ERROR", "Expected a JSON object for the record", {}};
    row.resize(obj.schema.fields.size());
    for (const auto &[key, value] : fields.items()) {
        if (key == "attributes")
            continue;
        const int idx = obj.fieldIndex(key);
        if (idx < 0)
            return WriteError{"INVALID_FIELD", "No such column '" + key + "' on sobject of type " + obj.name(), {key}};
        const auto &f = obj.schema.fields[static_cast<size_t>(idx)];
        if (obj.isReadOnly(f.name))
            return WriteError{"INVALID_FIELD_FOR_INSERT_UPDATE",
                              std::string("Unable to ") + (creating ? "create" : "update") + " fields: " + f.name
                                  + ". Please check the security settings of this field and verify that it is "
                                    "read/write for your profile or permission set.",
                              {f.name}};
        SqlValue &out = row[static_cast<size_t>(idx)];
        if (value.is_null()) {
            out = f.type == FieldType::Boolean ? SqlValue{int64_t{0}} : SqlValue{};
            continue;
        }
        switch (f.type) {
        case FieldType::Boolean:
            if (!value.is_boolean())
                return typeError(obj, f.name, value);
            out = int64_t{value.get<bool>() ? 1 : 0};
            break;
        case FieldType::Int:
            if (value.is_number_integer())
                out = value.get<int64_t>();
            else if (value.is_number_float() && std::isfinite(value.get<double>())
                     && std::fabs(value.get<double>()) < 9.0e15)
                out = static_cast<int64_t>(std::llround(value.get<double>()));
            else
                return typeError(obj, f.name, value);
            break;
        case FieldType::Double:
            if (!value.is_number() || !std::isfinite(value.get<double>()))
                return typeError(obj, f.name, value);
            out = value.get<double>();
            break;
        case FieldType::DateTime: {
            if (!value.is_string())
                return typeError(obj, f.name, value);
            const auto ms = soql::parseDateTime(value.get<std::string>());
            if (!ms)
                return typeError(obj, f.name, value);
            out = soql::formatDateTime(*ms);
            break;
        }
        case FieldType::Date: {
            if (!value.is_string())
                return typeError(obj, f.name, value);
            const auto d = soql::normalizeDate(value.get<std::string>());
            if (!d)
                return typeError(obj, f.name, value);
            out = *d;
            break;
        }
        case FieldType::Reference: {
            if (!value.is_string())
                return typeError(obj, f.name, value);
            const std::string s = value.get<std::string>();
            if (s.empty()) {
                out = SqlValue{};
                break;
            }
            const auto id = soql::normalizeId(s);
            if (!id)
                return WriteError{"MALFORMED_ID", f.name + ": id value of incorrect type: " + s, {f.name}};
            out = *id;
            break;
        }
        default:
            if (value.is_string())
                out = value.get<std::string>();
            else if (value.is_number() || value.is_boolean())
                out = value.dump();
            else
                return typeError(obj, f.name, value);
            if (std::get<std::string>(out).size() > 32768)
                return WriteError{"STRING_TOO_LONG", f.name + ": data value too large", {f.name}};
        }
    }
    return std::nullopt;
}

std::optional<WriteError> OrgStore::create(const ObjectDef &obj, const nlohmann::json &fields,
                                           const std::string &nowIso, std::string *id)
{
    Row row(obj.schema.fields.size());
    if (auto err = applyJson(obj, fields, row, true))
        return err;
    for (const auto &req : obj.required) {
        const auto &v = row[static_cast<size_t>(obj.fieldIndex(req))];
        if (isNull(v) || text(v).empty())
            return WriteError{"REQUIRED_FIELD_MISSING", "Required fields are missing: [" + req + "]", {req}};
    }
    if (auto err = brokenRule(obj, row))
        return err;
    *id = insertRow(obj, std::move(row), nowIso);
    if (id->empty())
        return WriteError{"UNKNOWN_EXCEPTION", std::string("insert failed: ") + sqlite3_errmsg(m_db), {}};
    return std::nullopt;
}

std::optional<WriteError> OrgStore::update(const ObjectDef &obj, int64_t rowid, const nlohmann::json &fields,
                                           const std::string &nowIso)
{
    auto row = readRow(obj, rowid);
    if (!row)
        return WriteError{"ENTITY_IS_DELETED", "entity is deleted", {}};
    if (auto err = applyJson(obj, fields, *row, false))
        return err;
    for (const auto &req : obj.required) {
        const auto &v = (*row)[static_cast<size_t>(obj.fieldIndex(req))];
        if (isNull(v) || text(v).empty())
            return WriteError{"REQUIRED_FIELD_MISSING", "Required fields are missing: [" + req + "]", {req}};
    }
    if (obj.nameRule == NameRule::FirstLast) {
        const std::string first = text((*row)[static_cast<size_t>(obj.fieldIndex("FirstName"))]);
        const std::string last = text((*row)[static_cast<size_t>(obj.fieldIndex("LastName"))]);
        (*row)[1] = first.empty() ? last : (last.empty() ? first : first + " " + last);
    }
    if (auto err = brokenRule(obj, *row))
        return err;
    (*row)[3] = nowIso;
    (*row)[4] = nowIso;
    if (!writeRow(obj, rowid, *row))
        return WriteError{"UNKNOWN_EXCEPTION", std::string("update failed: ") + sqlite3_errmsg(m_db), {}};
    return std::nullopt;
}

bool OrgStore::softDelete(const ObjectDef &obj, int64_t rowid, const std::string &nowIso)
{
    auto row = readRow(obj, rowid);
    if (!row || (std::holds_alternative<int64_t>((*row)[5]) && std::get<int64_t>((*row)[5]) != 0))
        return false;
    (*row)[5] = int64_t{1};
    (*row)[4] = nowIso;
    return writeRow(obj, rowid, *row);
}

int64_t OrgStore::purgeDeleted(const ObjectDef *only)
{
    int64_t total = 0;
    for (const auto &obj : m_catalog.objects()) {
        if (only && only != &obj)
            continue;
        std::vector<int64_t> rowids;
        sqlite3_stmt *st = statement("SELECT _rid FROM " + quoteIdent(obj.schema.table) + " WHERE \"IsDeleted\" = 1");
        while (sqlite3_step(st) == SQLITE_ROW)
            rowids.push_back(sqlite3_column_int64(st, 0));
        sqlite3_reset(st);
        if (!exec("DELETE FROM " + quoteIdent(obj.schema.table) + " WHERE \"IsDeleted\" = 1")) {
            for (const int64_t rowid : rowids) // whatever SQLite kept is what memory shows
                reloadReady(objectIndex(obj), rowid);
            continue;
        }
        total += sqlite3_changes(m_db);
        for (const int64_t rowid : rowids)
            setReady(objectIndex(obj), rowid, std::string());
    }
    return total;
}

bool OrgStore::runQuery(const soql::CompiledQuery &query, std::vector<int64_t> *rowids, int64_t *count,
                        std::string *error)
{
    // Prepared per query, not cached: every SOQL text is a different statement, and a cache keyed by
    // text would grow with whatever clients send.
    sqlite3_stmt *raw = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, query.sql.c_str(), static_cast<int>(query.sql.size()), &raw, nullptr);
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> st(raw, sqlite3_finalize);
    if (rc != SQLITE_OK) {
        *error = sqlite3_errmsg(m_db);
        return false;
    }
    for (size_t i = 0; i < query.params.size(); ++i)
        bindValue(st.get(), static_cast<int>(i + 1), query.params[i]);
    int step = SQLITE_ROW;
    if (query.isCount) {
        step = sqlite3_step(st.get());
        *count = step == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : 0;
    } else {
        while ((step = sqlite3_step(st.get())) == SQLITE_ROW)
            rowids->push_back(sqlite3_column_int64(st.get(), 0));
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        *error = sqlite3_errmsg(m_db);
        return false;
    }
    return true;
}

std::vector<std::pair<std::string, std::string>> OrgStore::modstampRange(const ObjectDef &obj, bool deleted,
                                                                         const std::string &from,
                                                                         const std::string &to, size_t limit)
{
    std::vector<std::pair<std::string, std::string>> out;
    sqlite3_stmt *st = statement("SELECT \"Id\", \"SystemModstamp\" FROM " + quoteIdent(obj.schema.table)
                                 + " WHERE \"IsDeleted\" = ? AND \"SystemModstamp\" >= ? AND \"SystemModstamp\" < ?"
                                   " ORDER BY \"SystemModstamp\", \"Id\" LIMIT ?");
    sqlite3_bind_int(st, 1, deleted ? 1 : 0);
    sqlite3_bind_text(st, 2, from.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, static_cast<int64_t>(limit));
    while (sqlite3_step(st) == SQLITE_ROW)
        out.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                         reinterpret_cast<const char *>(sqlite3_column_text(st, 1)));
    sqlite3_reset(st);
    return out;
}

std::optional<int64_t> OrgStore::rowidForId(const ObjectDef &obj, const std::string &id, bool *deleted)
{
    const auto norm = soql::normalizeId(id);
    if (!norm)
        return std::nullopt;
    sqlite3_stmt *st = statement("SELECT _rid, \"IsDeleted\" FROM " + quoteIdent(obj.schema.table)
                                 + " WHERE \"Id\" = ?");
    sqlite3_bind_text(st, 1, norm->c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW)
        return std::nullopt;
    const int64_t rowid = sqlite3_column_int64(st, 0);
    if (deleted)
        *deleted = sqlite3_column_int64(st, 1) != 0;
    sqlite3_reset(st);
    return rowid;
}

std::vector<int64_t> OrgStore::rowidsForValue(const ObjectDef &obj, const std::string &field,
                                              const std::string &value, bool includeDeleted)
{
    std::vector<int64_t> out;
    sqlite3_stmt *st = statement("SELECT _rid FROM " + quoteIdent(obj.schema.table) + " WHERE " + quoteIdent(field)
                                 + " = ?" + (includeDeleted ? "" : " AND \"IsDeleted\" = 0") + " ORDER BY _rid");
    sqlite3_bind_text(st, 1, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        out.push_back(sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    return out;
}

std::string OrgStore::recordJson(const ObjectDef &obj, int64_t rowid)
{
    if (const std::string *ready = readyJson(obj, rowid))
        return *ready;
    return recordJsonFromSql(obj, rowid);
}

std::string OrgStore::recordJsonFromSql(const ObjectDef &obj, int64_t rowid)
{
    const auto row = readRow(obj, rowid);
    return row ? rowJson(obj, *row) : std::string();
}

int64_t OrgStore::count(const ObjectDef &obj, bool deleted)
{
    sqlite3_stmt *st = statement("SELECT COUNT(*) FROM " + quoteIdent(obj.schema.table) + " WHERE \"IsDeleted\" = ?");
    sqlite3_bind_int(st, 1, deleted ? 1 : 0);
    const int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return n;
}

bool OrgStore::begin()
{
    return exec("BEGIN");
}
OrgStore::Savepoint::Savepoint(OrgStore &store)
    : m_store(store)
{
    m_store.openSavepoint();
}

OrgStore::Savepoint::~Savepoint()
{
    if (m_open)
        m_store.rollbackSavepoint();
}

void OrgStore::Savepoint::release()
{
    if (!m_store.releaseSavepoint())
        throw std::runtime_error(std::string("the write could not be committed: ") + sqlite3_errmsg(m_store.m_db));
    m_open = false;
}

void OrgStore::openSavepoint()
{
    if (!exec("SAVEPOINT emu_sp"))
        throw std::runtime_error(std::string("cannot start a write: ") + sqlite3_errmsg(m_db));
    if (m_savepointMarks.empty())
        m_touched.clear();
    m_savepointMarks.push_back(m_touched.size());
}

void OrgStore::rollbackSavepoint()
{
    exec("ROLLBACK TO emu_sp");
    exec("RELEASE emu_sp");
    // _meta went back too: the counters in memory (never reused) are ahead of it now.
    m_countersDirty = true;
    if (m_savepointMarks.empty())
        return;
    const size_t mark = m_savepointMarks.back();
    m_savepointMarks.pop_back();
    // SQLite has the rows as they were at the savepoint: memory follows it, row by row.
    for (size_t i = m_touched.size(); i > mark; --i)
        reloadReady(m_touched[i - 1].first, m_touched[i - 1].second);
    m_touched.resize(mark);
}

bool OrgStore::releaseSavepoint()
{
    if (m_countersDirty && m_savepointMarks.size() == 1)
        storeCounters();
    // Releasing the outermost savepoint commits: that is where a full disk shows.
    if (!exec("RELEASE emu_sp"))
        return false;
    m_savepointMarks.pop_back();
    if (m_savepointMarks.empty())
        m_touched.clear();
    return true;
}

void OrgStore::commit()
{
    exec("COMMIT");
}

} // namespace emu
