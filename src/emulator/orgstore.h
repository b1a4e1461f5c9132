// SPDX-License-Identifier: MIT
// OrgStore: the org's records in SQLite plus each row's ready JSON in memory; savepoints; Id counters.
#pragma once

#include "emulator/objectcatalog.h"
#include "soql/compiler.h"
#include "soql/ids.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

struct sqlite3;
struct sqlite3_stmt;

namespace emu {

/// A per-record write failure, shaped like a collection result error.
struct WriteError
{
    std::string code;
    std::string message;
    std::vector<std::string> fields;
};

/// The org's data in SQLite: one table per object (columns = canonical fields; a legacy `_json`
/// column is kept but left ''), plus each row's ready JSON in memory (canonical field order),
/// indexed by `_rid` (readyJson()), so a full-field page is string concatenation with no SQLite.
/// The memory copy is built from the columns when the file opens and kept exact: insertRow/writeRow/
/// purgeDeleted update it, and a rolled-back Savepoint rebuilds the rows written since it was opened.
/// Writes that bypass those functions (raw exec of INSERT/UPDATE/DELETE) are not allowed.
/// Not thread-safe: the Emulator serialises access.
class OrgStore
{
public:
    using Row = std::vector<soql::SqlValue>;

    explicit OrgStore(const ObjectCatalog &catalog);
    ~OrgStore();
    OrgStore(const OrgStore &) = delete;
    OrgStore &operator=(const OrgStore &) = delete;

    /// Opens (creating) the file, or an in-memory database for "". Creates missing tables.
    bool open(const std::string &file, std::string *error);
    sqlite3 *db() const { return m_db; }
    /// Whether the org was seeded already (persisted org reopened with --data).
    bool seeded() const;
    void markSeeded(const std::string &seedName);
    void createIndexes();

    sqlite3_stmt *statement(const std::string &sql); // cached, reset, bindings cleared
    bool exec(const std::string &sql);

    /// Inserts a full row (index = field index); assigns Id, timestamps and Name rules.
    /// `values` has one entry per field; Id is assigned, unset audit fields become nowIso.
    /// Returns the Id, or "" when SQLite refused the row.
    std::string insertRow(const ObjectDef &obj, Row values, const std::string &nowIso);
    std::optional<Row> readRow(const ObjectDef &obj, int64_t rowid);
    bool writeRow(const ObjectDef &obj, int64_t rowid, const Row &values);

    /// Converts JSON fields to a row (create when `base` is all-null, update otherwise).
    std::optional<WriteError> applyJson(const ObjectDef &obj, const nlohmann::json &fields, Row &row,
                                        bool creating) const;
    std::optional<WriteError> create(const ObjectDef &obj, const nlohmann::json &fields, const std::string &nowIso,
                                     std::string *id);
    std::optional<WriteError> update(const ObjectDef &obj, int64_t rowid, const nlohmann::json &fields,
                                     const std::string &nowIso);
    /// Soft delete: IsDeleted = true and a new SystemModstamp. false when already deleted.
    bool softDelete(const ObjectDef &obj, int64_t rowid, const std::string &nowIso);
    /// Hard-deletes soft-deleted rows (all objects when obj is null); returns how many.
    int64_t purgeDeleted(const ObjectDef *obj);

