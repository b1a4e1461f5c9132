// SPDX-License-Identifier: MIT
// Salesforce-shaped responses and the helpers every route shares (see responses.h).
#include "emulator/responses.h"

#include "emulator/orgstore.h"

#include <cctype>

namespace emu {

using nlohmann::json;

namespace {
constexpr int kMaxJsonDepth = 64;
} // namespace

Response jsonResponse(int status, std::string body)
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.setHeader("Content-Type", kJsonType);
    return r;
}

Response jsonResponse(int status, const json &j)
{
    // Text from the request (a percent-decoded Id, a field name) may hold bytes that are not UTF-8:
    // they become U+FFFD instead of a throw after the work was done.
    return jsonResponse(status, j.dump(-1, ' ', false, json::error_handler_t::replace));
}

Response errorResponse(int status, const std::string &code, const std::string &message,
                       const std::vector<std::string> &fields)
{
    json e = {{"message", message}, {"errorCode", code}};
    if (!fields.empty())
        e["fields"] = fields;
    return jsonResponse(status, json::array({e}));
}

Response notFound()
{
    return errorResponse(404, "NOT_FOUND", "The requested resource does not exist");
}

Response methodNotAllowed(const std::string &method, const std::string &allowed)
{
    Response r = errorResponse(405, "METHOD_NOT_ALLOWED",
                               "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
    r.setHeader("Allow", allowed);
    return r;
}

Response noContent()
{
    Response r;
    r.status = 204;
    return r;
}

// Rejects nesting deeper than kMaxJsonDepth before parsing, so no recursive walk (dump, get)
// can exhaust the stack on a hostile body.
std::optional<Response> parseBatchBody(const std::string &body, const char *itemsKey, json *items, bool *allOrNone)
{
    json parsed;
    if (!parseBody(body, &parsed))
        return jsonParserError();
    const auto found = parsed.is_object() ? parsed.find(itemsKey) : parsed.end();
    if (!parsed.is_object() || found == parsed.end() || !found->is_array())
        return jsonParserError(std::string("The request body must be an object with a ") + itemsKey + " array");
    const auto flag = parsed.find("allOrNone");
    *allOrNone = flag != parsed.end() && flag->is_boolean() && flag->get<bool>();
    *items = std::move(*found);
    return std::nullopt;
}

bool parseBody(const std::string &body, json *out)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    *out = json::parse(body, nullptr, false);
    return !out->is_discarded();
}

Response jsonParserError(const std::string &what)
{
    return errorResponse(400, "JSON_PARSER_ERROR", what);
}

json recordError(const std::string &code, const std::string &message, const std::vector<std::string> &fields)
{
    return {{"statusCode", code}, {"message", message}, {"fields", fields}};
}

json failure(const json &error)
{
    return {{"success", false}, {"errors", json::array({error})}};
}

json failure(const WriteError &e)
{
    json r = failure(recordError(e.code, e.message, e.fields));
    r["id"] = nullptr;
    return r;
}

json success(const std::string &id)
{
    return {{"id", id}, {"success", true}, {"errors", json::array()}};
}

bool isLoopback(const std::string &addr)
{
    return addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0 || addr == "localhost";
}

std::vector<std::string> splitList(const std::string &s)
{
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= s.size()) {
        size_t comma = s.find(',', pos);
        if (comma == std::string::npos)
            comma = s.size();
        std::string item = s.substr(pos, comma - pos);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (!item.empty())
            out.push_back(item);
        pos = comma + 1;
    }
    return out;
}

std::string lowerAscii(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string sobjectUrl(const std::string &version, const std::string &object, const std::string &id)
{
    return "/services/data/v" + version + "/sobjects/" + object + "/" + id;
}

std::string_view idOfJson(std::string_view j)
{
    return j.size() >= 25 ? j.substr(7, 18) : std::string_view();
}

std::string html503()
{
    return "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service "
           "Unavailable</h1><p>The server is temporarily unable to service your request. Please try again "
           "later.</p></body></html>";
}
std::vector<std::string> splitSegments(std::string_view rest)
{
    std::vector<std::string> out;
    if (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    size_t pos = 0;
    while (!rest.empty() && pos <= rest.size()) {
        size_t slash = rest.find('/', pos);
        if (slash == std::string_view::npos)
            slash = rest.size();
        out.emplace_back(rest.substr(pos, slash - pos));
        pos = slash + 1;
    }
    return out;
}

std::optional<DataPath> parseDataPath(std::string_view path)
{
    // /services/data/v<1-4 digits>.<1-2 digits>[/...], read by hand: std::regex recursed once per
    // character and overflowed the stack on a long composite subrequest URL.
    constexpr std::string_view prefix = "/services/data/v";
    if (path.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    std::string_view rest = path.substr(prefix.size());
    auto digits = [&rest](size_t from) {
        size_t i = from;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i])))
            ++i;
        return i - from;
    };
    const size_t major = digits(0);
    if (major < 1 || major > 4 || major >= rest.size() || rest[major] != '.')
        return std::nullopt;
    const size_t minor = digits(major + 1);
    if (minor < 1 || minor > 2)
        return std::nullopt;
    DataPath out;
    out.version = std::string(rest.substr(0, major + 1 + minor));
    rest.remove_prefix(out.version.size());
    if (rest.empty())
        return out;
    if (rest.front() != '/')
        return std::nullopt;
    out.segments = splitSegments(rest.substr(1));
    for (const auto &s : out.segments) {
        if (s.empty())
            return std::nullopt;
    }
    return out;
}

} // namespace emu
