// SPDX-License-Identifier: MIT
// The value types of the public engine API: what the host gives (device, credentials, settings)
// and what it gets back (snapshots, errors, the outcome of a local write). Plain values, copied
// freely across threads; nothing here names an internal type.
#pragma once

#include <posdatasync/posdatasynccore_export.h>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>
#include <QUrl>

#include <functional>
#include <optional>

namespace posdatasync {

/// Who and where this till is, given in memory by the host (no file). The outlet and the shift
/// change at run time through Engine::setOutletId() / Engine::setShiftId().
struct DeviceContext
{
    /// The org: https, or http only for a loopback host (an emulator on 127.0.0.1).
    QUrl instanceUrl;
    /// The connected app's OAuth client id, sent with a refresh token.
    QString clientId;
    /// The till's outlet: the sync configuration's `:outletId`. Never empty.
    QString outletId;
    /// The open shift (`:shiftId`); empty between shifts. A till between shifts syncs too.
    QString shiftId;

    bool operator==(const DeviceContext &) const = default;
};

/// Why the engine asks the host for credentials.
enum class CredentialsReason {
    /// Engine::start(): the engine has none yet.
    Start,
    /// Salesforce refused the ones it had (or they ran out): sign-in is required.
    SignInRequired,
};

/// What the host hands the engine: a refresh token (the engine then gets access tokens itself),
/// or an access token the host got by itself (used until the server refuses it, then the engine
/// asks again). Secrets: the engine never writes them to a log, a message or a file.
struct Credentials
{
    QString refreshToken;
    QByteArray accessToken;

    bool isEmpty() const { return refreshToken.isEmpty() && accessToken.isEmpty(); }
    bool operator==(const Credentials &) const = default;
};

/// Called on the engine's thread (the host's GUI thread) when the engine needs credentials. Return
/// them, or std::nullopt when the host has none at hand (a sign-in dialog is open, say) and hands
/// them later with Engine::setCredentials(). Handing back the very credentials that were just
/// refused does not make the engine try them at once: it tries again by itself, less and less often.
using CredentialsProvider = std::function<std::optional<Credentials>(CredentialsReason reason)>;

/// Everything the engine is built from. Only `device` is required.
struct EngineSettings
{
    DeviceContext device;
    /// The local store (SQLite). Empty: posdata.db in the app's data folder
    /// (QStandardPaths::AppDataLocation), the file `posdata --db` reads by default too.
    QString databasePath;
    /// The sync objects (sync-objects.json, docs/configuration.md). Empty: the bundled
    /// configuration, which is also installed as share/posdatasync/sync-objects.json.
    QString syncConfigPath;
    /// While the engine runs, glibc's malloc keeps freed memory (up to 32 MiB) instead of handing it
    /// back to the kernel after every page of records, and gives it back after each sync cycle
    /// (docs/integration.md, "Memory"). Process-wide; false leaves the host's malloc settings alone.
    bool tuneAllocator = true;
};

/// The five statuses of the Manage data screen.
enum class Status { Syncing, Paused, FullySynced, SubsetSynced, Incomplete };

/// One problem, in words.
struct Error
{
    QString object; ///< the sync object's API name; empty for the engine as a whole
    QString code; ///< e.g. NETWORK, TIMEOUT, INVALID_FIELD, DISK_FULL, SIGN_IN_REQUIRED, INVALID_SETTINGS
    QString message; ///< for people (English; the engine's own words)
    QDateTime time; ///< UTC

    bool operator==(const Error &) const = default;
};

/// One sync object at one instant. Counts are -1 while unknown.
struct ObjectState
{
    QString name; ///< API name, e.g. s_c__order__c
    Status status = Status::Syncing;
    /// The product page's word for the status ("Fully synced"), as `posdata status` prints it; the
    /// Manage data page shows it in the screen's language.
    QString statusText;
    QString note; ///< a fact the status does not say, e.g. that no shift is open; may be empty
    /// Its configuration limits it to part of the org (a scope, e.g. this outlet's orders): it
    /// can be Subset synced.
    bool scoped = false;
    qint64 local = 0; ///< synced records on the device
    qint64 stored = 0; ///< every record of it on the device: synced and unsaved
    qint64 server = -1; ///< records in scope on the server
    qint64 unsaved = 0; ///< written on this device, not uploaded yet
    qint64 uploadFailed = 0; ///< unsaved records Salesforce refused (they stay, with the reason)
    bool uploading = false; ///< some of its unsaved records are on their way to Salesforce
    qint64 inUse = 0; ///< records kept because the till uses them (its outlet, its shift)
    bool paused = false;
    bool requiredForSale = false; ///< the till cannot sell without it
    bool readyForSale = false; ///< its records are on the device for selling
    QDateTime lastSynced; ///< UTC; invalid if never
    QList<Error> errors; ///< recent errors, newest last

    bool operator==(const ObjectState &) const = default;
};

/// The engine at one instant.
struct Snapshot
{
    QList<ObjectState> objects; ///< in the configuration's priority order
    bool running = false; ///< the engine has opened its store and works
    bool readyToSell = false; ///< every object required for sale is ready: the till may open
    bool signInRequired = false; ///< Salesforce refused the credentials: see CredentialsProvider
    QDateTime signInRetryAt; ///< while signInRequired: when the engine tries again by itself (UTC)
    std::optional<Error> engineError; ///< the last engine-wide problem, if it still stands

    /// The object named `name`, nullptr if the configuration has none.
    const ObjectState *object(QStringView name) const
    {
        for (const ObjectState &o : objects) {
            if (o.name == name)
                return &o;
        }
        return nullptr;
    }
    bool operator==(const Snapshot &) const = default;
};

/// Where a local write stands.
enum class RecordStage {
    Stored, ///< written on the device: safe, the sale is not lost; the upload follows
    Failed, ///< not written (unknown object or record, a full disk, the engine not started): `message`
    Uploaded, ///< Salesforce has it: `serverId`
    Refused, ///< Salesforce refused it: `code`, `message`; it stays on the device as unsaved
};

/// The outcome of a local write, in two steps: Stored or Failed first, then (for a stored record)
/// Uploaded or Refused. A refused record that a later retry uploads gets Uploaded then.
struct RecordOutcome
{
    /// The ticket Engine::createRecord() & co. returned; 0 when the record was written before this
    /// engine started (an upload after a restart).
    quint64 ticket = 0;
    RecordStage stage = RecordStage::Stored;
    QString object;
    QString id; ///< the record's Id on the device (a new record: its local Id until uploaded)
    QString serverId; ///< Uploaded: its Id in Salesforce
    QString code; ///< Refused: Salesforce's statusCode, e.g. FIELD_CUSTOM_VALIDATION_EXCEPTION
    QString message; ///< Failed / Refused: why, in words

    bool operator==(const RecordOutcome &) const = default;
};

} // namespace posdatasync

Q_DECLARE_METATYPE(posdatasync::Error)
Q_DECLARE_METATYPE(posdatasync::ObjectState)
Q_DECLARE_METATYPE(posdatasync::Snapshot)
Q_DECLARE_METATYPE(posdatasync::RecordOutcome)
