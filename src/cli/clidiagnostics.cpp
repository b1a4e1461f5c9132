// SPDX-License-Identifier: MIT
// CliApp's support diagnostics: `posdata check` (where this device and the server differ, in words or
// JSON), `posdata repair` (the check, then only the difference downloaded or removed) and `posdata
// report`. The work is src/sync/integritycheck.h's and SupportReport's; this file runs and words it.
#include "cli/cliapp.h"

#include "sync/supportreport.h"
#include "common/redact.h"
#include "config/soqlbuilder.h"
#include "config/syncconfig.h"
#include "net/salesforceclient.h"
#include "store/localstore.h"
#include "sync/integritycheck.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace posdata {

namespace {

QString num(qint64 v)
{
    return QLocale::c().toString(v);
}

QJsonObject countJson(qint64 count)
{
    return QJsonObject{{QStringLiteral("count"), count}};
}

QJsonObject checkJson(const IntegrityResult &r)
{
    QJsonArray ranges;
    for (const IntegrityRange &range : r.missingRanges)
        ranges.append(QJsonObject{{QStringLiteral("from"), range.lo.isEmpty() ? QJsonValue() : QJsonValue(range.lo)},
            {QStringLiteral("to"), range.hi.isEmpty() ? QJsonValue() : QJsonValue(range.hi)},
            {QStringLiteral("count"), range.count}});
    QJsonObject missing = countJson(r.missingIds.size());
    missing.insert(u"ranges", ranges);
    return QJsonObject{{QStringLiteral("object"), r.object}, {QStringLiteral("scoped"), r.scoped},
        {QStringLiteral("exact"), r.exact},
        {QStringLiteral("serverCount"), r.serverCount}, {QStringLiteral("deviceCount"), r.deviceCount},
        {QStringLiteral("missing"), missing}, {QStringLiteral("extra"), countJson(r.extraIds.size())},
        {QStringLiteral("outsideScope"), countJson(r.outsideScopeIds.size())},
        {QStringLiteral("unsaved"), countJson(r.unsaved)},
        {QStringLiteral("inUseKept"), countJson(r.inUseKept + r.unsavedNotOnServer)},
        {QStringLiteral("apiCalls"), r.apiCalls}, {QStringLiteral("clean"), r.clean()},
        {QStringLiteral("error"), r.ok() ? QJsonValue() : QJsonValue(r.error)}};
}

QString checkText(const IntegrityResult &r)
{
    QString t = QStringLiteral("%1: %2 on the server%3, %4 on this device\n")
                    .arg(r.object, num(r.serverCount), r.scoped ? QStringLiteral(" in scope") : QString(),
                        num(r.deviceCount));
    t += QStringLiteral("  missing on this device:            %1").arg(num(r.missingIds.size()));
    if (!r.missingRanges.isEmpty())
        t += QStringLiteral(" (in %1 Id ranges)").arg(num(r.missingRanges.size()));
    t += QStringLiteral("\n  on this device, gone from server:  %1\n").arg(num(r.extraIds.size()));
    if (r.scoped)
        t += QStringLiteral("  on this device, outside the scope: %1\n").arg(num(r.outsideScopeIds.size()));
    t += QStringLiteral("  unsaved (kept, never removed):     %1\n").arg(num(r.unsaved));
    if (r.inUseKept + r.unsavedNotOnServer > 0)
        t += QStringLiteral("  in use or unsaved, not on the server (kept): %1\n")
                 .arg(num(r.inUseKept + r.unsavedNotOnServer));
    t += QStringLiteral("  API calls: %1%2\n")
             .arg(num(r.apiCalls), r.exact ? QStringLiteral(" (every Id compared)")
                                           : QStringLiteral(" (--quick: counts per Id range, which cannot see as many"
                                                            " missing as extra records in one range; without --quick"
                                                            " every Id is compared)"));
    // --quick compared counts: it may say they agree, never that the records do.
    t += !r.clean() ? QStringLiteral("  \"posdata repair %1\" downloads or removes only these records\n").arg(r.object)
        : r.exact   ? QStringLiteral("  the device matches the server\n")
                    : QStringLiteral("  the counts agree in every Id range (not every Id compared)\n");
    return t;
}

} // namespace

