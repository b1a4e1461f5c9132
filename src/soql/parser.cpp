// SPDX-License-Identifier: MIT
// The SOQL parser: recursive descent over the lexer's tokens into the syntax tree, with
// Salesforce's error codes and wording, nesting capped.
#include "soql/parser.h"

#include "soql/datetime.h"
#include "soql/lexer.h"
#include "soql/schema.h"
#include "soql/text.h"

#include <charconv>

namespace soql {

const char* opText(CompareOp op)
{
    switch (op) {
    case CompareOp::Eq: return "=";
    case CompareOp::Ne: return "!=";
    case CompareOp::Lt: return "<";
    case CompareOp::Le: return "<=";
    case CompareOp::Gt: return ">";
    case CompareOp::Ge: return ">=";
    case CompareOp::Like: return "LIKE";
    }
    return "?";
}

namespace {

constexpr int kMaxDepth = 64;
constexpr int64_t kMaxOffset = 2000;

/// Recursive-descent parser over the token list; one instance per parse call.
class Parser {
public:
    Parser(std::vector<Token> tokens, bool allowBinds) : m_tokens(std::move(tokens)), m_allowBinds(allowBinds) {}

    Result<Query> query();
    Result<ExprPtr> conditionOnly();

private:
    const Token& peek(std::size_t ahead = 0) const
    {
        const std::size_t i = m_pos + ahead;
        return i < m_tokens.size() ? m_tokens[i] : m_tokens.back();
    }
    const Token& take() { return m_tokens[m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos]; }
    bool isKeyword(const Token& t, std::string_view word) const
    {
        return t.kind == Token::Kind::Identifier && equalsIgnoreCase(t.text, word);
    }
    bool acceptKeyword(std::string_view word)
    {
        if (!isKeyword(peek(), word))
            return false;
        take();
        return true;
    }
    Error unexpected(const Token& t, std::string_view hint = {}) const
    {
        std::string msg;
        if (t.kind == Token::Kind::End)
            msg = "unexpected end of query at column " + std::to_string(t.column);
        else if (t.kind == Token::Kind::String)
            msg = "unexpected token '" + printable("'" + t.text + "'") + "' at column " + std::to_string(t.column);
        else if (t.kind == Token::Kind::Bind)
            msg = "unexpected token ':" + t.text + "' at column " + std::to_string(t.column);
        else
            msg = "unexpected token '" + printable(t.text) + "' at column " + std::to_string(t.column);
        if (!hint.empty())
            msg += std::string(", ") + std::string(hint);
        return Error{kMalformedQuery, msg};
    }
    Error unexpectedEnd(std::string_view hint) const { return unexpected(peek(), hint); }

