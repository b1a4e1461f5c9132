// SPDX-License-Identifier: MIT
// Result<T> and Error: a value or a Salesforce-style error code and message.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace soql {

// Error codes, spelled as Salesforce's errorCode values so the emulator can send them unchanged.
inline constexpr const char* kMalformedQuery = "MALFORMED_QUERY";
inline constexpr const char* kInvalidField = "INVALID_FIELD";
inline constexpr const char* kInvalidType = "INVALID_TYPE";
inline constexpr const char* kNumberOutsideValidRange = "NUMBER_OUTSIDE_VALID_RANGE";
inline constexpr const char* kInvalidQueryFilterOperator = "INVALID_QUERY_FILTER_OPERATOR";

/// A parse or compile failure: a Salesforce errorCode plus a human-readable message.
struct Error {
    std::string code;
    std::string message;
};

/// A value or an Error; a small stand-in for std::expected, which C++20 lacks.
template<class T>
class Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Precondition: ok(). Calling value() on an error throws std::bad_variant_access.
    const T& value() const& { return std::get<0>(m_v); }
    T& value() & { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }

    // Precondition: !ok().
    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

} // namespace soql
