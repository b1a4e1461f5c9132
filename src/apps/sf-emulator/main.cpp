// SPDX-License-Identifier: MIT
// sf-emulator: serves an emulated Salesforce org on 127.0.0.1. Argument parsing and wiring only.
#include "emulator/emulatorserver.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

namespace {
volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

const char *kUsage = R"(Usage: sf-emulator [options]
Serves an emulated Salesforce REST API on 127.0.0.1. The first stdout line is the instance URL.

  --port N               listen port (0 = pick a free one; default 0)
  --seed NAME            demo | small | scale | none (default demo)
  --records N            record count for --seed scale (default 1000000)
  --data FILE            keep the org in this SQLite file (seeded only when new)
  --cursor-ttl SECONDS   idle lifetime of query locators (default 900)
  --max-cursors N        open query locators per user (default 10)
  --daily-limit N        daily API request budget (default 5000000)
  --token-ttl SECONDS    access token lifetime (default 7200)
  --min-batch N          EMULATOR-ONLY smallest batchSize honoured (default 200)
  --threads N            HTTP worker threads (default 16)
Faults (change them at run time with POST /__admin/faults, loopback only):
  --latency-ms N         added latency per request
  --error500-rate R      share (0..1) of 500 UNKNOWN_EXCEPTION answers
  --error503-rate R      share (0..1) of 503 answers
  --fault-seed N         PRNG seed for the rates (default 1)
  --fail-next N          fail the next N requests ...
  --fail-mode MODE       ... with 500|503|html|drop|truncate|malformed|401|403 (default 500)
  --fail-path TEXT       ... only when the path contains TEXT
  --drop-after BYTES     body bytes sent before a "drop" closes the connection (default 100)
  --token-expire-after N access tokens die after N data requests
  --help                 this text
Demo credentials: client_id pos-demo, refresh_token pos-demo-refresh (see docs/emulator.md).
)";
} // namespace

int main(int argc, char **argv)
{
    emu::EmulatorOptions o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (i + 1 >= argc) {
            std::cerr << "sf-emulator: " << a << " needs a value (or unknown option); see --help\n";
            return 2;
        }
        const std::string v = argv[++i];
        try {
            if (a == "--port")
                o.port = static_cast<uint16_t>(std::stoul(v));
            else if (a == "--seed")
                o.seed = v;
            else if (a == "--records")
                o.records = std::stoll(v);
            else if (a == "--data")
                o.dataFile = v;
            else if (a == "--cursor-ttl")
                o.cursorIdleSeconds = std::stoi(v);
            else if (a == "--max-cursors")
                o.maxCursorsPerUser = std::stoi(v);
            else if (a == "--daily-limit")
                o.dailyApiLimit = std::stoll(v);
            else if (a == "--token-ttl")
                o.accessTokenTtlSeconds = std::stoi(v);
            else if (a == "--min-batch")
                o.minBatchSize = std::stoi(v);
            else if (a == "--threads")
                o.threads = std::stoi(v);
            else if (a == "--latency-ms")
                o.faults.latencyMs = std::stoi(v);
            else if (a == "--error500-rate")
                o.faults.error500Rate = std::stod(v);
            else if (a == "--error503-rate")
                o.faults.error503Rate = std::stod(v);
            else if (a == "--fault-seed")
                o.faults.seed = std::stoull(v);
            else if (a == "--fail-next")
                o.faults.failNextCount = std::stoi(v);
            else if (a == "--fail-mode")
                o.faults.failNextMode = v;
            else if (a == "--fail-path")
                o.faults.failPathContains = v;
            else if (a == "--drop-after")
                o.faults.dropAfterBytes = std::stoll(v);
            else if (a == "--token-expire-after")
                o.faults.tokenExpireAfterRequests = std::stoll(v);
            else {
                std::cerr << "sf-emulator: unknown option " << a << "; see --help\n";
                return 2;
            }
        } catch (const std::exception &) {
            std::cerr << "sf-emulator: bad value '" << v << "' for " << a << "\n";
            return 2;
        }
    }
    if (!emu::FaultConfig::validMode(o.faults.failNextMode)) {
        std::cerr << "sf-emulator: bad --fail-mode " << o.faults.failNextMode << "\n";
        return 2;
    }
    emu::EmulatorServer server(o);
    std::string error;
    if (!server.start(&error)) {
        std::cerr << "sf-emulator: " << error << "\n";
        return 1;
    }
    std::cout << server.url() << std::endl;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    while (!g_stop)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
    return 0;
}
