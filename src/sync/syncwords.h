// SPDX-License-Identifier: MIT
#pragma once

// What the engine is doing for an object, in words: the one wording the screen and `posdata status`
// share (translated through QCoreApplication::translate, context "SyncWords").

#include "sync/syncsnapshot.h"

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace posdata::syncwords {

/// "Waiting to sync", "Resyncing 12,000 of 100,007", "Retrying in 30 s", "Waiting for sign-in", ...;
/// empty when the object is settled (its status says it all). Numbers and times in `locale`.
QString activity(const SyncObjectSnapshot &object, const QDateTime &now, const QLocale &locale = QLocale());

/// A scoped object's scope in words: "Only records of this outlet (Berlin Mitte): 10,000 of
/// 200,000" (the outlet's Name, or its Id while it is not on the device; the counts in scope and of
/// all records once both are known); empty for an unscoped object.
QString scope(const SyncObjectSnapshot &object, const QLocale &locale = QLocale());

/// A size for people: "1.2 MB" (powers of 1024, one decimal, in `locale`); "-" while unknown (< 0).
QString bytes(qint64 bytes, const QLocale &locale = QLocale());

/// "Not enough free space for the next download: about 120 MB needed, 80 MB free" when the
/// snapshot's lowSpace() (devicestorage.h says the rule), else empty.
QString lowSpace(const EngineSnapshot &snapshot, const QLocale &locale = QLocale());

/// "Retrying in 30 s" within two minutes, else "Will try again at 7:55 PM"; "at the next sync" when
/// `at` is invalid. For retries and for sign-in.
QString retry(const QDateTime &at, const QDateTime &now, const QLocale &locale = QLocale());

/// How old a time is, for people: "just now", "3 min ago", "2 h ago", "yesterday", else the date.
QString age(const QDateTime &then, const QDateTime &now, const QLocale &locale = QLocale());

/// Text from a server or a file made safe for a terminal or one line of a screen: control
/// characters (escape sequences, newlines) and bidirectional overrides become spaces, runs of
/// white space one space.
QString printable(const QString &text);

} // namespace posdata::syncwords
