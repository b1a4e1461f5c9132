// SPDX-License-Identifier: MIT
// FaultConfig: JSON form, validation and the list of failNext modes.
#include "emulator/faultconfig.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

namespace emu {

namespace {
constexpr std::array<const char *, 9> kModes = {"500", "503", "html", "drop", "truncate", "malformed", "401", "403",
                                                "redirect"};
constexpr std::array<int, 5> kRedirectStatuses = {301, 302, 303, 307, 308};

// Text that ends up in a response header (Location) or a URL: no control characters, bounded.
bool headerSafe(const std::string &text)
{
    return text.size() <= 4096
           && std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// Every setting once, by its JSON key: toJson() writes them all, apply() reads the keys it is given.
template <class Config, class Visit>
void forEachSetting(Config &c, Visit &&visit)
{
    visit("latencyMs", c.latencyMs);
    visit("serverTimeMs", c.serverTimeMs);
    visit("error500Rate", c.error500Rate);
    visit("error503Rate", c.error503Rate);
    visit("seed", c.seed);
    visit("failNextCount", c.failNextCount);
    visit("failNextMode", c.failNextMode);
    visit("failPathContains", c.failPathContains);
    visit("dropAfterBytes", c.dropAfterBytes);
    visit("tokenExpireAfterRequests", c.tokenExpireAfterRequests);
    visit("redirectStatus", c.redirectStatus);
    visit("redirectTo", c.redirectTo);
    visit("tokenInstanceUrl", c.tokenInstanceUrl);
    visit("stuckQueries", c.stuckQueries);
    visit("failLocators", c.failLocators);
}
} // namespace

nlohmann::json FaultConfig::toJson() const
{
    nlohmann::json j = nlohmann::json::object();
    forEachSetting(*this, [&j](const char *key, const auto &value) { j[key] = value; });
    return j;
}

bool FaultConfig::validMode(const std::string &m)
{
    return std::find(kModes.begin(), kModes.end(), m) != kModes.end();
}

std::string FaultConfig::modeList()
{
    std::string out;
    for (const char *m : kModes)
        out += (out.empty() ? "" : "|") + std::string(m);
    return out;
}

bool FaultConfig::apply(const nlohmann::json &j, std::string *error)
{
    if (!j.is_object()) {
        *error = "expected a JSON object";
        return false;
    }
    FaultConfig c = *this;
    try {
        for (const auto &item : j.items()) {
            // Named copies, not a structured binding: clang before 16 (the fuzz build) cannot
            // capture a binding in the lambda below.
            const std::string &k = item.key();
            const nlohmann::json &v = item.value();
            bool known = false;
            forEachSetting(c, [&](const char *key, auto &field) {
                if (!known && k == key) {
                    v.get_to(field);
                    known = true;
                }
            });
            if (!known) {
                *error = "unknown fault setting '" + k + "'";
                return false;
            }
        }
    } catch (const nlohmann::json::exception &e) {
        *error = std::string("bad fault value: ") + e.what();
        return false;
    }
    if (c.latencyMs < 0 || c.latencyMs > 600000 || c.serverTimeMs < 0 || c.serverTimeMs > 600000 || !(c.error500Rate >= 0 && c.error500Rate <= 1)
        || !(c.error503Rate >= 0 && c.error503Rate <= 1) || c.failNextCount < 0 || c.dropAfterBytes < 0
        || c.tokenExpireAfterRequests < 0) {
        *error = "fault value out of range (rates 0..1, counts >= 0, latencyMs and serverTimeMs 0..600000)";
        return false;
    }
    if (!validMode(c.failNextMode)) {
        *error = "failNextMode '" + c.failNextMode.substr(0, 40) + "' is not one of " + modeList();
        return false;
    }
    if (std::find(kRedirectStatuses.begin(), kRedirectStatuses.end(), c.redirectStatus) == kRedirectStatuses.end()) {
        *error = "redirectStatus must be 301, 302, 303, 307 or 308";
        return false;
    }
    if (!headerSafe(c.redirectTo) || !headerSafe(c.tokenInstanceUrl)) {
        *error = "redirectTo and tokenInstanceUrl must be at most 4096 characters without control characters";
        return false;
    }
    *this = c;
    return true;
}

} // namespace emu
