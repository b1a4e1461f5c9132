// SPDX-License-Identifier: MIT
// parse(), parseCondition(), bindVariables(): the SOQL subset the product uses.
#pragma once

#include "soql/ast.h"
#include "soql/result.h"

#include <string_view>
#include <vector>

namespace soql {

// The SOQL subset of docs/salesforce-rest.md §2.7:
//   SELECT <field, ... | COUNT()> FROM <Object> [WHERE <cond>]
//     [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]
// Keywords and functions are case-insensitive. Field names are identifiers, optionally dotted
// (Owner.Name parses; compile() then rejects it as an unknown column).
// Conditions: = != <> < <= > >= LIKE, IN (...), NOT IN (...), AND, OR, NOT, parentheses.
// As in Salesforce, AND and OR cannot be mixed at one level without parentheses.
// Values: null, TRUE/FALSE, numbers (optional sign, optional fraction), 'strings' with the escapes
// \' \" \\ \n \r \t \b \f \% \_, unquoted datetimes
// YYYY-MM-DDThh:mm:ss(.s{1,3})?(Z|+hh:mm|+hhmm|-hh:mm|-hhmm) and dates YYYY-MM-DD.
// null is only allowed with = and != (and in IN lists). Nesting is capped at 64 levels.
//
// Errors are MALFORMED_QUERY with the 1-based column, e.g. "unexpected token 'FORM' at column 17",
// except OFFSET > 2000: NUMBER_OUTSIDE_VALID_RANGE "Maximum SOQL offset allowed is 2000".

/// Parses a whole SELECT statement. Bind variables are rejected.
Result<Query> parse(std::string_view soql);

/// Parses a bare WHERE condition (no "WHERE" keyword). With allowBindVariables, `:name` may stand
/// wherever a value may (config scopes such as `s_c__outlet__c = :outletId`).
Result<ExprPtr> parseCondition(std::string_view condition, bool allowBindVariables);

/// Names (without ':') of the bind variables used in the condition, in order of first use, unique.
std::vector<std::string> bindVariables(const Expr& condition);

} // namespace soql
