// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/emulatoroptions.h"
#include "emulator/faultconfig.h"
#include "emulator/objectcatalog.h"
#include "emulator/request.h"

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

private:
    struct Cursor;
    struct Token
    {
        int64_t issuedMs = 0;
        int64_t uses = 0;
    };

    int64_t nowMs() const;
    std::string nowIso() const;
    Response route(const Request &req);
    Response admin(const Request &req);
    Response dataRoute(const Request &req, const std::string &version, const std::vector<std::string> &seg);
    Response token(const Request &req);
    Response query(const Request &req, const std::string &version, bool includeDeleted);
    Response queryMore(const std::string &version, const std::string &locator);
    Response replication(const Request &req, const ObjectDef &obj, bool deleted);
    Response sobjectRecord(const Request &req, const std::string &version, const ObjectDef &obj,
                           const std::string &id);
    Response sobjectByExternalId(const Request &req, const std::string &version, const ObjectDef &obj,
                                 const std::string &field, const std::string &value);
    Response collections(const Request &req, const std::string &version, const std::vector<std::string> &seg);
    Response composite(const Request &req);
    Response limits();
    nlohmann::json writeRecords(const std::string &op, const ObjectDef *fixedObject, const std::string &extField,
                                const nlohmann::json &records, bool allOrNone);
    nlohmann::json upsertOne(const ObjectDef &obj, const std::string &field, const nlohmann::json &record,
                             bool *failed);
    std::string renderRecord(const ObjectDef &obj, int64_t rowid, const std::vector<int> &fields,
                             const std::string &version);
    std::string renderPage(Cursor &cursor, size_t position, const std::string &version,
                           const std::string &cursorId);
    int batchSize(const Request &req) const;
    bool validToken(const Request &req);
    void evictCursors();
    std::string issueAccessTokenLocked();
    nlohmann::json statsLocked();

    EmulatorOptions m_options;
    ObjectCatalog m_catalog;
    std::unique_ptr<OrgStore> m_store;
    mutable std::mutex m_mutex;
    FaultConfig m_faults;
    std::mt19937_64 m_rng;
    std::map<std::string, Token> m_tokens;
    std::map<std::string, std::unique_ptr<Cursor>> m_cursors;
    uint64_t m_cursorCounter = 0;
    uint64_t m_tokenCounter = 0;
    int64_t m_apiCalls = 0;
    int64_t m_dailyLimit = 0;
    int64_t m_clockOffsetMs = 0;
    int64_t m_lastPurgeMs = 0;
    std::string m_instanceUrl = "http://127.0.0.1";
};

} // namespace emu
