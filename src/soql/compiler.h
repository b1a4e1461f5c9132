// SPDX-License-Identifier: MIT
// compile(): SOQL to SQLite for the emulator, with the values to bind.
#pragma once

#include "soql/ast.h"
#include "soql/result.h"
#include "soql/schema.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace soql {

/// A value to bind to a `?` parameter, in order: null, INTEGER, REAL or TEXT.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

/// One SQLite statement equivalent to a SOQL query.
struct CompiledQuery {
    bool isCount = false;
    std::vector<const FieldDef*> fields; // selected fields in SELECT order (point into the schema)
    std::string sql;                     // records: yields rowid per row; count: one COUNT(*) row
    std::vector<SqlValue> params;        // bind in order to ?1, ?2, ...
};

// compile() turns a parsed Query into SQL over the storage contract of schema.h:
//   records: SELECT rowid FROM "<table>" [WHERE (<cond>) [AND "IsDeleted" = 0]]
//            ORDER BY <items>, rowid LIMIT ? OFFSET ?
//   count:   SELECT COUNT(*) FROM (SELECT 1 FROM "<table>" WHERE ... LIMIT ? OFFSET ?)
// Without includeDeleted the table must have an IsDeleted INTEGER column.
// Choices (Salesforce semantics, as far as SQLite allows):
// - Every field is checked against the schema (INVALID_FIELD "No such column 'Foo' on entity
//   'Account'"), the object too (INVALID_TYPE). Duplicate selected fields are MALFORMED_QUERY.
// - Values must fit the field type (MALFORMED_QUERY "value of filter criterion for field 'X' must be
//   of type dateTime and should not be enclosed in quotes", ...). Id/Reference values must be
//   15- or 18-character Ids (INVALID_QUERY_FILTER_OPERATOR "invalid ID field: x"); they are
//   normalised to the 18-character form, restoring case from the checksum.
// - LIKE only on String fields; <, <=, >, >= not on Boolean (INVALID_QUERY_FILTER_OPERATOR).
// - Null-safe two-valued logic as in SOQL: "f != 'x'" and "f NOT IN (...)" match rows where f is
//   null; "f < x" and LIKE never match null; "f = null" is IS NULL.
// - String comparisons (=, !=, <, >, IN, LIKE) and String ORDER BY are ASCII case-insensitive
//   (COLLATE NOCASE; LIKE is SQLite's ASCII-insensitive LIKE with ESCAPE '\').
//   Id/Reference/DateTime/Date compare and sort bytewise.
// - ORDER BY nulls: first when ascending, last when descending unless NULLS FIRST/LAST says
//   otherwise. rowid is always the last sort key, so ties (and queries without ORDER BY) come
//   back in insertion order and repeated runs give the same pages.
// - LIMIT caps a COUNT() as in Salesforce; without LIMIT, -1 (no limit) is bound.
// - A bind variable in the query is MALFORMED_QUERY (parse() never produces one).
Result<CompiledQuery> compile(const Query& query, const ObjectSchema& schema, bool includeDeleted);

/// INVALID_TYPE error for an sObject the caller has no schema for, worded like Salesforce.
Error invalidTypeError(std::string_view object);

} // namespace soql
