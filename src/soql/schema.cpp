// SPDX-License-Identifier: MIT
// ObjectSchema: case-insensitive field lookup; field type names.
#include "soql/schema.h"

namespace soql {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

const char* fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Id: return "id";
    case FieldType::Reference: return "reference";
    case FieldType::String: return "string";
    case FieldType::Boolean: return "boolean";
    case FieldType::Int: return "int";
    case FieldType::Double: return "double";
    case FieldType::DateTime: return "dateTime";
    case FieldType::Date: return "date";
    }
    return "unknown";
}

const FieldDef* ObjectSchema::field(std::string_view anyCase) const
{
    for (const FieldDef& f : fields) {
        if (equalsIgnoreCase(f.name, anyCase))
            return &f;
    }
    return nullptr;
}

} // namespace soql
