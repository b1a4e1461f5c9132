// SPDX-License-Identifier: MIT
#include "emulator/faultconfig.h"

#include <nlohmann/json.hpp>

namespace emu {

nlohmann::json FaultConfig::toJson() const
{
    return {{"latencyMs", latencyMs},
            {"error500Rate", error500Rate},
            {"error503Rate", error503Rate},
            {"seed", seed},
            {"failNextCount", failNextCount},
            {"failNextMode", failNextMode},
            {"failPathContains", failPathContains},
            {"dropAfterBytes", dropAfterBytes},
            {"tokenExpireAfterRequests", tokenExpireAfterRequests}};
}

bool FaultConfig::validMode(const std::string &m)
{
    return m == "500" || m == "503" || m == "html" || m == "drop" || m == "truncate" || m == "malformed"
           || m == "401" || m == "403";
}

bool FaultConfig::apply(const nlohmann::json &j, std::string *error)
{
    if (!j.is_object()) {
        *error = "expected a JSON object";
        return false;
    }
    FaultConfig c = *this;
    try {
        for (const auto &[k, v] : j.items()) {
            if (k == "latencyMs")
                c.latencyMs = v.get<int>();
            else if (k == "error500Rate")
                c.error500Rate = v.get<double>();
            else if (k == "error503Rate")
                c.error503Rate = v.get<double>();
            else if (k == "seed")
                c.seed = v.get<uint64_t>();
            else if (k == "failNextCount")
                c.failNextCount = v.get<int>();
            else if (k == "failNextMode")
                c.failNextMode = v.get<std::string>();
            else if (k == "failPathContains")
                c.failPathContains = v.get<std::string>();
            else if (k == "dropAfterBytes")
                c.dropAfterBytes = v.get<int64_t>();
            else if (k == "tokenExpireAfterRequests")
                c.tokenExpireAfterRequests = v.get<int64_t>();
            else {
                *error = "unknown fault setting '" + k + "'";
                return false;
            }
        }
    } catch (const nlohmann::json::exception &e) {
        *error = std::string("bad fault value: ") + e.what();
        return false;
    }
    if (c.latencyMs < 0 || c.latencyMs > 600000 || !(c.error500Rate >= 0 && c.error500Rate <= 1)
        || !(c.error503Rate >= 0 && c.error503Rate <= 1) || c.failNextCount < 0 || c.dropAfterBytes < 0
        || c.tokenExpireAfterRequests < 0 || !validMode(c.failNextMode)) {
        *error = "fault value out of range (rates 0..1, counts >= 0, latencyMs <= 600000, modes "
                 "500|503|html|drop|truncate|malformed|401|403)";
        return false;
    }
    *this = c;
    return true;
}

} // namespace emu
