// SPDX-License-Identifier: MIT
#pragma once
// Helpers for the engine tests: the server's truth read over plain REST (httplib), the device's
// truth read from the store file, and waiting for the engine without timed assertions.

#include "config/syncconfig.h"
#include "emulator/emulatorserver.h"
#include "store/localstore.h"
#include "sync/syncengine.h"
#include "support/waitfor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMap>
#include <QUrl>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace enginetest {

/// Id -> SystemModstamp.
using RecordMap = QMap<QString, QString>;

/// A REST client for the test's own view of the org (not the code under test).
class Rest
{
public:
    explicit Rest(const std::string &url) : m_client(url)
    {
        m_client.set_read_timeout(30, 0);
        login();
    }
    void login()
    {
        httplib::Params form{{"grant_type", "refresh_token"}, {"refresh_token", "pos-demo-refresh"}, {"client_id", "pos-demo"}};
        auto res = m_client.Post("/services/oauth2/token", form);
        if (res && res->status == 200)
            m_token = nlohmann::json::parse(res->body).value("access_token", std::string());
    }
    bool ok() const { return !m_token.empty(); }
    const std::string &token() const { return m_token; }
    httplib::Headers headers() const { return {{"Authorization", "Bearer " + m_token}}; }

    /// Every row of a query, following nextRecordsUrl.
    std::vector<nlohmann::json> query(const std::string &soql, bool all = false)
    {
        std::vector<nlohmann::json> rows;
        std::string path = std::string("/services/data/v62.0/") + (all ? "queryAll" : "query") + "?q="
            + QUrl::toPercentEncoding(QString::fromStdString(soql)).toStdString();
        while (!path.empty()) {
            auto res = m_client.Get(path.c_str(), headers());
            if (res && res->status == 401) { // tests may make tokens expire: sign in again
                login();
                res = m_client.Get(path.c_str(), headers());
            }
            if (!res || res->status != 200)
                return rows;
            const auto page = nlohmann::json::parse(res->body);
            for (const auto &r : page["records"])
                rows.push_back(r);
            path = page.contains("nextRecordsUrl") && page["nextRecordsUrl"].is_string()
                ? page["nextRecordsUrl"].get<std::string>()
                : std::string();
        }
        return rows;
    }
    RecordMap records(const QString &object, const QString &scope = QString())
    {
        std::string soql = "SELECT Id, SystemModstamp FROM " + object.toStdString();
        if (!scope.isEmpty())
            soql += " WHERE " + scope.toStdString();
        RecordMap out;
        for (const auto &r : query(soql))
            out.insert(QString::fromStdString(r["Id"].get<std::string>()),
                       QString::fromStdString(r["SystemModstamp"].get<std::string>()));
        return out;
    }
    QStringList ids(const QString &object, const QString &where = QString(), int limit = 0)
    {
        std::string soql = "SELECT Id FROM " + object.toStdString();
        if (!where.isEmpty())
            soql += " WHERE " + where.toStdString();
        soql += " ORDER BY Id";
        if (limit > 0)
            soql += " LIMIT " + std::to_string(limit);
        QStringList out;
        for (const auto &r : query(soql))
            out << QString::fromStdString(r["Id"].get<std::string>());
        return out;
    }
    /// PATCH /composite/sobjects, at most 200 at a time.
    bool update(const QString &object, const QStringList &ids, const nlohmann::json &fields)
    {
        for (qsizetype i = 0; i < ids.size(); i += 200) {
            nlohmann::json records = nlohmann::json::array();
            for (const QString &id : ids.mid(i, 200)) {
                nlohmann::json r = fields;
                r["attributes"] = {{"type", object.toStdString()}};
                r["Id"] = id.toStdString();
                records.push_back(r);
            }
            auto res = m_client.Patch("/services/data/v62.0/composite/sobjects", headers(),
                                      nlohmann::json({{"allOrNone", true}, {"records", records}}).dump(),
                                      "application/json");
            if (!res || res->status != 200)
                return false;
        }
        return true;
    }
    /// PATCH /composite/sobjects/OBJECT/FIELD (upsert by an external Id), at most 200.
    bool upsert(const std::string &object, const std::string &field, const nlohmann::json &records)
    {
        auto res = m_client.Patch(("/services/data/v62.0/composite/sobjects/" + object + "/" + field).c_str(),
                                  headers(), nlohmann::json({{"allOrNone", true}, {"records", records}}).dump(),
                                  "application/json");
        return res && res->status == 200;
    }
    bool remove(const QStringList &ids)
    {
        for (qsizetype i = 0; i < ids.size(); i += 200) {
            const std::string path = "/services/data/v62.0/composite/sobjects?ids="
                + ids.mid(i, 200).join(QLatin1Char(',')).toStdString();
            auto res = m_client.Delete(path.c_str(), headers());
            if (!res || res->status != 200)
                return false;
        }
        return true;
    }

private:
    httplib::Client m_client;
    std::string m_token;
};