    /// Runs a compiled SOQL query: *count for COUNT(), else the matching rowids in order. false with
    /// *error (SQLite's words) when SQLite cannot run it.
    bool runQuery(const soql::CompiledQuery &query, std::vector<int64_t> *rowids, int64_t *count, std::string *error);
    /// (Id, SystemModstamp) of the deleted (or live) rows whose SystemModstamp is in [from, to),
    /// oldest first, at most `limit` of them: what /deleted and /updated list.
    std::vector<std::pair<std::string, std::string>> modstampRange(const ObjectDef &obj, bool deleted,
                                                                   const std::string &from, const std::string &to,
                                                                   size_t limit);
    /// rowid of a live or deleted record by 15/18-char Id; sets *deleted.
    std::optional<int64_t> rowidForId(const ObjectDef &obj, const std::string &id, bool *deleted);
    std::vector<int64_t> rowidsForValue(const ObjectDef &obj, const std::string &field, const std::string &value,
                                        bool includeDeleted);
    /// `{"Id":...}` ready JSON (without attributes); "" when the row does not exist.
    std::string recordJson(const ObjectDef &obj, int64_t rowid);
    /// The in-memory ready JSON of a row: "" when the row does not exist; nullptr when the rowid is
    /// outside the in-memory index (not expected: then read recordJson()). Valid until the next write.
    const std::string *readyJson(const ObjectDef &obj, int64_t rowid) const
    {
        const size_t object = objectIndex(obj);
        if (object >= m_json.size())
            return nullptr;
        const auto &rows = m_json[object];
        return rowid >= 0 && static_cast<uint64_t>(rowid) < rows.size() ? &rows[static_cast<size_t>(rowid)] : nullptr;
    }
    /// Bytes held by the in-memory JSON (strings' heap blocks and the index), an estimate.
    size_t readyJsonBytes() const;
    int64_t count(const ObjectDef &obj, bool deleted);

    bool begin();
    void commit();

    /// A savepoint for one write (nested ones are fine): unless release() is called, SQLite and the
    /// in-memory JSON go back to where it was opened, whatever way the scope is left, a throw included.
    /// Throws std::runtime_error when SQLite refuses to open or release it (a full disk, say); the
    /// writes are then rolled back too.
    class Savepoint
    {
    public:
        explicit Savepoint(OrgStore &store);
        ~Savepoint();
        Savepoint(const Savepoint &) = delete;
        Savepoint &operator=(const Savepoint &) = delete;
        /// Keeps the writes, with the Id counters they advanced.
        void release();

    private:
        OrgStore &m_store;
        bool m_open = true;
    };

    /// The next Id counter for an object (persisted in _meta when the savepoint is released).
    uint64_t nextCounter(const ObjectDef &obj);
    void storeCounters();


private:
    /// Catalog position of obj (objects are always the catalog's own); size() if it is not one.
    size_t objectIndex(const ObjectDef &obj) const
    {
        const auto &all = m_catalog.objects();
        const auto at = reinterpret_cast<uintptr_t>(&obj), first = reinterpret_cast<uintptr_t>(all.data());
        if (at < first || at >= first + all.size() * sizeof(ObjectDef))
            return all.size();
        return (at - first) / sizeof(ObjectDef);
    }
    void openSavepoint();
    void rollbackSavepoint();
    bool releaseSavepoint();
    void setReady(size_t object, int64_t rowid, std::string json);
    /// Rebuilds one row's JSON from its SQLite columns ("" when gone), after a rollback.
    void reloadReady(size_t object, int64_t rowid);
    std::string recordJsonFromSql(const ObjectDef &obj, int64_t rowid);
    bool loadReady(std::string *error);
    bool addMissingColumns(const ObjectDef &obj, std::string *error);

    const ObjectCatalog &m_catalog;
    /// Per object (catalog order), the ready JSON by _rid; "" = no such row. SQLite gives a new
    /// row max(_rid) + 1, so the index is dense.
    std::vector<std::vector<std::string>> m_json;
    /// Rows written since the outermost open savepoint, and where each nested savepoint started.
    std::vector<std::pair<size_t, int64_t>> m_touched;
    std::vector<size_t> m_savepointMarks;
    sqlite3 *m_db = nullptr;
    std::map<std::string, sqlite3_stmt *> m_statements;
    std::map<std::string, uint64_t> m_counters;
    bool m_countersDirty = false; // m_counters moved past what _meta holds
    soql::IdDigits m_idDigits = soql::IdDigits::Base62; // how the org writes Ids (_meta 'ids')
    std::map<std::string, std::string> m_insertSql; // per object, built once (seeding inserts millions)
};

} // namespace emu
