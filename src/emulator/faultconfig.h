// SPDX-License-Identifier: MIT
// FaultConfig: the emulator's fault-injection settings (what /__admin/faults reads and writes).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace emu {

/// Fault injection settings; applied to /services/... requests only, never to /__admin/.
/// Modes for failNext: "500" (UNKNOWN_EXCEPTION), "503" (JSON), "html" (503 text/html page),
/// "drop" (connection closed after dropAfterBytes body bytes), "truncate" (JSON body cut in half,
/// Content-Length matching), "malformed" (invalid JSON with a JSON content type), "401", "403"
/// (REQUEST_LIMIT_EXCEEDED), "redirect" (redirectStatus with a Location header, nothing carried out).
struct FaultConfig
{
    /// Added to every /services/... request before it is carried out (the way there): a client that
    /// gives up meanwhile still sees its write carried out later, after the delay.
    int latencyMs = 0;
    /// Added to every data request (/services/data/...) after it was carried out, before the answer
    /// leaves: the org's own processing time. Writes are visible to others during the wait; a client
    /// that gives up then loses the answer to work that was done. Neither delay holds the emulator's
    /// lock, so concurrent requests wait side by side (each holds an HTTP worker: --threads bounds them).
    int serverTimeMs = 0;
    double error500Rate = 0;       // 0..1, deterministic PRNG
    double error503Rate = 0;       // 0..1
    uint64_t seed = 1;             // PRNG seed (re-seeds when set)
    int failNextCount = 0;         // fail the next N matching requests ...
    std::string failNextMode = "500"; // ... this way
    std::string failPathContains;  // only requests whose path contains this ("" = all)
    int64_t dropAfterBytes = 100;  // for "drop"
    int64_t tokenExpireAfterRequests = 0; // an access token dies after N data calls (0 = never)
    int redirectStatus = 302;      // for "redirect": 301, 302, 303, 307 or 308
    /// For "redirect": the Location; "" = the request's own URL on this server (a redirect loop).
    std::string redirectTo;
    /// The token answer's instance_url ("" = this server's URL): for clients that must refuse
    /// "ftp://..." or a foreign host.
    std::string tokenInstanceUrl;
    /// A query whose SOQL contains this text (ASCII case-insensitive; "" = none) never advances:
    /// every page answers done:false with a nextRecordsUrl that leads back to the same page.
    std::string stuckQueries;
    /// Every queryMore (GET .../query/<locator>) answers 400 INVALID_QUERY_LOCATOR.
    bool failLocators = false;

    nlohmann::json toJson() const;
    /// Applies the keys present in `j` (others keep their value); false with *error on bad input.
    bool apply(const nlohmann::json &j, std::string *error);
    static bool validMode(const std::string &mode);
    /// "500|503|...": the modes, for messages and --help.
    static std::string modeList();
};

} // namespace emu
