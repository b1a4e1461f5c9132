// SPDX-License-Identifier: MIT
// The SOQL lexer: tokens with their column, for the parser.
#pragma once

#include "soql/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace soql {

struct Token {
    enum class Kind {
        Identifier, // names and keywords (keywords are recognised by the parser, by position)
        Number,
        String,     // text holds the unescaped value, likePattern the LIKE form
        DateTime,
        Date,
        Bind,       // ":name", text holds the name
        LParen,
        RParen,
        Comma,
        Eq,
        Ne,         // != or <>
        Lt,
        Le,
        Gt,
        Ge,
        End,
    };
    Kind kind = Kind::End;
    std::string text;        // source text, except String/Bind (see above)
    std::string likePattern; // String only
    int column = 1;          // 1-based byte column of the first character
};

/// Splits SOQL text into tokens; the first lexical error ends the run.
class Lexer {
public:
    /// All tokens ending with one End token, or MALFORMED_QUERY naming the column.
    static Result<std::vector<Token>> tokenize(std::string_view text);
};

/// How a token appears in "unexpected token '...'" messages: its source text, with control and
/// non-ASCII bytes shown as \xNN so messages stay printable.
std::string printable(std::string_view text);

} // namespace soql
