// SPDX-License-Identifier: MIT
#pragma once

#include "store/storetypes.h"
#include "sync/syncsnapshot.h"
#include "sync/syncstatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QUrl>

namespace posdata {

/// Turns domain values (counts, rates, times, statuses, errors) into the words the screen shows.
/// Every function is pure: the locale and "now" are passed in so tests pin them.
class SyncFormatter
{
    Q_DECLARE_TR_FUNCTIONS(SyncFormatter)

public:
    /// The locale to format numbers with: the system locale, except that the "C" locale (CI, bare
    /// containers) becomes en_US so counts keep their group separators ("1,234").
    static QLocale displayLocale();

    static QString number(qint64 value, const QLocale &locale);

    /// The product page's "Local records" (and the X of the row's "Synced X of Y", the detail's
    /// field, `posdata status`'s LOCAL): every record stored for the object, unsaved ones included.
    /// The one place the screen picks that count from a snapshot.
    static qint64 localRecords(const SyncObjectSnapshot &object) { return object.stored; }

    /// "Synced 1,234 of 2,000": localRecords() of the server count; "Synced 1,234" while the server
    /// count is unknown.
    static QString syncedText(const SyncObjectSnapshot &object, const QLocale &locale);
    static QString syncedText(qint64 local, qint64 server, const QLocale &locale);

    /// A count for the detail page: "1,234", or "Unknown" while it is not known (-1).
    static QString countText(qint64 value, const QLocale &locale);

    /// "1,234 records/s"; empty when there is no rate to show.
    static QString rateText(double recordsPerSecond, const QLocale &locale);

    /// "2 min left", "1 h 5 min left", "Less than 1 min left"; empty while unknown (-1).
    static QString timeLeftText(qint64 secondsLeft, const QLocale &locale);

    /// "40 %": the share of a download in, rounded down (no 100 % before it is all in); empty while
    /// the total is unknown (<= 0).
    static QString percentText(qint64 done, qint64 total, const QLocale &locale);

    /// "about 20 s" (below a minute, rounded up to 5 s), "about 3 min", "about 1 h 5 min" (minutes
    /// rounded up): a rough wait from the observed rate; empty while unknown (-1).
    static QString aboutText(qint64 seconds, const QLocale &locale);

    /// "Last synced 5 min ago", "Last synced yesterday", "Never synced" (the age in syncwords' words).
    static QString lastSyncedText(const QDateTime &when, const QDateTime &now, const QLocale &locale);

    /// The product page's status word, translated ("Fully synced", "Vollständig synchronisiert").
    static QString statusText(SyncStatus status);

    /// What happened to an unsaved record, in words: "Created on this device", "Changed on this
    /// device", "Deleted on this device".
    static QString unsavedKindText(RecordState state);

    /// Where an unsaved record's upload stands: "Refused by Salesforce: <message>" after the server
    /// refused it (its statusCode in words when the message is empty), else "Waiting to upload".
    static QString uploadStateText(const QString &errorCode, const QString &errorMessage);

    /// "Refused 3 times" once Salesforce refused a record's upload more than once; empty before.
    /// Counts in these texts are %Ln: the default locale's digits (installTranslations sets it).
    static QString refusedTimesText(int attempts, const QLocale &locale);

    /// "2 failed to upload"; empty when none did (shown beside the status, never instead of it).
    static QString uploadFailedText(qint64 failed, const QLocale &locale);

    /// "5 unsaved records", "1 unsaved record".
    static QString unsavedCountText(qint64 unsaved, const QLocale &locale);

    /// A download runs for the object (counting, downloading, resyncing, updating fields): the
    /// progress bar and its numbers show then only, never while it waits or retries.
    static bool downloading(const SyncObjectSnapshot &object);

    /// Fraction 0..1 of the current download; -1 when the total is unknown (indeterminate bar).
    static double progress(const SyncObjectSnapshot &object);

    /// A stable key per status for the icon file names: "syncing", "paused", "fully-synced",
    /// "subset-synced", "incomplete" (QML keys colours by StatusKind, never by these strings).
    static QString statusKey(SyncStatus status);

    /// The status icon (SVG) for QML, or an empty URL when the SVG image plugin is missing so the
    /// page draws its fallback glyph instead of logging an image error.
    static QUrl statusIconSource(SyncStatus status);

    /// A plain-text table of every object (Object, Status, Local, Server, Server (all), Unsaved,
    /// Failed (unsaved records the server refused), Progress) for terminals: pos-manage-data prints
    /// it when there is no display.
    static QString statusTable(const QList<SyncObjectSnapshot> &objects, const QLocale &locale);
    static bool svgIconsAvailable();
};

} // namespace posdata
