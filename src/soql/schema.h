// SPDX-License-Identifier: MIT
// ObjectSchema and FieldDef: an object's fields and their types, and how they are stored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace soql {

// Storage form in the emulator's SQLite tables (column name = canonical field name):
//   Id, Reference, String: TEXT      Boolean: INTEGER 0/1     Int: INTEGER     Double: REAL
//   DateTime: TEXT "YYYY-MM-DDTHH:MM:SS.mmm+0000" (UTC, so it sorts lexically)   Date: TEXT "YYYY-MM-DD"
enum class FieldType { Id, Reference, String, Boolean, Int, Double, DateTime, Date };

/// The SOQL type name used in Salesforce messages ("id", "reference", "string", "boolean", "int",
/// "double", "dateTime", "date").
const char* fieldTypeName(FieldType type);

struct FieldDef {
    std::string name; // canonical spelling, also the column name
    FieldType type;
};

/// The fields of one sObject and the SQLite table that stores it.
struct ObjectSchema {
    std::string name;  // canonical sObject name, e.g. "Account", "Product__c"
    std::string table; // SQLite table name
    std::vector<FieldDef> fields;

    /// The field whose name equals `anyCase` ignoring ASCII case, or nullptr.
    const FieldDef* field(std::string_view anyCase) const;
};

/// ASCII case-insensitive equality, as SOQL uses for keywords and names.
bool equalsIgnoreCase(std::string_view a, std::string_view b);

} // namespace soql
