// SPDX-License-Identifier: MIT
// CliApp: the `posdata` subcommands (status, pause/resume/resync, clear-resync, unsaved, upload, sync)
// against the local store and, for sync and upload, the engine; every error printed in words.
#include "cli/cliapp.h"

#include "cli/progressprinter.h"
#include "sync/statusreport.h"
#include "config/devicecontext.h"
#include "common/redact.h"
#include "config/syncconfig.h"
#include "store/localstore.h"
#include "sync/devicestorage.h"
#include "sync/scopelabel.h"
#include "sync/syncengine.h"
#include "sync/synctuning.h"
#include "sync/syncwords.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace posdata {

namespace {

// Set by SIGINT/SIGTERM during `posdata sync`; a timer on the main thread turns it into a clean
// stop, so that the engine's worker closes its store instead of dying mid-transaction.
std::atomic<bool> g_stopRequested{false};

extern "C" void requestStop(int)
{
    g_stopRequested.store(true);
}

QString num(qint64 v)
{
    return QLocale::c().toString(v);
}

QString commandWord(CliOptions::Command c)
{
    switch (c) {
    case CliOptions::Command::Pause: return QStringLiteral("pause");
    case CliOptions::Command::Resume: return QStringLiteral("resume");
    case CliOptions::Command::Resync: return QStringLiteral("resync");
    case CliOptions::Command::ClearResync: return QStringLiteral("clear-resync");
    default: return QString();
    }
}

} // namespace

CliApp::CliApp(Io io) : m_io(io) { }

QString CliApp::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/posdata.db");
}

void CliApp::print(const QString &text)
{
    *m_io.out << redactSecret(text, m_secret);
    m_io.out->flush();
}

void CliApp::printError(const QString &text)
{
    // One line, whatever the server or a file put in it: no escape sequence reaches the terminal.
    *m_io.err << QStringLiteral("posdata: ") << syncwords::printable(redactSecret(text, m_secret)) << '\n';
    m_io.err->flush();
}

int CliApp::run(const QStringList &arguments)
{
    QString error;
    const auto options = CliOptions::parse(arguments, &error);
    if (!options) {
        printError(error);
        *m_io.err << QStringLiteral("Run \"posdata --help\" for usage.\n");
        m_io.err->flush();
        return Usage;
    }
    switch (options->command) {
    case CliOptions::Command::Help: print(CliOptions::usage()); return Ok;
    case CliOptions::Command::Status: return status(*options);
    case CliOptions::Command::Sync: return sync(*options);
    case CliOptions::Command::Unsaved: return unsaved(*options);
    case CliOptions::Command::Upload: return upload(*options);
    case CliOptions::Command::Check:
    case CliOptions::Command::Repair: return check(*options);
    case CliOptions::Command::Report: return report(*options);
    default: return action(*options);
    }
}

std::unique_ptr<SyncConfig> CliApp::loadConfig(const CliOptions &o)
{
    QString error;
    const auto config = o.configPath.isEmpty() ? loadBundledSyncConfig(&error) : loadSyncConfig(o.configPath, &error);
    if (!config) {
        printError(error);
        return nullptr;
    }
    return std::make_unique<SyncConfig>(*config);
}

std::unique_ptr<LocalStore> CliApp::openStore(const CliOptions &o, bool readOnly)
{
    const QString path = o.dbPath.isEmpty() ? defaultDatabasePath() : o.dbPath;
    // Never create a store by accident (a mistyped --db would silently show an empty device).
    if (!QFileInfo::exists(path)) {
        printError(QStringLiteral("%1: no local store there (give --db FILE, or sync first)").arg(path));
        return nullptr;
    }
    StoreError error;
    auto store = LocalStore::open(path, readOnly ? LocalStore::Mode::ReadOnly : LocalStore::Mode::ReadWrite, &error);
    if (!store)
        printError(QStringLiteral("%1: cannot open the local store: %2").arg(path, error.message));
    return store;
}

CliApp::Workspace CliApp::openWorkspace(const CliOptions &o, bool readOnly)
{
    Workspace w;
    w.config = loadConfig(o);
    if (w.config)
        w.store = openStore(o, readOnly);
    if (!w.store)
        w.config.reset();
    return w;
}

int CliApp::storeFailed(const LocalStore &store)
{
    printError(QStringLiteral("%1: %2").arg(store.path(), store.lastError().message));
    return Failed;
}

