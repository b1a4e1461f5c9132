// SPDX-License-Identifier: MIT
// SOQL text helpers: quoting string literals, checking identifiers.
#pragma once

#include <string>
#include <string_view>

namespace soql {

/// A SOQL string literal for the value: single-quoted, with \\ \' \" \n \r \t \b \f escaped.
/// % and _ are left alone (they are wildcards only under LIKE).
std::string quoteString(std::string_view value);

/// Salesforce API name rule as implemented here:
/// - 1 to 80 characters of ASCII letters, digits and '_', starting with a letter;
/// - split at "__" into one to three parts: base | ns__base | base__suffix | ns__base__suffix,
///   where a two-part name is base__suffix when the second part is a known suffix
///   (c, r, e, b, x, mdt, any case) and ns__base otherwise;
/// - namespace and base start with a letter and do not end with '_' (so no "___" anywhere).
/// Passes: "Name", "Outlet_Id", "Outlet__c", "Owner__r", "ns__Field", "s_c__outlet__c".
/// Fails: "", "1a", "_x", "x_", "a___b", "a__b__zz", "a__b__c__d", "a b", 81 characters.
bool isIdentifier(std::string_view name);

/// A word that cannot name an object or a field in our SOQL (any case): Salesforce's reserved list,
/// the subset our parser uses as keywords (SELECT, FROM, WHERE, ORDER, LIMIT, ...), plus TRUE,
/// FALSE and OFFSET. The parser refuses these where a name is expected; the sync configuration
/// refuses them as object and field names so that every query built from it parses.
bool isReservedWord(std::string_view word);

} // namespace soql
