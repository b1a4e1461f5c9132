// SPDX-License-Identifier: MIT
// compile(): a parsed SOQL query into one parameterised SQLite statement on the emulator's tables
// (values bound, never spliced; literal types checked against the fields).
#include "soql/compiler.h"

#include "soql/datetime.h"
#include "soql/ids.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace soql {

namespace {

std::string quoteIdent(std::string_view name)
{
    std::string out = "\"";
    for (char c : name) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

/// Builds the SQL text and parameter list for one query; one instance per compile() call.
class Compiler {
public:
    Compiler(const ObjectSchema& schema, CompiledQuery& out) : m_schema(schema), m_out(out) {}

    Result<const FieldDef*> resolve(const std::string& name) const
    {
        if (const FieldDef* f = m_schema.field(name))
            return f;
        if (name.find('.') != std::string::npos) {
            const std::string rel = name.substr(0, name.find('.'));
            return Error{kInvalidField, "Didn't understand relationship '" + rel
                                            + "' in field path. If you are attempting to use a custom relationship, be "
                                              "sure to append the '__r' after the custom relationship name."};
        }
        return Error{kInvalidField, "No such column '" + name + "' on entity '" + m_schema.name
                                        + "'. If you are attempting to use a custom field, be sure to append the '__c' "
                                          "after the custom field name."};
    }

    Result<bool> expr(const Expr& e, std::string& sql);

private:
    Result<SqlValue> value(const FieldDef& f, const Literal& lit, CompareOp op);
    static std::string column(const FieldDef& f)
    {
        return quoteIdent(f.name) + (f.type == FieldType::String ? " COLLATE NOCASE" : "");
    }

    const ObjectSchema& m_schema;
    CompiledQuery& m_out;
};

Error typeError(const FieldDef& f, const Literal& lit)
{
    std::string msg = "value of filter criterion for field '" + f.name + "' must be of type " + fieldTypeName(f.type);
    const bool wantsQuotes = f.type == FieldType::String || f.type == FieldType::Id || f.type == FieldType::Reference;
    if (wantsQuotes)
        msg += " and should be enclosed in quotes";
    else if (lit.kind == Literal::Kind::String)
        msg += " and should not be enclosed in quotes";
    return Error{kMalformedQuery, msg};
}

Result<SqlValue> Compiler::value(const FieldDef& f, const Literal& lit, CompareOp op)
{
    if (lit.kind == Literal::Kind::Bind)
        return Error{kMalformedQuery,
                     "bind variable ':" + lit.text + "' not allowed at column " + std::to_string(lit.column)};
    if (lit.kind == Literal::Kind::Null)
        return SqlValue{};
    switch (f.type) {
    case FieldType::Id:
    case FieldType::Reference: {
        if (lit.kind != Literal::Kind::String)
            return typeError(f, lit);
        auto id = normalizeId(lit.text);
        if (!id)
            return Error{kInvalidQueryFilterOperator, "invalid ID field: " + lit.text};
        return SqlValue{*id};
    }
    case FieldType::String:
        if (lit.kind != Literal::Kind::String)
            return typeError(f, lit);
        return SqlValue{op == CompareOp::Like ? lit.likePattern : lit.text};
    case FieldType::Boolean:
        if (lit.kind != Literal::Kind::Boolean)
            return typeError(f, lit);
        return SqlValue{int64_t{lit.text == "true" ? 1 : 0}};
    case FieldType::Int:
    case FieldType::Double: {
        if (lit.kind != Literal::Kind::Number)
            return typeError(f, lit);
        const char* first = lit.text.data();
        const char* last = first + lit.text.size();
        if (*first == '+')
            ++first;
        if (f.type == FieldType::Int && lit.text.find('.') == std::string::npos) {
            int64_t n = 0;
            const auto [ptr, ec] = std::from_chars(first, last, n);
            if (ec == std::errc() && ptr == last)
                return SqlValue{n};
        }
        // strtod: the text is digits with an optional fraction, so it always parses; huge values
        // become inf, which SQLite compares as a REAL.
        const std::string text(first, last);
        const double d = std::strtod(text.c_str(), nullptr);
        if (!std::isfinite(d))
            return Error{kNumberOutsideValidRange, "number " + lit.text + " is out of range for field '" + f.name + "'"};
        return SqlValue{d};
    }
    case FieldType::DateTime: {
        if (lit.kind != Literal::Kind::DateTime)
            return typeError(f, lit);
        auto norm = normalizeDateTime(lit.text);
        if (!norm)
            return Error{kMalformedQuery, "invalid datetime literal '" + lit.text + "'"};
        return SqlValue{*norm};
    }
    case FieldType::Date: {
        if (lit.kind != Literal::Kind::Date)
            return typeError(f, lit);
        auto norm = normalizeDate(lit.text);
        if (!norm)
            return Error{kMalformedQuery, "invalid date literal '" + lit.text + "'"};
        return SqlValue{*norm};
    }
    }
    return typeError(f, lit);
}

Result<bool> Compiler::expr(const Expr& e, std::string& sql)
{
    switch (e.kind) {
    case Expr::Kind::And:
    case Expr::Kind::Or: {
        sql += '(';
        bool first = true;
        for (const ExprPtr& c : e.children) {
            if (!c)
                return Error{kMalformedQuery, "empty condition"};
            if (!first)
                sql += e.kind == Expr::Kind::And ? " AND " : " OR ";
            first = false;
            auto r = expr(*c, sql);
            if (!r)
                return r;
        }
        sql += ')';
        return true;
    }
    case Expr::Kind::Not: {
        if (e.children.size() != 1 || !e.children[0])
            return Error{kMalformedQuery, "NOT needs one condition"};
        sql += "(NOT ";
        auto r = expr(*e.children[0], sql);
        if (!r)
            return r;
        sql += ')';
        return true;
    }
    case Expr::Kind::Compare: {
        auto f = resolve(e.field);
        if (!f)
            return f.error();
        const FieldDef& field = *f.value();
        const bool ordering = e.op == CompareOp::Lt || e.op == CompareOp::Le || e.op == CompareOp::Gt
            || e.op == CompareOp::Ge;
        if (e.op == CompareOp::Like && field.type != FieldType::String)
            return Error{kInvalidQueryFilterOperator,
                         "invalid operator on " + std::string(fieldTypeName(field.type)) + " field: " + field.name};
        if (ordering && field.type == FieldType::Boolean)
            return Error{kInvalidQueryFilterOperator, std::string("invalid operator ") + opText(e.op)
                                                          + " on boolean field: " + field.name};
        auto v = value(field, e.value, e.op);
        if (!v)
            return v.error();
        const std::string col = column(field);
        const std::string name = quoteIdent(field.name);
        if (std::holds_alternative<std::monostate>(v.value())) {
            if (e.op != CompareOp::Eq && e.op != CompareOp::Ne)
                return Error{kMalformedQuery, "null can only be compared with = or !="};
            sql += name + (e.op == CompareOp::Eq ? " IS NULL" : " IS NOT NULL");
            return true;
        }
        m_out.params.push_back(std::move(v).value());
        switch (e.op) {
        // IS / IS NOT are null-safe, so "f != x" also matches rows where f is null, as in SOQL.
        case CompareOp::Eq: sql += col + " IS ?"; break;
        case CompareOp::Ne: sql += col + " IS NOT ?"; break;
        case CompareOp::Like: sql += "(" + col + " LIKE ? ESCAPE '\\' AND " + name + " IS NOT NULL)"; break;
        default: sql += "(" + col + " " + opText(e.op) + " ? AND " + name + " IS NOT NULL)"; break;
        }
        return true;
    }
    case Expr::Kind::In: {
        auto f = resolve(e.field);
        if (!f)
            return f.error();
        const FieldDef& field = *f.value();
        if (e.values.empty())
            return Error{kMalformedQuery, "IN needs at least one value"};
        std::string list;
        bool hasNull = false;
        for (const Literal& lit : e.values) {
            auto v = value(field, lit, CompareOp::Eq);
            if (!v)
                return v.error();
            if (std::holds_alternative<std::monostate>(v.value())) {
                hasNull = true;
                continue;
            }
            list += list.empty() ? "?" : ", ?";
            m_out.params.push_back(std::move(v).value());
        }
        const std::string name = quoteIdent(field.name);
        // Two-valued like every leaf, so that NOT IN matches nulls (unless null is in the list).
        std::string in = list.empty() ? std::string("0") : "(" + column(field) + " IN (" + list + ") AND " + name + " IS NOT NULL)";
        if (hasNull)
            in = "(" + in + " OR " + name + " IS NULL)";
        sql += e.negated ? "(NOT " + in + ")" : in;
        return true;
    }
    }
    return Error{kMalformedQuery, "unknown condition"};
}

} // namespace

Error invalidTypeError(std::string_view object)
{
    return Error{kInvalidType, "sObject type '" + std::string(object)
                                   + "' is not supported. If you are attempting to use a custom object, be sure to "
                                     "append the '__c' after the entity name. Please reference your WSDL or the "
                                     "describe call for the appropriate names."};
}

Result<CompiledQuery> compile(const Query& query, const ObjectSchema& schema, bool includeDeleted)
{
    if (!equalsIgnoreCase(query.object, schema.name))
        return invalidTypeError(query.object);
    CompiledQuery out;
    out.isCount = query.isCount;
    Compiler c(schema, out);

    if (query.isCount && !query.fields.empty())
        return Error{kMalformedQuery, "COUNT() must be the only item in the SELECT list"};
    if (query.isCount && !query.orderBy.empty())
        return Error{kMalformedQuery, "ORDER BY cannot be used with COUNT()"};
    if (!query.isCount && query.fields.empty())
        return Error{kMalformedQuery, "no fields selected"};
    for (const std::string& name : query.fields) {
        auto f = c.resolve(name);
        if (!f)
            return f.error();
        for (const FieldDef* seen : out.fields) {
            if (seen == f.value())
                return Error{kMalformedQuery, "duplicate field selected: " + seen->name};
        }
        out.fields.push_back(f.value());
    }

    std::string where;
    if (query.where) {
        auto r = c.expr(*query.where, where);
        if (!r)
            return r.error();
    }
    if (!includeDeleted)
        where = where.empty() ? std::string("\"IsDeleted\" = 0") : "(" + where + ") AND \"IsDeleted\" = 0";

    std::string order;
    for (const OrderItem& item : query.orderBy) {
        auto f = c.resolve(item.field);
        if (!f)
            return f.error();
        const FieldDef& field = *f.value();
        const bool nullsFirst = item.nulls == OrderItem::Nulls::Default ? !item.descending
                                                                        : item.nulls == OrderItem::Nulls::First;
        order += quoteIdent(field.name) + (field.type == FieldType::String ? " COLLATE NOCASE" : "")
            + (item.descending ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST") + ", ";
    }
    order += "rowid";

    const std::string from = " FROM " + quoteIdent(schema.table) + (where.empty() ? "" : " WHERE " + where);
    if (query.isCount)
        out.sql = "SELECT COUNT(*) FROM (SELECT 1" + from + " LIMIT ? OFFSET ?)";
    else
        out.sql = "SELECT rowid" + from + " ORDER BY " + order + " LIMIT ? OFFSET ?";
    out.params.emplace_back(query.limit.value_or(-1));
    out.params.emplace_back(query.offset.value_or(0));
    return out;
}

} // namespace soql
