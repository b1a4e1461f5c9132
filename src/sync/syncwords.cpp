// SPDX-License-Identifier: MIT
// The wording of syncwords.h.
#include "sync/syncwords.h"

#include <QCoreApplication>

namespace posdata::syncwords {

namespace {

// The translation context "SyncWords": lupdate reads it from the macro, so the .ts files of the
// screen carry these words under the context they are looked up by.
struct SyncWords
{
    Q_DECLARE_TR_FUNCTIONS(SyncWords)
};

QString progress(
    const char *withTotal, const char *withoutTotal, const SyncObjectSnapshot &o, const QLocale &locale)
{
    if (o.progressTotal > 0)
        return SyncWords::tr(withTotal).arg(
            locale.toString(o.progressDone), locale.toString(o.progressTotal));
    return SyncWords::tr(withoutTotal);
}

} // namespace

QString scope(const SyncObjectSnapshot &o, const QLocale &locale)
{
    if (!o.scoped)
        return {};
    QString what;
    const bool named = !o.scopeRecord.isEmpty();
    // Whole sentences per kind of record: word order differs between languages.
    if (o.scopeBy == QLatin1String("outletId"))
        what = named ? SyncWords::tr("Only records of this outlet (%1)").arg(printable(o.scopeRecord))
                     : SyncWords::tr("Only records of this outlet");
    else if (o.scopeBy == QLatin1String("shiftId"))
        what = named ? SyncWords::tr("Only records of the open shift (%1)").arg(printable(o.scopeRecord))
                     : SyncWords::tr("Only records of the open shift");
    else
        what = SyncWords::tr("Only records in this device's scope");
    if (o.server < 0 || o.serverAll < 0)
        return what;
    //: %1 = "Only records of this outlet (Berlin Mitte)", %2 records in scope, %3 all records
    return SyncWords::tr("%1: %2 of %3").arg(what, locale.toString(o.server), locale.toString(o.serverAll));
}

QString bytes(qint64 bytes, const QLocale &locale)
{
    if (bytes < 0)
        return QStringLiteral("-");
    return locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString lowSpace(const EngineSnapshot &snapshot, const QLocale &locale)
{
    if (!snapshot.lowSpace())
        return {};
    return SyncWords::tr("Not enough free space for the next download: about %1 needed, %2 free")
        .arg(bytes(snapshot.neededBytes, locale), bytes(snapshot.freeBytes, locale));
}

QString retry(const QDateTime &at, const QDateTime &now, const QLocale &locale)
{
    if (!at.isValid())
        return SyncWords::tr("Will try again at the next sync");
    const qint64 seconds = std::max<qint64>(0, now.secsTo(at));
    if (seconds < 120)
        return SyncWords::tr("Retrying in %n s", nullptr, int(seconds));
    return SyncWords::tr("Will try again at %1")
        .arg(locale.toString(at.toLocalTime().time(), QLocale::ShortFormat));
}

QString activity(const SyncObjectSnapshot &o, const QDateTime &now, const QLocale &locale)
{
    if (o.paused)
        return {};
    switch (o.activity) {
    case SyncActivity::Idle:
        return {};
    case SyncActivity::Waiting:
        return SyncWords::tr("Waiting to sync");
    case SyncActivity::Counting:
        return SyncWords::tr("Checking for changes");
    case SyncActivity::Downloading:
        return progress(QT_TRANSLATE_NOOP("SyncWords", "Downloading changes: %1 of %2"),
            QT_TRANSLATE_NOOP("SyncWords", "Downloading changes"), o, locale);
    case SyncActivity::Resyncing:
        // The first download of an object is no "re"-sync: staff who never synced it read
        // "Resyncing" as a repeat of something that went wrong.
        if (!o.lastSynced.isValid())
            return progress(QT_TRANSLATE_NOOP("SyncWords", "Downloading %1 of %2"),
                QT_TRANSLATE_NOOP("SyncWords", "Downloading"), o, locale);
        return progress(QT_TRANSLATE_NOOP("SyncWords", "Resyncing %1 of %2"),
            QT_TRANSLATE_NOOP("SyncWords", "Resyncing"), o, locale);
    case SyncActivity::UpdatingFields:
        return progress(QT_TRANSLATE_NOOP("SyncWords", "Updating fields: %1 of %2"),
            QT_TRANSLATE_NOOP("SyncWords", "Updating fields"), o, locale);
    case SyncActivity::Recounting:
        return SyncWords::tr("Checking the server count");
    case SyncActivity::Retrying:
        return retry(o.retryAt, now, locale);
    case SyncActivity::WaitingForSignIn:
        return SyncWords::tr("Waiting for sign-in");
    case SyncActivity::Stopped:
        return SyncWords::tr("Stopped until the error is fixed");
    }
    return {};
}

QString age(const QDateTime &then, const QDateTime &now, const QLocale &locale)
{
    if (!then.isValid())
        return SyncWords::tr("never");
    const qint64 s = std::max<qint64>(0, then.secsTo(now));
    if (s < 60)
        return SyncWords::tr("just now");
    if (s < 3600)
        return SyncWords::tr("%n min ago", nullptr, int(s / 60));
    if (s < 86400)
        return SyncWords::tr("%n h ago", nullptr, int(s / 3600));
    if (then.toLocalTime().date() == now.toLocalTime().date().addDays(-1))
        return SyncWords::tr("yesterday");
    return locale.toString(then.toLocalTime().date(), QLocale::ShortFormat);
}

QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || (u >= 0x7f && u <= 0x9f);
        const bool bidi
            = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e || u == 0x200f;
        out += control || bidi ? QChar(u' ') : c;
    }
    return out.simplified();
}

} // namespace posdata::syncwords
