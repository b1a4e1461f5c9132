// SPDX-License-Identifier: MIT
// Emulator: the Salesforce REST emulator core, routing a Request to a Response (no HTTP library).
// Its member functions live in emulator.cpp (faults, auth, dispatch), emulatorsobjects.cpp
// (/sobjects and /composite/sobjects) and emulatoradmin.cpp (/__admin and its in-process twins).
#pragma once

#include "emulator/emulatoroptions.h"
#include "emulator/faultconfig.h"
#include "emulator/objectcatalog.h"
#include "emulator/request.h"
#include "emulator/responses.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace emu {

class OrgStore;
class QueryCursors;
class RecordRenderer;
class RecordWriter;

/// Per-object record counts, as the admin endpoint reports them.
struct ObjectCount
{
    int64_t live = 0;
    int64_t deleted = 0;
};

/// The Salesforce REST emulator core: routes a Request to a Response. Thread-safe (one lock);
/// no HTTP library types, so tests and fuzzers call handle() directly.
class Emulator
{
public:
    explicit Emulator(EmulatorOptions options);
    ~Emulator();
    Emulator(const Emulator &) = delete;
    Emulator &operator=(const Emulator &) = delete;

    /// Opens the store and seeds it (unless a --data file was seeded before).
    bool init(std::string *error);
    /// Never throws; every input gets an answer.
    Response handle(const Request &request);

    const ObjectCatalog &catalog() const { return m_catalog; }
    const EmulatorOptions &options() const { return m_options; }
    /// The URL generated in token responses when the request has no Host header.
    void setInstanceUrl(const std::string &url);

    // Demo credentials for the refresh_token grant.
    static constexpr const char *kClientId = "pos-demo";
    static constexpr const char *kRefreshToken = "pos-demo-refresh";
    static constexpr const char *kOrgId = "00D000000000001AAA";
    static constexpr const char *kUserId = "005000000000001AAA";

    // In-process equivalents of the /__admin/ endpoints.
    FaultConfig faults() const;
    bool setFaults(const nlohmann::json &settings, std::string *error);
    void setFaults(const FaultConfig &faults);
    void resetFaults();
    void failNext(int count, const std::string &mode, const std::string &pathContains = {});
    void expireAllCursors();
    void expireAllTokens();
    void exhaustRequestLimit();
    void setApiCalls(int64_t calls);
    void setDailyApiLimit(int64_t limit);
    int64_t apiCalls() const;
    int openCursorCount() const;
    /// A fresh valid access token, as the refresh grant would issue.
    std::string issueAccessToken();
    /// Moves the emulator's clock forward (token and cursor expiry without sleeping).
    void advanceClock(int64_t seconds);
    /// Bulk writes with collection-style per-record results; no 200-record cap.
    nlohmann::json insertRecords(const std::string &object, const nlohmann::json &records);
    nlohmann::json updateRecords(const std::string &object, const nlohmann::json &records);
    nlohmann::json deleteRecords(const std::string &object, const std::vector<std::string> &ids);
    /// Hard-deletes soft-deleted records of one object ("" = all); returns how many.
    int64_t purge(const std::string &object = {});
    std::map<std::string, ObjectCount> counts();
    nlohmann::json stats();
    /// Diagnostics: serve records from SQLite's columns (true) instead of the in-memory ready JSON
    /// (false, the default): the slow path that the fast one is checked against.
    void setRenderFromColumns(bool fromColumns);

private:
    struct Token
    {
        int64_t issuedMs = 0;
        int64_t uses = 0;
    };

    int64_t nowMs() const;
    std::string nowIso() const;
    /// A failNext or rate fault chosen for this request ("" = none); consumes a failNext count.
    std::string pickFault(const Request &req);
    Response route(const Request &req);
    Response admin(const Request &req);
    Response dataRoute(const Request &req, const DataPath &path);
    Response token(const Request &req);
    Response limits();
    // emulatorsobjects.cpp
    Response sobjects(const Request &req, const std::string &version, const std::vector<std::string> &seg);
    Response replication(const Request &req, const ObjectDef &obj, bool deleted);
    Response sobjectRecord(const Request &req, const std::string &version, const ObjectDef &obj,
                           const std::string &id);
    Response sobjectByExternalId(const Request &req, const std::string &version, const ObjectDef &obj,
                                 const std::string &field, const std::string &value);
    Response collections(const Request &req, const std::string &version, const std::vector<std::string> &seg);
    bool validToken(const Request &req);
    std::string issueAccessTokenLocked();
    nlohmann::json statsLocked();

    EmulatorOptions m_options;
    ObjectCatalog m_catalog;
    std::unique_ptr<OrgStore> m_store;
    std::unique_ptr<QueryCursors> m_queries;
    std::unique_ptr<RecordWriter> m_writer;
    std::unique_ptr<RecordRenderer> m_renderer;
    mutable std::mutex m_mutex;
    FaultConfig m_faults;
    std::mt19937_64 m_rng;
    std::map<std::string, Token> m_tokens;
    uint64_t m_tokenCounter = 0;
    int64_t m_tokensExpired = 0; ///< access tokens refused because they expired (stats: tokensExpired)
    int64_t m_apiCalls = 0;
    int64_t m_dailyLimit = 0;
    int64_t m_clockOffsetMs = 0;
    int64_t m_lastPurgeMs = 0;
    std::string m_instanceUrl = "http://127.0.0.1";
};

} // namespace emu
