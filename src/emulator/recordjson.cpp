// SPDX-License-Identifier: MIT
// The JSON text of records (see recordjson.h).
#include "emulator/recordjson.h"

#include <charconv>
#include <cmath>

namespace emu {

using soql::FieldType;
using soql::SqlValue;

namespace {
bool isNull(const SqlValue &v)
{
    return std::holds_alternative<std::monostate>(v);
}
} // namespace

void appendJsonString(std::string &out, std::string_view s)
{
    static const char *hex = "0123456789abcdef";
    out.push_back('"');
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
    }
    out.push_back('"');
}

void appendJsonValue(std::string &out, FieldType type, const SqlValue &v)
{
    if (isNull(v)) {
        out += "null";
        return;
    }
    switch (type) {
    case FieldType::Boolean:
        out += (std::holds_alternative<int64_t>(v) && std::get<int64_t>(v) != 0) ? "true" : "false";
        return;
    case FieldType::Int:
        if (std::holds_alternative<int64_t>(v))
            out += std::to_string(std::get<int64_t>(v));
        else if (std::holds_alternative<double>(v))
            out += std::to_string(static_cast<int64_t>(std::get<double>(v)));
        else
            out += "null";
        return;
    case FieldType::Double: {
        double d = std::holds_alternative<double>(v) ? std::get<double>(v)
                   : std::holds_alternative<int64_t>(v) ? static_cast<double>(std::get<int64_t>(v))
                                                        : NAN;
        if (!std::isfinite(d)) {
            out += "null";
            return;
        }
        // Shortest round-trip form, with ".0" on whole numbers as nlohmann/json and Salesforce write them.
        char buf[64];
        const auto res = std::to_chars(buf, buf + sizeof buf, d);
        const std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
        out += text;
        if (text.find_first_of(".eE") == std::string_view::npos)
            out += ".0";
        return;
    }
    default:
        if (std::holds_alternative<std::string>(v))
            appendJsonString(out, std::get<std::string>(v));
        else
            out += "null";
    }
}

std::string rowJson(const ObjectDef &obj, const std::vector<SqlValue> &row)
{
    std::string out;
    out.reserve(640);
    out.push_back('{');
    for (size_t i = 0; i < obj.schema.fields.size(); ++i) {
        if (i)
            out.push_back(',');
        appendJsonString(out, obj.schema.fields[i].name);
        out.push_back(':');
        appendJsonValue(out, obj.schema.fields[i].type, i < row.size() ? row[i] : SqlValue{});
    }
    out.push_back('}');
    return out;
}

} // namespace emu