    Result<ExprPtr> condition(int depth);
    Result<ExprPtr> term(int depth);
    Result<ExprPtr> simple();
    Result<Literal> literal();
    Result<int64_t> count(std::string_view clause);
    bool fieldToken(const Token& t) const { return t.kind == Token::Kind::Identifier && !isReservedWord(t.text); }

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    bool m_allowBinds = false;
};

Result<Query> Parser::query()
{
    Query q;
    if (!acceptKeyword("SELECT"))
        return unexpected(peek(), "expected SELECT");
    if (isKeyword(peek(), "COUNT") && peek(1).kind == Token::Kind::LParen) {
        const Token& countTok = take();
        take();
        if (peek().kind != Token::Kind::RParen)
            return unexpected(peek(), "COUNT() takes no argument here");
        take();
        q.isCount = true;
        if (peek().kind == Token::Kind::Comma)
            return Error{kMalformedQuery, "COUNT() must be the only item in the SELECT list (column "
                                              + std::to_string(countTok.column) + ")"};
    } else {
        for (;;) {
            const Token& t = peek();
            if (!fieldToken(t))
                return unexpected(t, "expected a field name");
            if (isKeyword(t, "COUNT") && peek(1).kind == Token::Kind::LParen)
                return Error{kMalformedQuery,
                             "COUNT() must be the only item in the SELECT list (column " + std::to_string(t.column) + ")"};
            for (const std::string& f : q.fields) {
                if (equalsIgnoreCase(f, t.text))
                    return Error{kMalformedQuery, "duplicate field selected: " + t.text};
            }
            q.fields.push_back(t.text);
            q.fieldColumns.push_back(t.column);
            take();
            if (peek().kind != Token::Kind::Comma)
                break;
            take();
        }
    }
    if (!acceptKeyword("FROM"))
        return unexpected(peek());
    const Token& obj = peek();
    if (obj.kind != Token::Kind::Identifier || isReservedWord(obj.text) || obj.text.find('.') != std::string::npos)
        return unexpected(obj, "expected an object name");
    q.object = obj.text;
    q.objectColumn = obj.column;
    take();

    if (acceptKeyword("WHERE")) {
        auto cond = condition(0);
        if (!cond)
            return cond.error();
        q.where = std::move(cond).value();
    }
    if (isKeyword(peek(), "ORDER")) {
        const Token& orderTok = take();
        if (!acceptKeyword("BY"))
            return unexpected(peek(), "expected BY");
        if (q.isCount)
            return Error{kMalformedQuery,
                         "ORDER BY cannot be used with COUNT() (column " + std::to_string(orderTok.column) + ")"};
        for (;;) {
            const Token& f = peek();
            if (!fieldToken(f))
                return unexpected(f, "expected a field name");
            OrderItem item;
            item.field = f.text;
            item.fieldColumn = f.column;
            take();
            if (acceptKeyword("DESC"))
                item.descending = true;
            else
                acceptKeyword("ASC");
            if (acceptKeyword("NULLS")) {
                if (acceptKeyword("FIRST"))
                    item.nulls = OrderItem::Nulls::First;
                else if (acceptKeyword("LAST"))
                    item.nulls = OrderItem::Nulls::Last;
                else
                    return unexpected(peek(), "expected FIRST or LAST");
            }
            q.orderBy.push_back(std::move(item));
            if (peek().kind != Token::Kind::Comma)
                break;
            take();
        }
    }
    if (acceptKeyword("LIMIT")) {
        auto n = count("LIMIT");
        if (!n)
            return n.error();
        q.limit = n.value();
    }
    if (acceptKeyword("OFFSET")) {
        auto n = count("OFFSET");
        if (!n)
            return n.error();
        if (n.value() > kMaxOffset)
            return Error{kNumberOutsideValidRange, "Maximum SOQL offset allowed is 2000"};
        q.offset = n.value();
    }
    if (peek().kind != Token::Kind::End)
        return unexpected(peek());
    return q;
}

Result<int64_t> Parser::count(std::string_view clause)
{
    const Token& t = peek();
    if (t.kind != Token::Kind::Number)
        return unexpected(t, std::string(clause) + " expects a non-negative integer");
    int64_t n = 0;
    const char* first = t.text.data();
    const char* last = first + t.text.size();
    if (*first == '+')
        ++first;
    const auto [ptr, ec] = std::from_chars(first, last, n);
    if (ec == std::errc::result_out_of_range)
        return Error{kNumberOutsideValidRange,
                     std::string(clause) + " value " + t.text + " is too large at column " + std::to_string(t.column)};
    if (ec != std::errc() || ptr != last || n < 0)
        return Error{kMalformedQuery, std::string(clause) + " expects a non-negative integer, found '" + t.text
                                          + "' at column " + std::to_string(t.column)};
    take();
    return n;
}

Result<ExprPtr> Parser::conditionOnly()
{
    auto cond = condition(0);
    if (!cond)
        return cond.error();
    if (peek().kind != Token::Kind::End)
        return unexpected(peek());
    return cond;
}

Result<ExprPtr> Parser::condition(int depth)
{
    auto first = term(depth);
    if (!first)
        return first;
    if (!isKeyword(peek(), "AND") && !isKeyword(peek(), "OR"))
        return first;
    const bool isAnd = isKeyword(peek(), "AND");
    auto node = std::make_shared<Expr>();
    node->kind = isAnd ? Expr::Kind::And : Expr::Kind::Or;
    node->children.push_back(std::move(first).value());
    for (;;) {
        if (isKeyword(peek(), isAnd ? "OR" : "AND"))
            return unexpected(peek(), "use parentheses when mixing AND and OR");
        if (!acceptKeyword(isAnd ? "AND" : "OR"))
            break;
        auto next = term(depth);
        if (!next)
            return next;
        node->children.push_back(std::move(next).value());
    }
    return ExprPtr(std::move(node));
}

Result<ExprPtr> Parser::term(int depth)
{
    if (depth >= kMaxDepth)
        return Error{kMalformedQuery, "condition nested too deeply at column " + std::to_string(peek().column)};
    if (isKeyword(peek(), "NOT")) {
        take();
        auto inner = term(depth + 1);
        if (!inner)
            return inner;
        auto node = std::make_shared<Expr>();
        node->kind = Expr::Kind::Not;
        node->children.push_back(std::move(inner).value());
        return ExprPtr(std::move(node));
    }
    if (peek().kind == Token::Kind::LParen) {
        take();
        auto inner = condition(depth + 1);
        if (!inner)
            return inner;
        if (peek().kind != Token::Kind::RParen)
            return unexpected(peek(), "expected ')'");
        take();
        return inner;
    }
    return simple();
}

Result<ExprPtr> Parser::simple()
{
    const Token& f = peek();
    if (!fieldToken(f))
        return unexpected(f, "expected a field name");
    auto node = std::make_shared<Expr>();
    node->field = f.text;
    node->fieldColumn = f.column;
    take();

    bool notIn = false;
    if (isKeyword(peek(), "NOT") && isKeyword(peek(1), "IN")) {
        take();
        notIn = true;
    }
    if (acceptKeyword("IN")) {
        node->kind = Expr::Kind::In;
        node->negated = notIn;
        if (peek().kind != Token::Kind::LParen)
            return unexpected(peek(), "expected '(' after IN");
        take();
        for (;;) {
            auto v = literal();
            if (!v)
                return v.error();
            node->values.push_back(std::move(v).value());
            if (peek().kind == Token::Kind::Comma) {
                take();
                continue;
            }
            if (peek().kind != Token::Kind::RParen)
                return unexpected(peek(), "expected ',' or ')'");
            take();
            break;
        }
        return ExprPtr(std::move(node));
    }

    node->kind = Expr::Kind::Compare;
    const Token& opTok = peek();
    switch (opTok.kind) {
    case Token::Kind::Eq: node->op = CompareOp::Eq; break;
    case Token::Kind::Ne: node->op = CompareOp::Ne; break;
    case Token::Kind::Lt: node->op = CompareOp::Lt; break;
    case Token::Kind::Le: node->op = CompareOp::Le; break;
    case Token::Kind::Gt: node->op = CompareOp::Gt; break;
    case Token::Kind::Ge: node->op = CompareOp::Ge; break;
    default:
        if (isKeyword(opTok, "LIKE")) {
            node->op = CompareOp::Like;
            break;
        }
        return unexpected(opTok, "expected an operator");
    }
    take();
    auto v = literal();
    if (!v)
        return v.error();
    node->value = std::move(v).value();
    if (node->value.kind == Literal::Kind::Null && node->op != CompareOp::Eq && node->op != CompareOp::Ne)
        return Error{kMalformedQuery, std::string("null can only be compared with = or != (operator ") + opText(node->op)
                                          + " at column " + std::to_string(opTok.column) + ")"};
    return ExprPtr(std::move(node));
}

Result<Literal> Parser::literal()
{
    const Token& t = peek();
    Literal lit;
    lit.column = t.column;
    switch (t.kind) {
    case Token::Kind::Number:
        lit.kind = Literal::Kind::Number;
        lit.text = t.text;
        break;
    case Token::Kind::String:
        lit.kind = Literal::Kind::String;
        lit.text = t.text;
        lit.likePattern = t.likePattern;
        break;
    case Token::Kind::DateTime:
        if (!normalizeDateTime(t.text))
            return Error{kMalformedQuery,
                         "invalid datetime literal '" + t.text + "' at column " + std::to_string(t.column)};
        lit.kind = Literal::Kind::DateTime;
        lit.text = t.text;
        break;
    case Token::Kind::Date:
        if (!normalizeDate(t.text))
            return Error{kMalformedQuery, "invalid date literal '" + t.text + "' at column " + std::to_string(t.column)};
        lit.kind = Literal::Kind::Date;
        lit.text = t.text;
        break;
    case Token::Kind::Bind:
        if (!m_allowBinds)
            return Error{kMalformedQuery, "bind variable ':" + t.text + "' not allowed at column " + std::to_string(t.column)};
        lit.kind = Literal::Kind::Bind;
        lit.text = t.text;
        break;
    case Token::Kind::Identifier:
        if (equalsIgnoreCase(t.text, "null")) {
            lit.kind = Literal::Kind::Null;
        } else if (equalsIgnoreCase(t.text, "true") || equalsIgnoreCase(t.text, "false")) {
            lit.kind = Literal::Kind::Boolean;
            lit.text = equalsIgnoreCase(t.text, "true") ? "true" : "false";
        } else {
            return unexpected(t, "expected a value");
        }
        break;
    default:
        return unexpected(t, "expected a value");
    }
    take();
    return lit;
}

void collectBinds(const Expr& e, std::vector<std::string>& out)
{
    auto add = [&out](const Literal& l) {
        if (l.kind != Literal::Kind::Bind)
            return;
        for (const std::string& s : out) {
            if (s == l.text)
                return;
        }
        out.push_back(l.text);
    };
    switch (e.kind) {
    case Expr::Kind::And:
    case Expr::Kind::Or:
    case Expr::Kind::Not:
        for (const ExprPtr& c : e.children) {
            if (c)
                collectBinds(*c, out);
        }
        break;
    case Expr::Kind::Compare: add(e.value); break;
    case Expr::Kind::In:
        for (const Literal& l : e.values)
            add(l);
        break;
    }
}

} // namespace

Result<Query> parse(std::string_view soql)
{
    auto tokens = Lexer::tokenize(soql);
    if (!tokens)
        return tokens.error();
    Parser p(std::move(tokens).value(), false);
    return p.query();
}

Result<ExprPtr> parseCondition(std::string_view condition, bool allowBindVariables)
{
    auto tokens = Lexer::tokenize(condition);
    if (!tokens)
        return tokens.error();
    Parser p(std::move(tokens).value(), allowBindVariables);
    return p.conditionOnly();
}

std::vector<std::string> bindVariables(const Expr& condition)
{
    std::vector<std::string> out;
    collectBinds(condition, out);
    return out;
}

} // namespace soql
