// SPDX-License-Identifier: MIT
// The view, table and JSON of `posdata status` (statusreport.h).
#include "sync/statusreport.h"

#include "config/syncconfig.h"
#include "sync/scopelabel.h"
#include "sync/snapshotjson.h"
#include "sync/snapshotpublisher.h"
#include "sync/synctuning.h"
#include "sync/syncwords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cstdlib>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace posdata {

namespace {

/// An object's snapshot from its persisted state alone: no engine runs, so nothing is wanted and
/// nothing will find out what is not known yet (a pending resync, a failed attempt, counts never
/// read): those are as far as the file goes, and the rule says Incomplete for them.
SyncObjectSnapshot fromStore(const SyncObjectConfig &config, const ObjectState &st)
{
    ObjectActivity a;
    a.activity = SyncActivity::Idle;
    a.paused = st.paused;
    a.wanted = false;
    a.stopped = !st.lastErrorCode.isEmpty() || st.pending != PendingOp::None || st.serverCount < 0
        || (config.scoped() && st.serverAllCount < 0);
    return SnapshotPublisher::object(config, st, a);
}

const ObjectState *stateOf(const QList<ObjectState> &states, const QString &name)
{
    for (const ObjectState &s : states)
        if (s.object.compare(name, Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

const SyncObjectSnapshot *liveOf(const EngineSnapshot &live, const QString &name)
{
    for (const SyncObjectSnapshot &o : live.objects)
        if (o.name.compare(name, Qt::CaseInsensitive) == 0)
            return &o;
    return nullptr;
}

bool contains(const QList<SyncObjectSnapshot> &objects, const QString &name)
{
    return std::any_of(objects.begin(), objects.end(),
                       [&](const SyncObjectSnapshot &o) { return o.name.compare(name, Qt::CaseInsensitive) == 0; });
}

/// The C locale with its group separator: "100,000", the same for every support person, whatever
/// the device's language (the JSON carries plain numbers).
QLocale tableLocale()
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c;
}

QString count(qint64 v)
{
    return v >= 0 ? tableLocale().toString(v) : QStringLiteral("-");
}

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'")) : QStringLiteral("never");
}

QJsonValue iso(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue known(qint64 v)
{
    return v >= 0 ? QJsonValue(v) : QJsonValue();
}

/// The error a row shows: the newest, while the last attempt ended on it.
const SyncError *lastError(const SyncObjectSnapshot &o)
{
    return o.lastAttemptFailed && !o.errors.isEmpty() ? &o.errors.constLast() : nullptr;
}

QString activityWords(const StatusView &view, const SyncObjectSnapshot &o)
{
    return view.engineRunning ? syncwords::printable(syncwords::activity(o, view.now, tableLocale())) : QString();
}

} // namespace

bool StatusReport::isAlive(const LiveState &live, const QDateTime &now)
{
    if (!live.heartbeat.isValid() || std::abs(live.heartbeat.msecsTo(now)) > tuning::kLiveStaleAfterMs)
        return false;
#ifdef Q_OS_UNIX
    // Killed a moment ago: the heartbeat is still young, the process is gone. (EPERM: it exists,
    // as another user.)
    if (live.pid > 0 && ::kill(pid_t(live.pid), 0) != 0 && errno == ESRCH)
        return false;
#endif
    return true;
}

StatusView StatusReport::build(const SyncConfig &config, const QList<ObjectState> &states,
                               const std::optional<LiveState> &live, const QDateTime &now,
                               const StoreFacts &facts)
{
    StatusView view;
    view.now = now.toUTC();
    EngineSnapshot running;
    if (live && isAlive(*live, view.now)) {
        const QJsonDocument doc = QJsonDocument::fromJson(live->json);
        if (doc.isObject()) {
            running = snapshotjson::fromJson(doc.object());
            view.engineRunning = true;
            view.pid = live->pid;
            view.heartbeat = live->heartbeat.toUTC();
        }
    }
    view.engine.running = view.engineRunning;
    view.engine.signInRequired = running.signInRequired;
    view.engine.signInRetryAt = running.signInRetryAt;
    view.engine.engineError = running.engineError;
    view.engine.apiCallsLastCycle = running.apiCallsLastCycle;
    view.engine.apiCallsTotal = running.apiCallsTotal;

    QList<SyncObjectSnapshot> &rows = view.engine.objects;
    for (const SyncObjectConfig &object : config.objects) {
        if (const SyncObjectSnapshot *o = liveOf(running, object.name)) {
            rows << *o;
        } else {
            const ObjectState *st = stateOf(states, object.name);
            ObjectState none;
            none.object = object.name;
            SyncObjectSnapshot row = fromStore(object, st ? *st : none);
            if (const auto source = scopelabel::sourceOf(config, object)) {
                row.scopeBy = source->variable;
                row.scopeRecord = facts.scopeRecords.value(source->variable);
            }
            if (facts.volume.databaseBytes >= 0) // measured: an object without rows has none
                row.bytes = facts.bytes.value(object.name, 0);
            rows << row;
        }
    }
    // The running engine may have been started with another configuration: what it syncs is shown.
    for (const SyncObjectSnapshot &o : running.objects)
        if (!contains(rows, o.name))
            rows << o;
    for (const ObjectState &s : states) {
        if (contains(rows, s.object))
            continue;
        SyncObjectConfig unknown;
        unknown.name = s.object;
        SyncObjectSnapshot row = fromStore(unknown, s);
        row.bytes = facts.volume.databaseBytes >= 0 ? facts.bytes.value(s.object, 0) : -1;
        rows << row;
    }
    if (view.engineRunning) {
        view.engine.databaseBytes = running.databaseBytes;
        view.engine.freeBytes = running.freeBytes;
        view.engine.neededBytes = running.neededBytes;
    } else {
        devicestorage::apply(view.engine, facts.volume);
    }
    return view;
}

QString StatusReport::text(const StatusView &view)
{
    QString out;
    if (!view.engineRunning) {
        out += QStringLiteral("No engine running on this store: the states below are as the last sync left them.\n");
    } else {
        const double age = std::max<qint64>(0, view.heartbeat.msecsTo(view.now)) / 1000.0;
        out += QStringLiteral("Engine running (process %1), live state %2 s old").arg(view.pid).arg(age, 0, 'f', 1);
        if (view.engine.signInRequired) {
            out += QStringLiteral("; sign-in required: %1")
                       .arg(syncwords::retry(view.engine.signInRetryAt, view.now, tableLocale()));
        }
        if (view.engine.engineError)
            out += QStringLiteral(" (%1)").arg(syncwords::printable(view.engine.engineError->message));
        out += u'\n';
    }
    out += u'\n';

    const QStringList header{QStringLiteral("OBJECT"), QStringLiteral("STATUS"), QStringLiteral("ACTIVITY"),
                             QStringLiteral("LOCAL"), QStringLiteral("SERVER"), QStringLiteral("SERVER (ALL)"),
                             QStringLiteral("UNSAVED"), QStringLiteral("FAILED UPLOADS"), QStringLiteral("BYTES"),
                             QStringLiteral("LAST SYNCED"), QStringLiteral("SERVER COUNTED"), QStringLiteral("LAST ERROR")};
    constexpr qsizetype kFirstNumber = 3, kLastNumber = 8;
    QList<QStringList> table{header};
    for (const SyncObjectSnapshot &o : view.engine.objects) {
        const SyncError *error = lastError(o);
        const QString activity = activityWords(view, o);
        table << QStringList{
            o.name,
            statusWords(o.status),
            activity.isEmpty() ? QStringLiteral("-") : activity,
            count(o.stored),
            count(o.server),
            o.scoped ? count(o.serverAll) : QStringLiteral("-"),
            count(o.unsaved),
            count(o.uploadFailed),
            syncwords::bytes(o.bytes, tableLocale()),
            when(o.lastSynced),
            o.countsReadAt.isValid() ? syncwords::age(o.countsReadAt, view.now, tableLocale()) : QStringLiteral("never"),
            error ? QStringLiteral("%1: %2").arg(syncwords::printable(error->code), syncwords::printable(error->message))
                  : QStringLiteral("-")};
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : table)
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths[c], line[c].size());
    for (const QStringList &line : table) {
        QString l;
        for (qsizetype c = 0; c < line.size(); ++c) {
            const bool numeric = c >= kFirstNumber && c <= kLastNumber;
            const QString cell = numeric ? line[c].rightJustified(widths[c]) : line[c].leftJustified(widths[c]);
            l += (c ? QStringLiteral("  ") : QString()) + cell;
        }
        out += l.trimmed() + u'\n';
    }
    bool scopes = false;
    for (const SyncObjectSnapshot &o : view.engine.objects) {
        const QString scope = syncwords::scope(o, tableLocale());
        if (scope.isEmpty())
            continue;
        out += QStringLiteral("%1%2: %3\n").arg(scopes ? QString() : QStringLiteral("\n"), o.name, scope);
        scopes = true;
    }
    const EngineSnapshot &e = view.engine;
    out += QStringLiteral("\nDatabase %1, %2 free on its volume\n")
               .arg(syncwords::bytes(e.databaseBytes, tableLocale()), syncwords::bytes(e.freeBytes, tableLocale()));
    if (e.lowSpace())
        out += QStringLiteral("WARNING: %1\n").arg(syncwords::lowSpace(e, tableLocale()));
    return out;
}

QByteArray StatusReport::json(const StatusView &view)
{
    QJsonObject engine{{QStringLiteral("running"), view.engineRunning},
                       {QStringLiteral("pid"), view.engineRunning ? QJsonValue(view.pid) : QJsonValue()},
                       {QStringLiteral("heartbeat"), iso(view.heartbeat)},
                       {QStringLiteral("signInRequired"), view.engine.signInRequired},
                       {QStringLiteral("signInRetryAt"), iso(view.engine.signInRetryAt)}};
    engine.insert(u"error", view.engine.engineError
                                ? QJsonValue(QJsonObject{{QStringLiteral("code"), view.engine.engineError->code},
                                                         {QStringLiteral("message"), view.engine.engineError->message}})
                                : QJsonValue());
    QJsonArray objects;
    for (const SyncObjectSnapshot &o : view.engine.objects) {
        const SyncError *error = lastError(o);
        const QString activity = activityWords(view, o);
        QJsonObject row{
            {QStringLiteral("name"), o.name},
            {QStringLiteral("status"), statusWords(o.status)},
            {QStringLiteral("activity"), activity.isEmpty() ? QJsonValue() : QJsonValue(activity)},
            {QStringLiteral("local"), o.stored},
            {QStringLiteral("server"), known(o.server)},
            {QStringLiteral("serverAll"), known(o.scoped ? o.serverAll : o.server)},
            {QStringLiteral("unsaved"), o.unsaved},
            {QStringLiteral("uploadFailed"), o.uploadFailed},
            {QStringLiteral("lastSynced"), iso(o.lastSynced)},
            {QStringLiteral("countsReadAt"), iso(o.countsReadAt)},
            {QStringLiteral("countAgeSeconds"),
             o.countsReadAt.isValid() ? QJsonValue(std::max<qint64>(0, o.countsReadAt.secsTo(view.now))) : QJsonValue()},
            {QStringLiteral("bytes"), known(o.bytes)},
        };
        row.insert(u"lastError", error ? QJsonValue(QJsonObject{{QStringLiteral("code"), error->code},
                                                                {QStringLiteral("message"), error->message},
                                                                {QStringLiteral("time"), iso(error->time)}})
                                       : QJsonValue());
        row.insert(u"scope", o.scoped ? QJsonValue(QJsonObject{
                                 {QStringLiteral("by"), o.scopeBy.isEmpty() ? QJsonValue() : QJsonValue(o.scopeBy)},
                                 {QStringLiteral("record"), o.scopeRecord.isEmpty() ? QJsonValue() : QJsonValue(o.scopeRecord)},
                                 {QStringLiteral("text"), syncwords::scope(o, tableLocale())}})
                                      : QJsonValue());
        objects.append(row);
    }
    const EngineSnapshot &e = view.engine;
    const QString warning = syncwords::lowSpace(e, tableLocale());
    const QJsonObject storage{{QStringLiteral("databaseBytes"), known(e.databaseBytes)},
                              {QStringLiteral("freeBytes"), known(e.freeBytes)},
                              {QStringLiteral("neededBytes"), e.neededBytes},
                              {QStringLiteral("lowSpace"), e.lowSpace()},
                              {QStringLiteral("warning"), warning.isEmpty() ? QJsonValue() : QJsonValue(warning)}};
    return QJsonDocument(QJsonObject{{QStringLiteral("engine"), engine}, {QStringLiteral("objects"), objects},
                                     {QStringLiteral("storage"), storage}})
        .toJson(QJsonDocument::Indented);
}

} // namespace posdata
