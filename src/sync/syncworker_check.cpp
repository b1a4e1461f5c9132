// SPDX-License-Identifier: MIT
// SyncWorker's integrity check and repair of one object, asked for on the screen ("Check" and
// "Repair" in the object's More actions): run on the worker thread with the worker's client and
// store (IntegrityCheck, IntegrityRepair), never while the object downloads, and reported in the
// object's snapshot (SyncObjectSnapshot::check); and the screen's "Share report", written from the
// worker's store connection (SupportReport).
#include "sync/syncworker_p.h"

#include "sync/integritycheck.h"
#include "sync/supportreport.h"
#include "store/localstore.h"

#include <QDir>
#include <QFile>

namespace posdata {

namespace {

/// The counts of a finished check, as the snapshot carries them.
void takeCounts(ObjectCheck &check, const IntegrityResult &r)
{
    check.missing = r.missingIds.size();
    check.extra = r.extraIds.size();
    check.outsideScope = r.outsideScopeIds.size();
    check.unsaved = r.unsaved;
    check.kept = r.inUseKept + r.unsavedNotOnServer;
    check.apiCalls = r.apiCalls;
}

} // namespace

bool SyncWorker::refuseCheck(Run *run)
{
    ObjectCheck &check = run->check;
    if (check.busy())
        return true; // one at a time: the running one reports
    QString code;
    if (run->phase == Run::Phase::Queued || run->phase == Run::Phase::Downloading || run->probing)
        code = QStringLiteral("DOWNLOADING"); // the counts would move under the check
    else if (!run->soql || !run->noScopeNote.isEmpty())
        code = QStringLiteral("NO_SCOPE");
    if (code.isEmpty())
        return false;
    check = ObjectCheck{};
    check.phase = ObjectCheck::Phase::Refused;
    check.errorCode = code;
    check.error = run->noScopeNote.isEmpty() ? run->scopeProblem : run->noScopeNote;
    check.at = QDateTime::currentDateTimeUtc();
    markDirty();
    return true;
}

void SyncWorker::checkObject(Run *run, bool repair)
{
    if (refuseCheck(run))
        return;
    run->check = ObjectCheck{};
    run->check.phase = repair ? ObjectCheck::Phase::Repairing : ObjectCheck::Phase::Checking;
    markDirty();
    // The last check's objects stay until the next one starts: they may not go inside their own
    // callbacks, and nothing else runs them meanwhile.
    run->repairer.reset();
    // Check and repair both compare every Id (IntegrityCheck::Mode::Exact): counts alone can miss a
    // missing and an extra record in one range, and a check that says "matches" must be true.
    run->checker = std::make_unique<IntegrityCheck>(*m_client, *m_store, *run->soql);
    run->checker->run(
        [this, run, repair](const IntegrityResult &found) {
            takeCounts(run->check, found);
            if (!found.ok())
                return checkEnded(run, found.errorCode, found.error);
            if (!repair)
                return checkEnded(run);
            const qint64 checkCalls = found.apiCalls;
            run->repairer = std::make_unique<IntegrityRepair>(*m_client, *m_store, *run->soql);
            run->repairer->run(found, [this, run, checkCalls](const RepairResult &fixed) {
                run->check.downloaded = fixed.downloaded;
                run->check.removed = fixed.removed;
                run->check.apiCalls = checkCalls + fixed.apiCalls;
                checkEnded(run, fixed.errorCode, fixed.error);
            });
        });
}

void SyncWorker::writeReport(const QString &folder)
{
    if (!m_store) {
        emit reportWritten({}, QStringLiteral("the engine has not opened its store"));
        return;
    }
    if (folder.isEmpty() || !QDir().mkpath(folder)) {
        emit reportWritten({}, QStringLiteral("%1: the folder cannot be made").arg(folder));
        return;
    }
    QFile configFile(m_options.config.source);
    SupportReport::Inputs in;
    in.config = &m_options.config;
    in.configBytes = configFile.open(QIODevice::ReadOnly) ? configFile.readAll() : QByteArray();
    in.store = m_store.get();
    in.dbPath = m_options.dbPath;
    in.instanceHost = m_options.device.instanceUrl.host();
    in.secret = m_options.device.refreshToken;
    const QString path = QDir(folder).filePath(SupportReport::fileName(QDateTime::currentDateTimeUtc()));
    QString textPath, error;
    if (!SupportReport::save(SupportReport::build(in), path, in.secret, &textPath, &error))
        emit reportWritten({}, error);
    else
        emit reportWritten(path, {});
}

void SyncWorker::checkEnded(Run *run, const QString &errorCode, const QString &error)
{
    ObjectCheck &check = run->check;
    const bool repaired = check.phase == ObjectCheck::Phase::Repairing;
    if (!error.isEmpty()) {
        check.phase = ObjectCheck::Phase::Failed;
        check.errorCode = errorCode;
        check.error = error;
    } else {
        check.phase = repaired ? ObjectCheck::Phase::Repaired : ObjectCheck::Phase::Done;
    }
    check.at = QDateTime::currentDateTimeUtc();
    markDirty();
    // A repair changed local data (even a stopped one wrote pages): the object counts again and
    // settles by the rule, Fully or Subset synced. A download asked for meanwhile runs now too.
    if (repaired || !run->settled) {
        run->settled = false;
        startCycle(QSet<Run *>{run});
    }
}

} // namespace posdata
