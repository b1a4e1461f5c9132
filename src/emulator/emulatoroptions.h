// SPDX-License-Identifier: MIT
// EmulatorOptions: everything that configures an emulated org and its HTTP front.
#pragma once

#include "emulator/faultconfig.h"
#include "emulator/httplimits.h"

#include <cstdint>
#include <string>

namespace emu {

/// Everything that configures an emulated org and its HTTP front.
struct EmulatorOptions
{
    std::string dataFile;            // "" = in-memory org
    std::string seed = "demo";       // demo | small | scale | none (ignored when dataFile is already seeded)
    int64_t records = 0;             // for seed "scale" (default 1,000,000)
    std::string host = "127.0.0.1";
    uint16_t port = 0;               // 0 = ephemeral
    int cursorIdleSeconds = 900;
    int maxCursorsPerUser = 10;
    int64_t dailyApiLimit = 5'000'000;
    int accessTokenTtlSeconds = 7200;
    int minBatchSize = 200; /* emulator-only: tests may lower it, NOT Salesforce behaviour */
    int threads = 16;                // HTTP workers: they run requests; connections never hold one
    HttpLimits http;                 // what one request and all connections may hold; timeouts
    FaultConfig faults;              // initial fault injection
};

} // namespace emu
