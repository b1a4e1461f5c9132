// SPDX-License-Identifier: MIT
// The JSON form of snapshotjson.h.
#include "sync/snapshotjson.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace posdata::snapshotjson {

namespace {

constexpr std::array<std::pair<SyncActivity, const char *>, 10> kActivities{{
    {SyncActivity::Idle, "idle"},
    {SyncActivity::Waiting, "waiting"},
    {SyncActivity::Counting, "counting"},
    {SyncActivity::Downloading, "downloading"},
    {SyncActivity::Resyncing, "resyncing"},
    {SyncActivity::UpdatingFields, "updatingFields"},
    {SyncActivity::Recounting, "recounting"},
    {SyncActivity::Retrying, "retrying"},
    {SyncActivity::WaitingForSignIn, "waitingForSignIn"},
    {SyncActivity::Stopped, "stopped"},
}};
constexpr std::array<std::pair<SyncStatus, const char *>, 5> kStatuses{{
    {SyncStatus::Syncing, "syncing"},
    {SyncStatus::Paused, "paused"},
    {SyncStatus::FullySynced, "fullySynced"},
    {SyncStatus::SubsetSynced, "subsetSynced"},
    {SyncStatus::Incomplete, "incomplete"},
}};

// The stable JSON word of an enum value, and back, through one of the tables above.
template<typename E, std::size_t N>
QString keyOf(const std::array<std::pair<E, const char *>, N> &table, E value, const char *fallback)
{
    for (const auto &[v, key] : table)
        if (v == value)
            return QString::fromLatin1(key);
    return QString::fromLatin1(fallback);
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &key)
{
    for (const auto &[v, k] : table)
        if (key == QLatin1String(k))
            return v;
    return std::nullopt;
}

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime timeOf(const QJsonValue &v)
{
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC() : QDateTime();
}

QJsonObject errorJson(const SyncError &e)
{
    QJsonObject o{{QStringLiteral("code"), e.code}, {QStringLiteral("message"), e.message}, {QStringLiteral("time"), time(e.time)}};
    if (!e.detail.isEmpty())
        o.insert(u"detail", e.detail);
    return o;
}

SyncError errorOf(const QJsonObject &o)
{
    return SyncError{o.value(u"code").toString(), o.value(u"message").toString(), timeOf(o.value(u"time")),
                     o.value(u"detail").toString()};
}

qint64 integer(const QJsonObject &o, QStringView key, qint64 fallback)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

} // namespace

QString activityKey(SyncActivity activity)
{
    return keyOf(kActivities, activity, "idle");
}

std::optional<SyncActivity> activityFromKey(const QString &key)
{
    return valueOf(kActivities, key);
}

QString statusKey(SyncStatus status)
{
    return keyOf(kStatuses, status, "incomplete");
}

std::optional<SyncStatus> statusFromKey(const QString &key)
{
    return valueOf(kStatuses, key);
}

QJsonObject toJson(const EngineSnapshot &snapshot)
{
    QJsonArray objects;
    for (const SyncObjectSnapshot &o : snapshot.objects) {
        QJsonArray errors;
        for (const SyncError &e : o.errors)
            errors.append(errorJson(e));
        objects.append(QJsonObject{
            {QStringLiteral("name"), o.name},
            {QStringLiteral("status"), statusKey(o.status)},
            {QStringLiteral("activity"), activityKey(o.activity)},
            {QStringLiteral("retryAt"), time(o.retryAt)},
            {QStringLiteral("scoped"), o.scoped},
            {QStringLiteral("scopeBy"), o.scopeBy},
            {QStringLiteral("scopeRecord"), o.scopeRecord},
            {QStringLiteral("paused"), o.paused},
            {QStringLiteral("syncing"), o.syncing},
            {QStringLiteral("local"), o.local},
            {QStringLiteral("stored"), o.stored},
            {QStringLiteral("bytes"), o.bytes},
            {QStringLiteral("server"), o.server},
            {QStringLiteral("serverAll"), o.serverAll},
            {QStringLiteral("unsaved"), o.unsaved},
            {QStringLiteral("uploadFailed"), o.uploadFailed},
            {QStringLiteral("uploading"), o.uploading},
            {QStringLiteral("uploadPasses"), qint64(o.uploadPasses)},
            {QStringLiteral("inUse"), o.inUse},
            {QStringLiteral("progressDone"), o.progressDone},
            {QStringLiteral("progressTotal"), o.progressTotal},
            {QStringLiteral("recordsPerSecond"), o.recordsPerSecond},
            {QStringLiteral("secondsLeft"), o.secondsLeft},
            {QStringLiteral("lastSynced"), time(o.lastSynced)},
            {QStringLiteral("countsReadAt"), time(o.countsReadAt)},
            {QStringLiteral("errors"), errors},
            {QStringLiteral("lastAttemptFailed"), o.lastAttemptFailed},
            {QStringLiteral("note"), o.note},
            {QStringLiteral("requiredForSale"), o.requiredForSale},
            {QStringLiteral("readyForSale"), o.readyForSale},
        });
    }
    QJsonObject out{
        {QStringLiteral("objects"), objects},
        {QStringLiteral("running"), snapshot.running},
        {QStringLiteral("readyToSell"), snapshot.readyToSell},
        {QStringLiteral("signInRequired"), snapshot.signInRequired},
        {QStringLiteral("signInRetryAt"), time(snapshot.signInRetryAt)},
        {QStringLiteral("apiCallsLastCycle"), snapshot.apiCallsLastCycle},
        {QStringLiteral("apiCallsTotal"), snapshot.apiCallsTotal},
        {QStringLiteral("databaseBytes"), snapshot.databaseBytes},
        {QStringLiteral("freeBytes"), snapshot.freeBytes},
        {QStringLiteral("neededBytes"), snapshot.neededBytes},
    };
    out.insert(u"engineError", snapshot.engineError ? QJsonValue(errorJson(*snapshot.engineError)) : QJsonValue());
    return out;
}

