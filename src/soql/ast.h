// SPDX-License-Identifier: MIT
// The SOQL syntax tree: literals, conditions, ORDER BY items and the parsed query.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soql {

/// A literal value in a condition, kept in its source form; compile() converts it per field type.
struct Literal {
    enum class Kind { Null, Boolean, Number, String, DateTime, Date, Bind };
    Kind kind = Kind::Null;
    // Null: empty. Boolean: "true"/"false". Number: as written ("-12", "3.5").
    // String: fully unescaped value. DateTime/Date: as written. Bind: the name without ':'.
    std::string text;
    // String only: the value as a SQL LIKE pattern with escape character '\': SOQL wildcards
    // % and _ stay wildcards, \% \_ and a literal backslash are escaped.
    std::string likePattern;
    int column = 0; // 1-based byte column in the parsed text
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge, Like };

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// One node of a WHERE condition tree.
struct Expr {
    enum class Kind { And, Or, Not, Compare, In };
    Kind kind = Kind::Compare;
    std::vector<ExprPtr> children; // And/Or: two or more; Not: exactly one
    std::string field;             // Compare/In: the field as written
    int fieldColumn = 0;
    CompareOp op = CompareOp::Eq;  // Compare
    Literal value;                 // Compare
    bool negated = false;          // In: NOT IN
    std::vector<Literal> values;   // In: one or more
};

struct OrderItem {
    enum class Nulls { Default, First, Last };
    std::string field;
    int fieldColumn = 0;
    bool descending = false;
    Nulls nulls = Nulls::Default; // Default: first when ascending, last when descending (SOQL)
};

/// A parsed SELECT statement.
struct Query {
    bool isCount = false;            // SELECT COUNT()
    std::vector<std::string> fields; // as written; empty when isCount
    std::vector<int> fieldColumns;   // parallel to fields
    std::string object;
    int objectColumn = 0;
    ExprPtr where;                   // null when there is no WHERE
    std::vector<OrderItem> orderBy;
    std::optional<int64_t> limit;
    std::optional<int64_t> offset;
};

/// Spelling of an operator in SOQL ("=", "!=", "LIKE", ...), for messages.
const char* opText(CompareOp op);

} // namespace soql