int CliApp::check(const CliOptions &o)
{
    const bool repair = o.command == CliOptions::Command::Repair;
    auto [device, config] = loadEngineInputs(o);
    if (!config)
        return Failed;
    // A check only reads the store: safe beside a running app. A repair writes, page by page.
    const auto store = openStore(o, !repair);
    if (!store)
        return Failed;
    QStringList names;
    if (!resolveObjects(o, *config, *store, &names))
        return Usage;

    SalesforceClient::Options co;
    co.instanceUrl = device->instanceUrl;
    co.clientId = device->clientId;
    co.refreshToken = device->refreshToken;
    SalesforceClient client(co);

    QJsonArray array;
    int exitCode = Ok;
    for (const QString &name : std::as_const(names)) {
        const SyncObjectConfig *object = config->find(name);
        if (!object) {
            printError(QStringLiteral("%1: not in the sync configuration: nothing to compare it with").arg(name));
            exitCode = Failed;
            continue;
        }
        QString scopeError;
        const std::optional<SoqlBuilder> soql = SoqlBuilder::create(*object, *device, &scopeError);
        if (!soql) {
            printError(QStringLiteral("%1: %2").arg(name, scopeError));
            exitCode = Failed;
            continue;
        }
        QEventLoop loop;
        IntegrityResult found;
        IntegrityCheck checker(client, *store, *soql);
        // A repair works from the exact comparison: counts alone can miss pairs that cancel out.
        checker.run(
            [&](const IntegrityResult &r) {
                found = r;
                loop.quit();
            },
            o.quick && !repair ? IntegrityCheck::Mode::Counts : IntegrityCheck::Mode::Exact);
        loop.exec();
        QJsonObject j = checkJson(found);
        if (!found.ok()) {
            printError(QStringLiteral("%1: the check failed: %2").arg(name, found.error));
            exitCode = Failed;
        } else if (!o.json) {
            print(checkText(found));
        }
        if (repair && found.ok()) {
            RepairResult fixed;
            IntegrityRepair repairer(client, *store, *soql);
            repairer.run(found, [&](const RepairResult &r) {
                fixed = r;
                loop.quit();
            });
            loop.exec();
            j.insert(u"repair", QJsonObject{{QStringLiteral("downloaded"), fixed.downloaded},
                                    {QStringLiteral("removed"), fixed.removed},
                                    {QStringLiteral("serverCount"), fixed.serverCount},
                                    {QStringLiteral("apiCalls"), fixed.apiCalls},
                                    {QStringLiteral("error"), fixed.ok() ? QJsonValue() : QJsonValue(fixed.error)}});
            if (!fixed.ok()) {
                printError(QStringLiteral("%1: the repair stopped: %2 (what it wrote is kept; run it again)")
                               .arg(name, fixed.error));
                exitCode = Failed;
            } else if (!o.json) {
                print(QStringLiteral("  repaired: %1 downloaded, %2 removed; %3 API calls (check and repair: %4)\n")
                          .arg(num(fixed.downloaded), num(fixed.removed), num(fixed.apiCalls),
                              num(found.apiCalls + fixed.apiCalls)));
            }
        }
        array.append(j);
    }
    if (o.json)
        print(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
    return exitCode;
}

int CliApp::report(const CliOptions &o)
{
    std::optional<DeviceContext> device;
    if (!o.devicePath.isEmpty()) {
        device = loadDevice(o);
        if (!device)
            return Failed;
    }
    // Read-only: safe next to a running app.
    const auto [config, store] = openWorkspace(o, true);
    if (!store)
        return Failed;
    QFile configFile(config->source);
    SupportReport::Inputs in;
    in.config = config.get();
    in.configBytes = configFile.open(QIODevice::ReadOnly) ? configFile.readAll() : QByteArray();
    in.store = store.get();
    in.dbPath = store->path();
    in.instanceHost = device ? device->instanceUrl.host() : QString();
    in.secret = m_secret;
    const QJsonObject report = SupportReport::build(in);
    if (o.outputPath.isEmpty()) {
        print(redactSecret(SupportReport::text(report), m_secret));
        return Ok;
    }
    QString textPath, error;
    if (!SupportReport::save(report, o.outputPath, m_secret, &textPath, &error)) {
        printError(error);
        return Failed;
    }
    print(QStringLiteral("report written: %1 and %2\n").arg(o.outputPath, textPath));
    return Ok;
}

} // namespace posdata