EngineSnapshot fromJson(const QJsonObject &json)
{
    EngineSnapshot s;
    for (const QJsonValue &v : json.value(u"objects").toArray()) {
        const QJsonObject j = v.toObject();
        SyncObjectSnapshot o;
        o.name = j.value(u"name").toString();
        if (o.name.isEmpty())
            continue;
        o.status = statusFromKey(j.value(u"status").toString()).value_or(SyncStatus::Syncing);
        o.activity = activityFromKey(j.value(u"activity").toString()).value_or(SyncActivity::Waiting);
        o.retryAt = timeOf(j.value(u"retryAt"));
        o.scoped = j.value(u"scoped").toBool();
        o.scopeBy = j.value(u"scopeBy").toString();
        o.scopeRecord = j.value(u"scopeRecord").toString();
        o.paused = j.value(u"paused").toBool();
        o.syncing = j.value(u"syncing").toBool();
        o.local = integer(j, u"local", 0);
        o.stored = integer(j, u"stored", 0);
        o.bytes = integer(j, u"bytes", -1);
        o.server = integer(j, u"server", -1);
        o.serverAll = integer(j, u"serverAll", -1);
        o.unsaved = integer(j, u"unsaved", 0);
        o.uploadFailed = integer(j, u"uploadFailed", 0);
        o.uploading = j.value(u"uploading").toBool();
        o.uploadPasses = quint64(std::max<qint64>(0, integer(j, u"uploadPasses", 0)));
        o.inUse = integer(j, u"inUse", 0);
        o.progressDone = integer(j, u"progressDone", 0);
        o.progressTotal = integer(j, u"progressTotal", 0);
        o.recordsPerSecond = j.value(u"recordsPerSecond").toDouble();
        o.secondsLeft = integer(j, u"secondsLeft", -1);
        o.lastSynced = timeOf(j.value(u"lastSynced"));
        o.countsReadAt = timeOf(j.value(u"countsReadAt"));
        for (const QJsonValue &e : j.value(u"errors").toArray())
            o.errors.append(errorOf(e.toObject()));
        o.lastAttemptFailed = j.value(u"lastAttemptFailed").toBool();
        o.note = j.value(u"note").toString();
        o.requiredForSale = j.value(u"requiredForSale").toBool();
        o.readyForSale = j.value(u"readyForSale").toBool();
        s.objects.append(o);
    }
    s.running = json.value(u"running").toBool();
    s.readyToSell = json.value(u"readyToSell").toBool();
    s.signInRequired = json.value(u"signInRequired").toBool();
    s.signInRetryAt = timeOf(json.value(u"signInRetryAt"));
    s.apiCallsLastCycle = integer(json, u"apiCallsLastCycle", 0);
    s.apiCallsTotal = integer(json, u"apiCallsTotal", 0);
    s.databaseBytes = integer(json, u"databaseBytes", -1);
    s.freeBytes = integer(json, u"freeBytes", -1);
    s.neededBytes = integer(json, u"neededBytes", 0);
    if (json.value(u"engineError").isObject())
        s.engineError = errorOf(json.value(u"engineError").toObject());
    return s;
}

} // namespace posdata::snapshotjson
