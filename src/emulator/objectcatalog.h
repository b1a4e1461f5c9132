// SPDX-License-Identifier: MIT
// ObjectCatalog: the emulated org's sObjects, their fields and write rules (the demo schema).
#pragma once

#include "soql/schema.h"

#include <string>
#include <string_view>
#include <vector>

namespace emu {

/// How an object names new records when the caller gives no Name.
enum class NameRule { Required, AutoNumber, FirstLast };

/// A validation rule, as an org admin would set one up: a create, update or upsert whose record
/// (after the change) has `field` below `minimum` is refused with FIELD_CUSTOM_VALIDATION_EXCEPTION,
/// `message` and fields [field]. A null value passes.
struct ValidationRule
{
    std::string field;
    double minimum = 0;
    std::string message;
};

/// One sObject the emulator serves: its SOQL schema plus the write rules the REST API enforces.
struct ObjectDef
{
    soql::ObjectSchema schema;         // canonical name, table, fields (Id first, always)
    std::string keyPrefix;             // first 3 characters of every Id
    std::vector<std::string> externalIds; // fields usable for upsert
    std::vector<std::string> required; // REQUIRED_FIELD_MISSING on create when absent
    NameRule nameRule = NameRule::Required;
    std::string autoNumberPrefix;      // "ORD-" for AutoNumber names
    std::vector<ValidationRule> validationRules;

    const std::string &name() const { return schema.name; }
    int fieldIndex(std::string_view anyCase) const; // -1 when unknown
    bool isExternalId(std::string_view canonical) const;
    /// Fields no caller may write: Id, the audit fields, IsDeleted and computed names.
    bool isReadOnly(std::string_view canonical) const;
};

/// The fixed set of objects the emulated org has (demo schema).
class ObjectCatalog
{
public:
    ObjectCatalog();
    const std::vector<ObjectDef> &objects() const { return m_objects; }
    /// Case-insensitive lookup by sObject name; nullptr when unknown.
    const ObjectDef *find(std::string_view anyCase) const;
    /// Case-insensitive lookup by 3-character key prefix of an Id; nullptr when unknown.
    const ObjectDef *findByPrefix(std::string_view id) const;

private:
    std::vector<ObjectDef> m_objects;
};

} // namespace emu
