// SPDX-License-Identifier: MIT
// RecordRenderer: records as the REST API returns them, alone or as a page's records array.
#pragma once

#include "emulator/objectcatalog.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace emu {

class OrgStore;

/// Renders `{"attributes":{"type":...,"url":...},<selected fields>}`. A selection of every field in
/// canonical order is served from the store's ready JSON (no SQLite call per record); any other
/// selection reads the columns from SQLite.
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

private:
    OrgStore &m_store;
};

} // namespace emu
