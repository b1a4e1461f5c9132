// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace emu {

/// Fault injection settings; applied to /services/... requests only, never to /__admin/.
/// Modes for failNext: "500" (UNKNOWN_EXCEPTION), "503" (JSON), "html" (503 text/html page),
/// "drop" (connection closed after dropAfterBytes body bytes), "truncate" (JSON body cut in half,
/// Content-Length matching), "malformed" (invalid JSON with a JSON content type), "401", "403".
struct FaultConfig
{
    int latencyMs = 0;             // added before every answer
    double error500Rate = 0;       // 0..1, deterministic PRNG
    double error503Rate = 0;       // 0..1
    uint64_t seed = 1;             // PRNG seed (re-seeds when set)
    int failNextCount = 0;         // fail the next N matching requests ...
    std::string failNextMode = "500"; // ... this way
    std::string failPathContains;  // only requests whose path contains this ("" = all)
    int64_t dropAfterBytes = 100;  // for "drop"
    int64_t tokenExpireAfterRequests = 0; // an access token dies after N data calls (0 = never)

    nlohmann::json toJson() const;
    /// Applies the keys present in `j` (others keep their value); false with *error on bad input.
    bool apply(const nlohmann::json &j, std::string *error);
    static bool validMode(const std::string &mode);
};

} // namespace emu
