// SPDX-License-Identifier: MIT
// RecordRenderer: records as the REST API returns them, alone or as a page's records array.
#pragma once

#include "emulator/objectcatalog.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <string>
#include <vector>

namespace emu {

class OrgStore;

/// Renders `{"attributes":{"type":...,"url":...},<selected fields>}` from the store's ready JSON, no
/// SQLite call per record: every field in canonical order is the ready JSON itself; any other
/// selection (the engine's field list, a subset, another order) is cut out of it field by field.
/// setFromColumns(true) reads SQLite's columns instead: the slow path, kept as the reference the
/// fast one is checked against.
class RecordRenderer
{
public:
    explicit RecordRenderer(OrgStore &store);

    /// One record; "" when the row does not exist (any more).
    std::string record(const ObjectDef &obj, int64_t rowid, const std::vector<int> &fields, const std::string &version);
    /// Appends the records of `rowids`, comma-separated, to `out`; rows purged since are skipped.
    void appendRecords(std::string &out, const ObjectDef &obj, std::span<const int64_t> rowids,
                       const std::vector<int> &fields, const std::string &version);

    /// Field indexes 0..n-1 of every field, in canonical order (a GET without ?fields=).
    static std::vector<int> allFields(const ObjectDef &obj);

    /// Diagnostics: render from SQLite's columns (true) or from the ready JSON (false, the default).
    void setFromColumns(bool fromColumns) { m_fromColumns = fromColumns; }

private:
    static std::string prefix(const ObjectDef &obj, const std::string &version);
    /// Finds each field's `"Name":value` in a ready JSON (m_fragments, canonical order); false when
    /// the text is not what rowJson() writes.
    bool splitFields(const ObjectDef &obj, std::string_view json);
    bool appendFromReady(std::string &out, const ObjectDef &obj, std::string_view json, const std::vector<int> &fields,
                         const std::string &prefix);
    std::string fromColumns(const ObjectDef &obj, int64_t rowid, const std::vector<int> &fields,
                            const std::string &version);

    OrgStore &m_store;
    bool m_fromColumns = false;
    std::vector<std::string_view> m_fragments; // scratch for splitFields(), reused record after record
};

} // namespace emu
