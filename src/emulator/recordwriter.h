// SPDX-License-Identifier: MIT
// RecordWriter: writes a list of records the way sObject Collections do (per-record results, allOrNone).
#pragma once

#include "emulator/objectcatalog.h"

#include <string>

#include <nlohmann/json.hpp>

namespace emu {

class OrgStore;

/// Creates, updates, upserts (by an external Id field) or deletes records one by one, in order, and
/// answers `[{"id","success","errors":[{"statusCode","message","fields"}]}, ...]` (reference §4.2).
/// With allOrNone one failure rolls every record back and the others report
/// ALL_OR_NONE_OPERATION_ROLLED_BACK. Used by /composite/sobjects, the admin bulk writes and the
/// in-process API; the caller checks the 200-record cap where Salesforce has one.
class RecordWriter
{
public:
    enum class Op { Create, Update, Upsert, Delete };

    RecordWriter(OrgStore &store, const ObjectCatalog &catalog);

    /// `records`: JSON objects (Create, Update, Upsert) or Id strings (Delete). The object comes
    /// from `fixedObject`, else from each record's attributes.type (Delete: from the Id's prefix).
    nlohmann::json write(Op op, const ObjectDef *fixedObject, const std::string &extField, const nlohmann::json &records,
                         bool allOrNone, const std::string &nowIso);

private:
    nlohmann::json remove(const nlohmann::json &rec, const std::string &nowIso, bool *failed);
    nlohmann::json update(const ObjectDef &obj, const nlohmann::json &rec, const std::string &nowIso, bool *failed);
    nlohmann::json upsert(const ObjectDef &obj, const std::string &field, const nlohmann::json &record,
                          const std::string &nowIso, bool *failed);

    OrgStore &m_store;
    const ObjectCatalog &m_catalog;
};

} // namespace emu
