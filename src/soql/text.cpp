// SPDX-License-Identifier: MIT
// SOQL text: string literal quoting, and which names are identifiers (not reserved words).
#include "soql/text.h"

#include "soql/schema.h"

#include <array>
#include <vector>

namespace soql {

std::string quoteString(std::string_view value)
{
    std::string out = "'";
    for (char c : value) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\'': out += "\\'"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: out += c;
        }
    }
    out += '\'';
    return out;
}

namespace {

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A namespace or base part: letter first, letters/digits/single underscores, no trailing '_'.
// "__" never reaches here (the caller splits on it), but "___" leaves a leading '_' in a part.
bool validPart(std::string_view p)
{
    if (p.empty() || !isLetter(p.front()) || p.back() == '_')
        return false;
    for (char c : p) {
        if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_')
            return false;
    }
    return true;
}

bool knownSuffix(std::string_view s)
{
    static constexpr std::array kSuffixes = {"c", "r", "e", "b", "x", "mdt"};
    for (const char* k : kSuffixes) {
        if (equalsIgnoreCase(s, k))
            return true;
    }
    return false;
}

} // namespace

bool isReservedWord(std::string_view word)
{
    // Salesforce's reserved list, the subset that matters here, plus the literals.
    static constexpr std::array kReserved = {"AND", "ASC", "DESC", "FIRST", "FROM", "GROUP", "HAVING", "IN",
                                             "LAST", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT",
                                             "WHERE", "WITH", "TRUE", "FALSE", "OFFSET", "ORDER"};
    for (const char* r : kReserved) {
        if (equalsIgnoreCase(word, r))
            return true;
    }
    return false;
}

bool isIdentifier(std::string_view name)
{
    if (name.empty() || name.size() > 80)
        return false;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t sep = name.find("__", start);
        if (sep == std::string_view::npos) {
            parts.push_back(name.substr(start));
            break;
        }
        parts.push_back(name.substr(start, sep - start));
        start = sep + 2;
    }
    switch (parts.size()) {
    case 1: return validPart(parts[0]);
    case 2:
        return validPart(parts[0]) && (knownSuffix(parts[1]) || validPart(parts[1]));
    case 3: return validPart(parts[0]) && validPart(parts[1]) && knownSuffix(parts[2]);
    default: return false;
    }
}

} // namespace soql
