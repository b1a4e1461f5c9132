// SPDX-License-Identifier: MIT
// Salesforce-shaped responses (JSON, error arrays, per-record results) and the small request helpers
// every route shares: body parsing with a depth limit, comma lists, the data path split.
#pragma once

#include "emulator/request.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace emu {

struct WriteError;

inline constexpr const char *kJsonType = "application/json;charset=UTF-8";

Response jsonResponse(int status, std::string body);
Response jsonResponse(int status, const nlohmann::json &j);
/// `[{"message":...,"errorCode":...,"fields"?:[...]}]`, the request-level error shape (reference §5.1).
Response errorResponse(int status, const std::string &code, const std::string &message,
                       const std::vector<std::string> &fields = {});
Response notFound();
Response methodNotAllowed(const std::string &method, const std::string &allowed);
Response noContent();
Response jsonParserError(const std::string &what = "Unexpected end of input or malformed JSON");
/// Parses a request body; false for invalid JSON or nesting deeper than a recursive walk may go.
bool parseBody(const std::string &body, nlohmann::json *out);
/// Parses a batch body, {"<itemsKey>": [...], "allOrNone"?: bool}, into *items and *allOrNone
/// (false unless given as true); the refusal to answer instead when it is not JSON or not that shape.
std::optional<Response> parseBatchBody(const std::string &body, const char *itemsKey, nlohmann::json *items,
                                       bool *allOrNone);

/// Per-record results of collections: errors use `statusCode` (reference §4.2).
nlohmann::json recordError(const std::string &code, const std::string &message,
                           const std::vector<std::string> &fields = {});
nlohmann::json failure(const nlohmann::json &error);
/// A record the store refused (create, update, upsert): `id` null, as Salesforce writes it.
nlohmann::json failure(const WriteError &e);
nlohmann::json success(const std::string &id);

/// "a, b,,c" -> {"a","b","c"}.
std::vector<std::string> splitList(const std::string &s);
std::string lowerAscii(std::string s);
std::string sobjectUrl(const std::string &version, const std::string &object, const std::string &id);
/// The record Id a stored JSON starts with: {"Id":"<18 chars>" (Id is always the first field).
std::string_view idOfJson(std::string_view j);
bool isLoopback(const std::string &addr);
std::string html503();

/// A path under /services/data/vNN.N: the version ("62.0") and the segments after it.
struct DataPath
{
    std::string version;
    std::vector<std::string> segments;
};
/// "/services/data/v62.0/sobjects/Contact/" -> {"62.0", {"sobjects", "Contact"}}; nullopt when the
/// path is not under a version, or a segment is empty ("a//b"). Linear, whatever the length.
std::optional<DataPath> parseDataPath(std::string_view path);
/// "a/b/c" -> {"a","b","c"}; "" -> {}; a trailing "/" adds no segment.
std::vector<std::string> splitSegments(std::string_view rest);

} // namespace emu
