// SPDX-License-Identifier: MIT
// sf-emulator: serves an emulated Salesforce org on 127.0.0.1. Argument parsing and wiring only.
#include "emulator/emulatorserver.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>
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
  --latency-ms N         added before every request is carried out (the way there)
  --server-time-ms N     added after every data request was carried out (the org's processing time)
  --error500-rate R      share (0..1) of 500 UNKNOWN_EXCEPTION answers
  --error503-rate R      share (0..1) of 503 answers
  --fault-seed N         PRNG seed for the rates (default 1)
  --fail-next N          fail the next N requests ...
  --fail-mode MODE       ... with MODES (default 500)
  --fail-path TEXT       ... only when the path contains TEXT
  --drop-after BYTES     body bytes sent before a "drop" closes the connection (default 100)
  --redirect-status N    status of a "redirect": 301|302|303|307|308 (default 302)
  --redirect-to URL      Location of a "redirect" (default: the request's own URL)
  --token-expire-after N access tokens die after N data requests
  --token-instance-url U instance_url of token answers (default: this server's URL)
  --stuck-queries TEXT   queries whose SOQL contains TEXT never advance (nextRecordsUrl loops)
  --fail-locators 0|1    1: every nextRecordsUrl answers INVALID_QUERY_LOCATOR
  --help                 this text
Demo credentials: client_id pos-demo, refresh_token pos-demo-refresh (see docs/emulator.md).
)";
// Fault flags map onto FaultConfig's JSON keys, so the values are checked where /__admin/faults checks them.
struct FaultFlag
{
    const char *key;
    nlohmann::json (*parse)(const std::string &);
};

nlohmann::json asInt(const std::string &v)
{
    return std::stoll(v);
}
nlohmann::json asUnsigned(const std::string &v)
{
    return std::stoull(v);
}
nlohmann::json asDouble(const std::string &v)
{
    return std::stod(v);
}
nlohmann::json asText(const std::string &v)
{
    return v;
}
nlohmann::json asBool(const std::string &v)
{
    if (v != "0" && v != "1")
        throw std::invalid_argument("expected 0 or 1");
    return v == "1";
}

const std::map<std::string, FaultFlag> kFaultFlags = {
    {"--latency-ms", {"latencyMs", asInt}},
    {"--server-time-ms", {"serverTimeMs", asInt}},
    {"--error500-rate", {"error500Rate", asDouble}},
    {"--error503-rate", {"error503Rate", asDouble}},
    {"--fault-seed", {"seed", asUnsigned}},
    {"--fail-next", {"failNextCount", asInt}},
    {"--fail-mode", {"failNextMode", asText}},
    {"--fail-path", {"failPathContains", asText}},
    {"--drop-after", {"dropAfterBytes", asInt}},
    {"--redirect-status", {"redirectStatus", asInt}},
    {"--redirect-to", {"redirectTo", asText}},
    {"--token-expire-after", {"tokenExpireAfterRequests", asInt}},
    {"--token-instance-url", {"tokenInstanceUrl", asText}},
    {"--stuck-queries", {"stuckQueries", asText}},
    {"--fail-locators", {"failLocators", asBool}},
};
} // namespace

int main(int argc, char **argv)
{
    emu::EmulatorOptions o;
    nlohmann::json faults = nlohmann::json::object();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::string usage = kUsage;
            usage.replace(usage.find("MODES"), 5, emu::FaultConfig::modeList());
            std::cout << usage;
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
            else if (const auto f = kFaultFlags.find(a); f != kFaultFlags.end())
                faults[f->second.key] = f->second.parse(v);
            else {
                std::cerr << "sf-emulator: unknown option " << a << "; see --help\n";
                return 2;
            }
        } catch (const std::exception &) {
            std::cerr << "sf-emulator: bad value '" << v << "' for " << a << "\n";
            return 2;
        }
    }
    // FaultConfig::apply is the one place that checks fault values (rates, modes, statuses).
    if (std::string error; !o.faults.apply(faults, &error)) {
        std::cerr << "sf-emulator: " << error << "\n";
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