int CliApp::status(const CliOptions &o)
{
    // Read-only: safe next to a running app (WAL readers never block its writer).
    const auto [config, store] = openWorkspace(o, true);
    if (!store)
        return Failed;
    const QList<ObjectState> states = store->allObjectStates();
    if (!store->lastError().ok()) {
        return storeFailed(*store);
    }
    // The live state of an engine at work on this store (the app, or `posdata sync`), if any.
    const std::optional<LiveState> live = store->liveState();
    StatusReport::StoreFacts facts;
    if (!live || !StatusReport::isAlive(*live, QDateTime::currentDateTimeUtc())) {
        // No engine says it: read from the store (a pass over the rows for the bytes: the CLI's own time).
        for (const SyncObjectConfig &object : config->objects) {
            const auto source = scopelabel::sourceOf(*config, object);
            if (source && !facts.scopeRecords.contains(source->variable))
                facts.scopeRecords.insert(source->variable, scopelabel::inUseLabel(*store, *source));
        }
        facts.bytes = store->recordBytes();
        facts.volume = devicestorage::measure(store->path());
    }
    const StatusView view = StatusReport::build(*config, states, live, QDateTime::currentDateTimeUtc(), facts);
    print(o.json ? QString::fromUtf8(StatusReport::json(view)) : StatusReport::text(view));
    return Ok;
}

bool CliApp::resolveObjects(const CliOptions &o, const SyncConfig &config, const LocalStore &store,
                            QStringList *names)
{
    QStringList known = config.names();
    for (const ObjectState &s : store.allObjectStates()) {
        if (!known.contains(s.object, Qt::CaseInsensitive))
            known << s.object;
    }
    if (o.all) {
        *names = known;
        return true;
    }
    for (const QString &arg : o.objects) {
        QString match;
        for (const QString &k : known) {
            if (k.compare(arg, Qt::CaseInsensitive) == 0)
                match = k;
        }
        if (match.isEmpty()) {
            printError(QStringLiteral("unknown object \"%1\" (objects: %2)").arg(arg, known.join(QStringLiteral(", "))));
            return false;
        }
        if (!names->contains(match))
            *names << match;
    }
    return true;
}

int CliApp::action(const CliOptions &o)
{
    const auto [config, store] = openWorkspace(o, o.dryRun);
    if (!store)
        return Failed;
    QStringList names;
    if (!resolveObjects(o, *config, *store, &names))
        return Usage;
    if (o.command == CliOptions::Command::ClearResync)
        return clearResync(o, *store, names);

    const QString what = commandWord(o.command);
    if (!o.dryRun && !store->ensureObjects(names)) {
        return storeFailed(*store);
    }
    for (const QString &name : names) {
        const ObjectState st = store->objectState(name);
        StoreError error;
        switch (o.command) {
        case CliOptions::Command::Pause:
        case CliOptions::Command::Resume: {
            const bool pause = o.command == CliOptions::Command::Pause;
            if (st.paused == pause) {
                print(QStringLiteral("%1: already %2\n").arg(name, pause ? QStringLiteral("paused") : QStringLiteral("syncing")));
                continue;
            }
            if (o.dryRun) {
                print(QStringLiteral("%1: would %2\n").arg(name, what));
                continue;
            }
            if (!store->setPaused(name, pause, &error))
                break;
            print(QStringLiteral("%1: %2\n").arg(name, pause ? QStringLiteral("paused") : QStringLiteral("resumed")));
            continue;
        }
        case CliOptions::Command::Resync:
            if (o.dryRun) {
                print(QStringLiteral("%1: would re-download all records, keeping the %2 local ones\n").arg(name, num(st.localCount)));
                continue;
            }
            if (store->beginFullResync(name, &error) < 0)
                break;
            print(QStringLiteral("%1: full resync queued (local records kept)%2\n")
                      .arg(name, st.paused ? QStringLiteral("; the object is paused, resume it to download") : QString()));
            continue;
        default:
            continue;
        }
        printError(QStringLiteral("%1: %2 failed: %3").arg(name, what, error.message));
        return Failed;
    }
    if (o.dryRun)
        print(QStringLiteral("dry run: nothing changed\n"));
    return Ok;
}

