// SPDX-License-Identifier: MIT
#pragma once

// The actions a person (or the host app) asks the engine for: one value type carried from the
// page through the controller and the engine facade to the worker, so a new action is one enum
// value and one case in the worker.

#include <QMetaType>
#include <QObject>
#include <QString>

namespace posdata {

/// A gadget so that QML (the page tests) reads what a page asked for: kind, object, all, word.
struct SyncAction
{
    Q_GADGET
    Q_PROPERTY(posdata::SyncAction::Kind kind MEMBER kind)
    Q_PROPERTY(QString object MEMBER object)
    Q_PROPERTY(bool all READ all)
    Q_PROPERTY(QString word READ word) ///< actionWord(kind): "pause", "clear-resync", ...

public:
    enum class Kind {
        SyncNow, ///< a cycle now; objects that gave up until the next cycle try again
        Pause, ///< "Pause syncing" / "Pause all syncing" (all only while a sync runs)
        Resume, ///< "Resume syncing" / "Resume all syncing"
        Resync, ///< "Resync existing records": a full download keeping local data
        ClearResync, ///< "Clear & resync records": synced records go, then a full download
        RetryUpload, ///< send the unsaved records again, the refused ones included
        TryAgain, ///< sign-in required: try the refresh again now
        /// The host app's pause of every object for its own bulk work on the device: at any time,
        /// not only while a sync runs (posdatasync::Engine::pauseAll()). Resume ends it.
        HostPause,
        /// "Check": the integrity check of one object (counts per Id range, then Ids), on the
        /// worker; its result comes in the object's snapshot (SyncObjectSnapshot::check).
        Check,
        /// "Repair" on a check's result: an exact check, then only the difference downloaded or
        /// removed; the object then counts again.
        Repair,
    };
    Q_ENUM(Kind)
    Kind kind = Kind::SyncNow;
    QString object; ///< the object's API name; empty: every object ("... all ...")

    bool all() const { return object.isEmpty(); }
    QString word() const;
    bool operator==(const SyncAction &) const = default;
};

/// The action's name for logs and the CLI ("pause", "clear-resync", ...).
inline QString actionWord(SyncAction::Kind kind)
{
    switch (kind) {
    case SyncAction::Kind::SyncNow: return QStringLiteral("sync");
    case SyncAction::Kind::Pause: return QStringLiteral("pause");
    case SyncAction::Kind::Resume: return QStringLiteral("resume");
    case SyncAction::Kind::Resync: return QStringLiteral("resync");
    case SyncAction::Kind::ClearResync: return QStringLiteral("clear-resync");
    case SyncAction::Kind::RetryUpload: return QStringLiteral("retry-upload");
    case SyncAction::Kind::TryAgain: return QStringLiteral("try-again");
    case SyncAction::Kind::HostPause: return QStringLiteral("host-pause");
    case SyncAction::Kind::Check: return QStringLiteral("check");
    case SyncAction::Kind::Repair: return QStringLiteral("repair");
    }
    return QString();
}

inline QString SyncAction::word() const
{
    return actionWord(kind);
}

} // namespace posdata

Q_DECLARE_METATYPE(posdata::SyncAction)
