// SPDX-License-Identifier: MIT
// Salesforce Ids: the 18-character checksum, case restored from it, and made-up Ids for seeds.
#include "soql/ids.h"

namespace soql {

namespace {

constexpr std::string_view kChecksumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
constexpr std::string_view kDigits62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool isAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::string checksum(std::string_view id15)
{
    std::string out;
    for (int block = 0; block < 3; ++block) {
        unsigned bits = 0;
        for (int i = 0; i < 5; ++i) {
            if (isUpper(id15[static_cast<std::size_t>(block * 5 + i)]))
                bits |= 1u << i;
        }
        out += kChecksumAlphabet[bits];
    }
    return out;
}

} // namespace

std::string to18(std::string_view id15)
{
    if (id15.size() != 15)
        return std::string(id15);
    return std::string(id15) + checksum(id15);
}

std::optional<std::string> normalizeId(std::string_view id)
{
    if (id.size() != 15 && id.size() != 18)
        return std::nullopt;
    for (char c : id) {
        if (!isAlnum(c))
            return std::nullopt;
    }
    if (id.size() == 15)
        return to18(id);
    std::string base(id.substr(0, 15));
    for (int block = 0; block < 3; ++block) {
        char c = id[static_cast<std::size_t>(15 + block)];
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        const auto bits = kChecksumAlphabet.find(c);
        if (bits == std::string_view::npos)
            return std::nullopt;
        for (int i = 0; i < 5; ++i) {
            char& ch = base[static_cast<std::size_t>(block * 5 + i)];
            const bool upper = (bits >> i) & 1u;
            if (upper && ch >= 'a' && ch <= 'z')
                ch = static_cast<char>(ch - 'a' + 'A');
            else if (!upper && ch >= 'A' && ch <= 'Z')
                ch = static_cast<char>(ch - 'A' + 'a');
            else if (upper && !isUpper(ch))
                return std::nullopt; // a digit cannot be upper case: not a real checksum
        }
    }
    return to18(base);
}

std::string makeId(std::string_view prefix3, uint64_t counter, IdDigits base)
{
    std::string id(prefix3.substr(0, 3));
    id.resize(3, '0');
    const uint64_t radix = base == IdDigits::Base62 ? 62 : 36; // base 36: the first 36 of the 62
    std::string digits(12, '0');
    for (int i = 11; i >= 0 && counter > 0; --i) {
        digits[static_cast<std::size_t>(i)] = kDigits62[counter % radix];
        counter /= radix;
    }
    return to18(id + digits);
}

} // namespace soql