int CliApp::clearResync(const CliOptions &o, LocalStore &store, const QStringList &names)
{
    const QList<ClearPlan> plans = store.planClear(names);
    if (!store.lastError().ok()) {
        return storeFailed(store);
    }
    qint64 totalDelete = 0;
    for (const ClearPlan &p : plans) {
        totalDelete += p.willDelete;
        print(QStringLiteral("%1: delete %2 synced records, keep %3 unsaved and %4 in use, then download %5\n")
                  .arg(p.object, num(p.willDelete), num(p.keepUnsaved), num(p.keepInUse),
                       p.willDownload >= 0 ? num(p.willDownload) : QStringLiteral("all in scope (count unknown)")));
    }
    if (o.dryRun) {
        print(QStringLiteral("dry run: nothing changed\n"));
        return Ok;
    }
    if (!o.yes) {
        print(QStringLiteral("Delete %1 records and re-download? Unsaved and in-use records are kept. [y/N] ").arg(num(totalDelete)));
        const QString answer = m_io.in ? m_io.in->readLine().trimmed().toLower() : QString();
        if (answer != u"y" && answer != u"yes") {
            print(QStringLiteral("\ncancelled: nothing changed\n"));
            return Failed;
        }
    }
    if (!store.ensureObjects(names)) {
        return storeFailed(store);
    }
    // One transaction for all of them: cleared together or not at all.
    QStringList objects;
    for (const ClearPlan &p : plans)
        objects << p.object;
    StoreError error;
    if (store.beginClearResync(objects, &error).isEmpty()) {
        printError(QStringLiteral("clear-resync failed, nothing was cleared: %1").arg(error.message));
        return Failed;
    }
    for (const QString &object : objects)
        print(QStringLiteral("%1: cleared, re-download queued\n").arg(object));
    return Ok;
}

std::optional<DeviceContext> CliApp::loadDevice(const CliOptions &o)
{
    QString error;
    auto device = loadDeviceContext(o.devicePath, &error);
    if (!device) {
        printError(error);
        return std::nullopt;
    }
    m_secret = device->refreshToken;
    return device;
}

CliApp::EngineInputs CliApp::loadEngineInputs(const CliOptions &o)
{
    EngineInputs in;
    in.device = loadDevice(o);
    if (in.device)
        in.config = loadConfig(o);
    return in;
}

int CliApp::sync(const CliOptions &o)
{
    auto [device, config] = loadEngineInputs(o);
    if (!config)
        return Failed;
    if (!o.syncObject.isEmpty()) {
        const SyncObjectConfig *only = config->find(o.syncObject);
        if (!only) {
            printError(QStringLiteral("unknown object \"%1\" (objects: %2)")
                           .arg(o.syncObject, config->names().join(QStringLiteral(", "))));
            return Usage;
        }
        const SyncObjectConfig keep = *only;
        config->objects = {keep};
    }
    return runEngine(o, *device, *config, o.once);
}

int CliApp::runEngine(const CliOptions &o, const DeviceContext &device, const SyncConfig &config, bool once)
{
    SyncEngineOptions options;
    options.dbPath = o.dbPath.isEmpty() ? defaultDatabasePath() : o.dbPath;
    QDir().mkpath(QFileInfo(options.dbPath).absolutePath());
    options.config = config;
    options.device = device;

    SyncEngine engine(options);
    ProgressPrinter printer(*m_io.out, m_io.terminal, m_secret);
    QEventLoop loop;
    int exitCode = Ok;
    QString failure;
    EngineSnapshot last;
    QObject::connect(&engine, &SyncEngine::snapshotChanged, &loop, [&](const EngineSnapshot &s) {
        last = s;
        EngineSnapshot shown = s;
        printer.update(shown);
    });
    QObject::connect(&engine, &SyncEngine::fatalError, &loop, [&](const QString &message) {
        failure = message;
        exitCode = Failed;
        loop.quit();
    });
    QObject::connect(&engine, &SyncEngine::idle, &loop, [&] {
        if (!once)
            return;
        last = engine.snapshot();
        if (last.signInRequired) {
            failure = QStringLiteral("sign-in required: the refresh token was refused");
        } else if (last.engineError) {
            failure = QStringLiteral("%1: %2").arg(last.engineError->code, last.engineError->message);
        } else {
            for (const SyncObjectSnapshot &s : last.objects) {
                if (s.lastAttemptFailed && !s.errors.isEmpty()) {
                    failure = QStringLiteral("%1: %2: %3").arg(s.name, s.errors.last().code, s.errors.last().message);
                    break;
                }
            }
        }
        exitCode = failure.isEmpty() ? Ok : Failed;
        loop.quit();
    });
    g_stopRequested.store(false);
    const auto previousInt = std::signal(SIGINT, requestStop);
    const auto previousTerm = std::signal(SIGTERM, requestStop);
    bool interrupted = false;
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &loop, [&] {
        if (g_stopRequested.load()) {
            interrupted = true;
            loop.quit();
        }
    });
    stopPoll.start(100);
    engine.start();
    loop.exec();
    stopPoll.stop();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    printer.update(engine.snapshot());
    if (exitCode != Ok) {
        printError(failure.isEmpty() ? QStringLiteral("sync failed") : failure);
        return exitCode;
    }
    if (interrupted) {
        print(QStringLiteral("sync stopped\n"));
        return Failed;
    }
    print(QStringLiteral("sync done\n"));
    return Ok;
}

