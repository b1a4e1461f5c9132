// SPDX-License-Identifier: MIT
// Lexer::tokenize: SOQL text into tokens (identifiers, strings with escapes, numbers, date and
// datetime literals, bind variables, operators), errors with their column.
#include "soql/lexer.h"

#include <cstdio>

namespace soql {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isIdentStart(char c) { return isAlpha(c) || c == '_'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Error malformed(std::string message) { return Error{kMalformedQuery, std::move(message)}; }

std::string at(std::size_t pos) { return " at column " + std::to_string(pos + 1); }

bool digitsAt(std::string_view s, std::size_t pos, std::size_t count)
{
    if (pos + count > s.size())
        return false;
    for (std::size_t i = 0; i < count; ++i) {
        if (!isDigit(s[pos + i]))
            return false;
    }
    return true;
}

// Length of a datetime literal at pos (0 when none), after the date part matched:
// Thh:mm:ss(.s{1,3})?(Z|[+-]hh:?mm)
std::size_t dateTimeLength(std::string_view s, std::size_t pos)
{
    std::size_t p = pos + 10;
    if (p >= s.size() || (s[p] != 'T' && s[p] != 't'))
        return 0;
    ++p;
    if (!digitsAt(s, p, 2) || p + 2 >= s.size() || s[p + 2] != ':' || !digitsAt(s, p + 3, 2) || p + 5 >= s.size()
        || s[p + 5] != ':' || !digitsAt(s, p + 6, 2))
        return 0;
    p += 8;
    if (p < s.size() && s[p] == '.') {
        std::size_t n = 0;
        while (p + 1 + n < s.size() && isDigit(s[p + 1 + n]))
            ++n;
        if (n < 1 || n > 3)
            return 0;
        p += 1 + n;
    }
    if (p < s.size() && (s[p] == 'Z' || s[p] == 'z'))
        return p + 1 - pos;
    if (p < s.size() && (s[p] == '+' || s[p] == '-') && digitsAt(s, p + 1, 2)) {
        p += 3;
        if (p < s.size() && s[p] == ':')
            ++p;
        if (!digitsAt(s, p, 2))
            return 0;
        return p + 2 - pos;
    }
    return 0;
}

} // namespace

std::string printable(std::string_view text)
{
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '\\') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

Result<std::vector<Token>> Lexer::tokenize(std::string_view s)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    auto push = [&](Token::Kind kind, std::size_t start, std::size_t end) {
        Token t;
        t.kind = kind;
        t.text = std::string(s.substr(start, end - start));
        t.column = static_cast<int>(start + 1);
        tokens.push_back(std::move(t));
    };
    while (i < s.size()) {
        const char c = s[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        if (isIdentStart(c)) {
            // Dotted paths (Owner.Name) are one identifier token.
            while (i < s.size() && (isIdentChar(s[i]) || (s[i] == '.' && i + 1 < s.size() && isIdentStart(s[i + 1]))))
                ++i;
            push(Token::Kind::Identifier, start, i);
            continue;
        }
        if (isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.size() && isDigit(s[i + 1]))) {
            if (isDigit(c) && digitsAt(s, i, 4) && i + 4 < s.size() && s[i + 4] == '-' && digitsAt(s, i + 5, 2)
                && i + 7 < s.size() && s[i + 7] == '-' && digitsAt(s, i + 8, 2)) {
                if (const std::size_t n = dateTimeLength(s, i)) {
                    i += n;
                    push(Token::Kind::DateTime, start, i);
                } else if (i + 10 < s.size() && (isIdentChar(s[i + 10]) || s[i + 10] == '.' || s[i + 10] == ':')) {
                    std::size_t e = i + 10;
                    while (e < s.size() && !isSpace(s[e]) && s[e] != ')' && s[e] != ',')
                        ++e;
                    return malformed("invalid datetime literal '" + printable(s.substr(i, e - i)) + "'" + at(start));
                } else {
                    i += 10;
                    push(Token::Kind::Date, start, i);
                }
            } else {
                ++i;
                while (i < s.size() && isDigit(s[i]))
                    ++i;
                if (i < s.size() && s[i] == '.') {
                    ++i;
                    if (i >= s.size() || !isDigit(s[i]))
                        return malformed("invalid number '" + printable(s.substr(start, i - start)) + "'" + at(start));
                    while (i < s.size() && isDigit(s[i]))
                        ++i;
                }
                if (i < s.size() && (isIdentChar(s[i]) || s[i] == '.'))
                    return malformed("invalid number '" + printable(s.substr(start, i + 1 - start)) + "'" + at(start));
                push(Token::Kind::Number, start, i);
            }
            continue;
        }
        if (c == '\'') {
            Token t;
            t.kind = Token::Kind::String;
            t.column = static_cast<int>(start + 1);
            ++i;
            bool closed = false;
            while (i < s.size()) {
                const char d = s[i];
                if (d == '\'') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == '\\') {
                    if (i + 1 >= s.size())
                        break;
                    const char e = s[i + 1];
                    char value = 0;
                    switch (e) {
                    case '\'': value = '\''; break;
                    case '"': value = '"'; break;
                    case '\\': value = '\\'; break;
                    case 'n': value = '\n'; break;
                    case 'r': value = '\r'; break;
                    case 't': value = '\t'; break;
                    case 'b': value = '\b'; break;
                    case 'f': value = '\f'; break;
                    case '%': value = '%'; break;
                    case '_': value = '_'; break;
                    default:
                        return malformed("invalid escape sequence '\\" + printable(s.substr(i + 1, 1)) + "'" + at(i));
                    }
                    t.text += value;
                    if (value == '%' || value == '_' || value == '\\')
                        t.likePattern += '\\';
                    t.likePattern += value;
                    i += 2;
                    continue;
                }
                t.text += d;
                t.likePattern += d;
                ++i;
            }
            if (!closed)
                return malformed("unterminated string literal" + at(start));
            tokens.push_back(std::move(t));
            continue;
        }
        if (c == ':') {
            ++i;
            if (i >= s.size() || !isIdentStart(s[i]))
                return malformed("invalid bind variable" + at(start));
            while (i < s.size() && isIdentChar(s[i]))
                ++i;
            Token t;
            t.kind = Token::Kind::Bind;
            t.text = std::string(s.substr(start + 1, i - start - 1));
            t.column = static_cast<int>(start + 1);
            tokens.push_back(std::move(t));
            continue;
        }
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        switch (c) {
        case '(': push(Token::Kind::LParen, start, ++i); continue;
        case ')': push(Token::Kind::RParen, start, ++i); continue;
        case ',': push(Token::Kind::Comma, start, ++i); continue;
        case '=': push(Token::Kind::Eq, start, ++i); continue;
        case '!':
            if (next == '=') {
                i += 2;
                push(Token::Kind::Ne, start, i);
                continue;
            }
            break;
        case '<':
            if (next == '=' || next == '>') {
                i += 2;
                push(next == '=' ? Token::Kind::Le : Token::Kind::Ne, start, i);
            } else {
                push(Token::Kind::Lt, start, ++i);
            }
            continue;
        case '>':
            if (next == '=') {
                i += 2;
                push(Token::Kind::Ge, start, i);
            } else {
                push(Token::Kind::Gt, start, ++i);
            }
            continue;
        default:
            break;
        }
        return malformed("unexpected character '" + printable(s.substr(i, 1)) + "'" + at(start));
    }
    Token end;
    end.kind = Token::Kind::End;
    end.column = static_cast<int>(s.size() + 1);
    tokens.push_back(std::move(end));
    return tokens;
}

} // namespace soql
