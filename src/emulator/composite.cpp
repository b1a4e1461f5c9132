// SPDX-License-Identifier: MIT
// POST /composite: reference substitution, the subrequest loop and allOrNone (see composite.h).
#include "emulator/composite.h"

#include "emulator/orgstore.h"

#include <map>

namespace emu {

using nlohmann::json;

namespace {
constexpr size_t kMaxComposite = 25;

// Resolves "id" or "records[0].Id" inside a previous subrequest's body.
const json *resolvePath(const json &root, const std::string &path)
{
    const json *cur = &root;
    size_t pos = 0;
    while (pos < path.size()) {
        size_t end = path.find_first_of(".[", pos);
        if (end == std::string::npos)
            end = path.size();
        if (end > pos) {
            const std::string key = path.substr(pos, end - pos);
            if (!cur->is_object() || !cur->contains(key))
                return nullptr;
            cur = &(*cur)[key];
        }
        pos = end;
        if (pos < path.size() && path[pos] == '[') {
            const size_t close = path.find(']', pos);
            if (close == std::string::npos || close == pos + 1 || close - pos > 8)
                return nullptr;
            const std::string digits = path.substr(pos + 1, close - pos - 1);
            if (digits.find_first_not_of("0123456789") != std::string::npos || !cur->is_array())
                return nullptr;
            const size_t index = std::stoul(digits);
            if (index >= cur->size())
                return nullptr;
            cur = &(*cur)[index];
            pos = close + 1;
        }
        if (pos < path.size() && path[pos] == '.')
            ++pos;
    }
    return cur;
}

bool substituteRefs(std::string &text, const std::map<std::string, json> &bodies)
{
    size_t pos = 0;
    while ((pos = text.find("@{", pos)) != std::string::npos) {
        const size_t close = text.find('}', pos);
        if (close == std::string::npos)
            return false;
        const std::string ref = text.substr(pos + 2, close - pos - 2);
        const size_t dot = ref.find_first_of(".[");
        const auto it = bodies.find(ref.substr(0, dot));
        if (it == bodies.end())
            return false;
        const json *value = dot == std::string::npos ? &it->second : resolvePath(it->second, ref.substr(dot + (ref[dot] == '.' ? 1 : 0)));
        if (!value || value->is_structured())
            return false;
        const std::string replacement = value->is_string() ? value->get<std::string>() : value->dump();
        text.replace(pos, close - pos + 1, replacement);
        pos += replacement.size();
    }
    return true;
}
} // namespace

Response runComposite(const Request &req, OrgStore &store, const SubrequestRoute &route)
{
    json subs;
    bool allOrNone = false;
    if (auto refusal = parseBatchBody(req.body, "compositeRequest", &subs, &allOrNone))
        return std::move(*refusal);
    if (subs.size() > kMaxComposite)
        return errorResponse(400, "LIMIT_EXCEEDED", "Composite request can contain at most 25 subrequests");
    json out = json::array();
    std::map<std::string, json> bodies;
    bool halted = false;
    OrgStore::Savepoint savepoint(store);
    for (const auto &sub : subs) {
        std::string refId = sub.is_object() && sub.contains("referenceId") && sub["referenceId"].is_string()
                                ? sub["referenceId"].get<std::string>() : std::string();
        json entry = {{"httpHeaders", json::object()}, {"referenceId", refId}};
        if (halted) {
            entry["httpStatusCode"] = 400;
            entry["body"] = json::array({{{"errorCode", "PROCESSING_HALTED"},
                                          {"message", "The transaction was rolled back since another operation in the same transaction failed."}}});
            out.push_back(entry);
            continue;
        }
        Response r;
        if (!sub.is_object() || !sub.contains("method") || !sub["method"].is_string() || !sub.contains("url")
            || !sub["url"].is_string()) {
            r = errorResponse(400, "INVALID_INPUT", "Each subrequest needs method, url and referenceId");
        } else {
            std::string url = sub["url"].get<std::string>();
            std::string subBody = sub.contains("body") ? sub["body"].dump() : std::string();
            if (!substituteRefs(url, bodies) || !substituteRefs(subBody, bodies)) {
                r = errorResponse(400, "PROCESSING_HALTED", "Invalid reference specified. No value for " + url + " found");
            } else {
                Request inner = Request::fromTarget(sub["method"].get<std::string>(), url);
                inner.body = subBody;
                inner.headers = req.headers;
                const auto path = parseDataPath(inner.path);
                if (!path)
                    r = notFound();
                else if (path->segments.size() == 1 && path->segments[0] == "composite")
                    r = errorResponse(400, "INVALID_INPUT", "composite cannot be nested");
                else
                    r = route(inner, *path);
            }
        }
        entry["httpStatusCode"] = r.status;
        json parsed = r.body.empty() ? json(nullptr) : json::parse(r.body, nullptr, false);
        entry["body"] = parsed.is_discarded() ? json(r.body) : parsed;
        if (const std::string loc = r.header("Location"); !loc.empty())
            entry["httpHeaders"]["Location"] = loc;
        if (!refId.empty())
            bodies[refId] = entry["body"];
        out.push_back(entry);
        if (r.status >= 400 && allOrNone)
            halted = true;
    }
    if (halted) {
        // Left unreleased: the end of the scope rolls every subrequest back.
        for (auto &e : out) {
            if (e["httpStatusCode"].get<int>() < 400) {
                e["httpStatusCode"] = 400;
                e["body"] = json::array({{{"errorCode", "PROCESSING_HALTED"},
                                          {"message", "The transaction was rolled back since another operation in the same transaction failed."}}});
            }
        }
    } else {
        savepoint.release();
    }
    return jsonResponse(200, json{{"compositeResponse", out}});
}

} // namespace emu