namespace {

QString kindWord(RecordState state)
{
    switch (state) {
    case RecordState::LocallyCreated: return QStringLiteral("created");
    case RecordState::LocallyUpdated: return QStringLiteral("changed");
    case RecordState::LocallyDeleted: return QStringLiteral("deleted");
    case RecordState::Synced: break;
    }
    return QString();
}

QString isoOrEmpty(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

/// An unsaved (or discarded) record for --json: what it is and its last refusal.
QJsonObject recordJson(const UnsavedRecord &r)
{
    QJsonObject j;
    j.insert(u"object", r.object);
    j.insert(u"id", r.id);
    j.insert(u"kind", kindWord(r.state));
    j.insert(u"name", r.name.isEmpty() ? QJsonValue() : QJsonValue(r.name));
    j.insert(u"externalId", r.externalId.isEmpty() ? QJsonValue() : QJsonValue(r.externalId));
    j.insert(u"changedAt", r.changedAt.isValid() ? QJsonValue(isoOrEmpty(r.changedAt)) : QJsonValue());
    if (r.errorCode.isEmpty()) {
        j.insert(u"error", QJsonValue());
    } else {
        j.insert(u"error", QJsonObject{{QStringLiteral("code"), r.errorCode},
                                       {QStringLiteral("message"), r.errorMessage},
                                       {QStringLiteral("at"), isoOrEmpty(r.errorAt)}});
    }
    return j;
}

/// "CODE: message", safe for a terminal.
QString refusalWords(const UnsavedRecord &r)
{
    return QStringLiteral("%1: %2").arg(syncwords::printable(r.errorCode), syncwords::printable(r.errorMessage));
}

/// One line of the unsaved / discarded tables.
QString recordLine(const QString &object, const QString &id, const QString &kind, const QString &when,
                   const QString &last)
{
    return QStringLiteral("%1  %2  %3  %4  %5\n").arg(object, -16).arg(id, -42).arg(kind, -8).arg(when, -20).arg(last);
}

QString recordLine(const UnsavedRecord &r, const QDateTime &when, const QString &last)
{
    return recordLine(r.object, r.id, kindWord(r.state), isoOrEmpty(when), last);
}

} // namespace

int CliApp::unsaved(const CliOptions &o)
{
    // Read-only: safe next to a running app.
    const auto [config, store] = openWorkspace(o, true);
    if (!store)
        return Failed;
    CliOptions which = o;
    which.all = o.objects.isEmpty();
    QStringList names;
    if (!resolveObjects(which, *config, *store, &names))
        return Usage;
    if (o.discarded)
        return discarded(o, *store, names);
    QJsonArray array;
    QString text;
    qint64 total = 0;
    qint64 refused = 0;
    for (const QString &name : names) {
        for (const UnsavedRecord &r : store->unsaved(name)) {
            ++total;
            refused += r.errorCode.isEmpty() ? 0 : 1;
            if (o.json) {
                QJsonObject j = recordJson(r);
                j.insert(u"attempts", r.attempts);
                array.append(j);
            } else {
                text += recordLine(r, r.changedAt,
                                   r.errorCode.isEmpty() ? QStringLiteral("waiting to upload")
                                                         : QStringLiteral("refused (%1): %2")
                                                               .arg(r.attempts == 1 ? QStringLiteral("1 try")
                                                                                    : QStringLiteral("%1 tries").arg(r.attempts),
                                                                    refusalWords(r)));
            }
        }
    }
    if (!store->lastError().ok()) {
        return storeFailed(*store);
    }
    if (o.json) {
        print(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    if (total == 0) {
        print(QStringLiteral("No unsaved records.\n"));
        return Ok;
    }
    print(recordLine(QStringLiteral("OBJECT"), QStringLiteral("ID"), QStringLiteral("KIND"),
                     QStringLiteral("CHANGED (UTC)"), QStringLiteral("UPLOAD"))
          + text
          + QStringLiteral("%1 unsaved, %2 refused by the server\n").arg(num(total), num(refused)));
    return Ok;
}

int CliApp::discarded(const CliOptions &o, const LocalStore &store, const QStringList &names)
{
    // Every object's when none is named: those no longer configured too (nothing hides).
    QList<DiscardedRecord> records;
    if (o.objects.isEmpty()) {
        records = store.discarded();
    } else {
        for (const QString &name : names)
            records += store.discarded(name);
    }
    if (!store.lastError().ok()) {
        printError(QStringLiteral("%1: %2").arg(store.path(), store.lastError().message));
        return Failed;
    }
    if (o.json) {
        QJsonArray array;
        for (const DiscardedRecord &d : std::as_const(records)) {
            QJsonObject j = recordJson(d.record);
            j.insert(u"discardedAt", isoOrEmpty(d.discardedAt));
            // What it held, so that a person can type it in again.
            const QJsonDocument held = QJsonDocument::fromJson(d.record.payload);
            j.insert(u"fields", held.isObject() ? QJsonValue(held.object()) : QJsonValue(QString::fromUtf8(d.record.payload)));
            array.append(j);
        }
        print(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    if (records.isEmpty()) {
        print(QStringLiteral("No discarded records.\n"));
        return Ok;
    }
    QString text = recordLine(QStringLiteral("OBJECT"), QStringLiteral("ID"), QStringLiteral("KIND"),
                              QStringLiteral("DISCARDED (UTC)"), QStringLiteral("LAST REFUSAL"));
    for (const DiscardedRecord &d : std::as_const(records))
        text += recordLine(d.record, d.discardedAt,
                           d.record.errorCode.isEmpty() ? QStringLiteral("none") : refusalWords(d.record));
    print(text
          + QStringLiteral("%1 discarded, kept %2 days after discarding (--json shows what each held)\n")
                .arg(num(records.size()))
                .arg(tuning::kKeepDiscardedDays));
    return Ok;
}

int CliApp::upload(const CliOptions &o)
{
    // The device file first: a bad one is refused before the refusals are cleared.
    auto [device, config] = loadEngineInputs(o);
    if (!config)
        return Failed;
    QStringList names;
    {
        const auto store = openStore(o, false);
        if (!store)
            return Failed;
        CliOptions which = o;
        which.all = o.objects.isEmpty();
        if (!resolveObjects(which, *config, *store, &names))
            return Usage;
        // "Retry upload": the refused records go again.
        for (const QString &name : names) {
            StoreError error;
            if (!store->clearUploadErrors(name, &error)) {
                printError(QStringLiteral("%1: %2").arg(name, error.message));
                return Failed;
            }
        }
    }
    QList<SyncObjectConfig> only;
    for (const SyncObjectConfig &c : config->objects)
        if (names.contains(c.name, Qt::CaseInsensitive))
            only << c;
    config->objects = only;
    const int engineExit = runEngine(o, *device, *config, true);
    if (engineExit == Usage)
        return engineExit;
    const auto store = openStore(o, true);
    if (!store)
        return Failed;
    qint64 left = 0;
    QString failure;
    for (const QString &name : names) {
        const ObjectState st = store->objectState(name);
        left += st.unsavedCount;
        if (st.uploadFailedCount > 0 && failure.isEmpty()) {
            for (const UnsavedRecord &r : store->unsaved(name)) {
                if (!r.errorCode.isEmpty()) {
                    failure = QStringLiteral("%1: %2 record(s) refused, e.g. %3: %4: %5")
                                  .arg(name, num(st.uploadFailedCount), r.id, r.errorCode, r.errorMessage);
                    break;
                }
            }
        }
    }
    if (!failure.isEmpty()) {
        printError(failure + QStringLiteral(" (see \"posdata unsaved\")"));
        return Failed;
    }
    if (left > 0) {
        printError(QStringLiteral("%1 record(s) are still waiting to upload").arg(num(left)));
        return Failed;
    }
    if (engineExit != Ok)
        return engineExit;
    print(QStringLiteral("every unsaved record is uploaded\n"));
    return Ok;
}

} // namespace posdata
