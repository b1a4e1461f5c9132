// SPDX-License-Identifier: MIT
// The JSON text of records: strings escaped as Salesforce writes them, values by field type, and a
// whole row in canonical field order (what the store keeps ready and pages are built from).
#pragma once

#include "emulator/objectcatalog.h"
#include "soql/compiler.h"

#include <string>
#include <string_view>
#include <vector>

namespace emu {

/// Appends `text` as a JSON string ("..." with escapes; bytes >= 0x80 are copied as they are).
void appendJsonString(std::string &out, std::string_view text);
/// Appends a stored value as JSON for a field of `type` (null, booleans from 0/1, ".0" on whole doubles).
void appendJsonValue(std::string &out, soql::FieldType type, const soql::SqlValue &v);
/// `{"Id":...,"Name":...}`: every field of the object in canonical order, without attributes.
std::string rowJson(const ObjectDef &obj, const std::vector<soql::SqlValue> &row);

} // namespace emu