inline RecordMap localRecords(const QString &dbPath, const QString &object)
{
    RecordMap out;
    auto store = posdata::LocalStore::open(dbPath, posdata::LocalStore::Mode::ReadOnly);
    if (!store)
        return out;
    for (const QString &id : store->ids(object, posdata::RecordState::Synced))
        out.insert(id, store->record(object, id)->systemModstamp);
    return out;
}

/// Tests that time a fault against the engine's own timers (a slow server against the stall
/// watchdog) stretch both by it; every wait's hang guard is stretched by it too.
using testsupport::timeScale;

/// Runs the event loop until done() or the limit (a hang guard, not a performance assertion).
using testsupport::waitFor;

/// The engine's unsaved records of `object` (requestUnsaved() and its answer); empty if none came.
inline QList<posdata::UnsavedRecord> unsavedOf(posdata::SyncEngine &engine, const QString &object)
{
    std::optional<QList<posdata::UnsavedRecord>> answer;
    const QMetaObject::Connection c = QObject::connect(&engine, &posdata::SyncEngine::unsavedReady,
        [&](const QString &answered, const QList<posdata::UnsavedRecord> &records) {
            if (answered == object)
                answer = records;
        });
    engine.requestUnsaved(object);
    waitFor([&] { return answer.has_value(); });
    QObject::disconnect(c);
    return answer.value_or(QList<posdata::UnsavedRecord>{});
}

/// The engine tests' org ("small" seed, pages of at least 200) served over loopback, `customise`d
/// first; null with `error` said when it cannot listen.
inline std::unique_ptr<emu::EmulatorServer> startSmallOrg(
    std::string *error, const std::function<void(emu::EmulatorOptions &)> &customise = {})
{
    emu::EmulatorOptions eo;
    eo.seed = "small";
    eo.minBatchSize = 200;
    if (customise)
        customise(eo);
    auto server = std::make_unique<emu::EmulatorServer>(eo);
    return server->start(error) ? std::move(server) : nullptr;
}

/// Counts idle() signals so a test can wait for the next cycle end.
struct IdleCounter
{
    int count = 0;
    posdata::SyncEngine *engine;
    explicit IdleCounter(posdata::SyncEngine &e)
        : engine(&e)
    {
        QObject::connect(&e, &posdata::SyncEngine::idle, [this] { ++count; });
    }
    bool waitNext(int before, int ms = 40000)
    {
        return waitFor([&] { return count > before; }, ms);
    }
    /// Starts the engine and waits for its first cycle to end.
    bool startAndWait()
    {
        engine->start();
        return waitNext(0);
    }
    /// Asks for a cycle now and waits for it to end.
    bool syncNowAndWait()
    {
        const int before = count;
        engine->syncNow();
        return waitNext(before);
    }
};

inline const posdata::SyncObjectSnapshot *objectIn(const posdata::EngineSnapshot &s, const QString &name)
{
    for (const auto &o : s.objects)
        if (o.name == name)
            return &o;
    return nullptr;
}

/// A copy of `name`'s row in the engine's snapshot now (empty when it has none).
inline std::optional<posdata::SyncObjectSnapshot> objectOf(const posdata::SyncEngine &engine, const QString &name)
{
    const posdata::EngineSnapshot s = engine.snapshot();
    const auto *o = objectIn(s, name);
    return o ? std::optional(*o) : std::nullopt;
}

} // namespace enginetest
