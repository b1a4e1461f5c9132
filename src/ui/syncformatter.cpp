// SPDX-License-Identifier: MIT
#include "syncformatter.h"

#include "sync/syncwords.h"

#include <QCoreApplication>
#include <QImageReader>

#include <cmath>

namespace posdata {

QLocale SyncFormatter::displayLocale()
{
    QLocale locale;
    if (locale.language() == QLocale::C)
        return QLocale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

QString SyncFormatter::number(qint64 value, const QLocale &locale)
{
    return locale.toString(value);
}

QString SyncFormatter::syncedText(qint64 local, qint64 server, const QLocale &locale)
{
    if (server < 0)
        return tr("Synced %1").arg(number(local, locale));
    return tr("Synced %1 of %2").arg(number(local, locale), number(server, locale));
}

QString SyncFormatter::syncedText(const SyncObjectSnapshot &object, const QLocale &locale)
{
    return syncedText(localRecords(object), object.server, locale);
}

QString SyncFormatter::countText(qint64 value, const QLocale &locale)
{
    if (value < 0)
        return tr("Unknown");
    return number(value, locale);
}

QString SyncFormatter::rateText(double recordsPerSecond, const QLocale &locale)
{
    if (!(recordsPerSecond > 0.0) || !std::isfinite(recordsPerSecond))
        return {};
    if (recordsPerSecond < 1.0)
        return tr("Less than 1 record/s");
    return tr("%1 records/s").arg(number(qRound64(recordsPerSecond), locale));
}

QString SyncFormatter::timeLeftText(qint64 secondsLeft, const QLocale &locale)
{
    if (secondsLeft < 0)
        return {};
    if (secondsLeft < 60)
        return tr("Less than 1 min left");
    // Whole minutes, rounded up: "1 min left" must not show while 1 min 50 s remain.
    const qint64 minutes = (secondsLeft + 59) / 60;
    if (minutes < 60)
        return tr("%1 min left").arg(number(minutes, locale));
    const qint64 hours = minutes / 60;
    const qint64 rest = minutes % 60;
    if (rest == 0)
        return tr("%1 h left").arg(number(hours, locale));
    return tr("%1 h %2 min left").arg(number(hours, locale), number(rest, locale));
}

QString SyncFormatter::percentText(qint64 done, qint64 total, const QLocale &locale)
{
    if (total <= 0)
        return {};
    const qint64 in = std::clamp<qint64>(done, 0, total);
    const qint64 percent = in == total ? 100 : std::min<qint64>(99, in * 100 / total);
    return tr("%1 %").arg(number(percent, locale));
}

QString SyncFormatter::aboutText(qint64 seconds, const QLocale &locale)
{
    if (seconds < 0)
        return {};
    // Steps a person can read at a glance, which do not change with every snapshot.
    if (seconds < 60)
        return tr("about %1 s").arg(number(std::max<qint64>(5, (seconds + 4) / 5 * 5), locale));
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return tr("about %1 min").arg(number(minutes, locale));
    if (minutes % 60 == 0)
        return tr("about %1 h").arg(number(minutes / 60, locale));
    return tr("about %1 h %2 min").arg(number(minutes / 60, locale), number(minutes % 60, locale));
}

QString SyncFormatter::lastSyncedText(const QDateTime &when, const QDateTime &now, const QLocale &locale)
{
    if (!when.isValid())
        return tr("Never synced");
    return tr("Last synced %1").arg(syncwords::age(when, now, locale));
}

QString SyncFormatter::statusText(SyncStatus status)
{
    // The status names of syncstatus.h (the command line's words), translated here. lupdate reads
    // them from this list; tr() finds them at run time by the same source text.
    [[maybe_unused]] static const char *const kNames[] = {QT_TR_NOOP("Syncing"), QT_TR_NOOP("Paused"),
        QT_TR_NOOP("Fully synced"), QT_TR_NOOP("Subset synced"), QT_TR_NOOP("Incomplete")};
    return tr(statusWords(status).toLatin1().constData());
}

QString SyncFormatter::unsavedKindText(RecordState state)
{
    switch (state) {
    case RecordState::LocallyCreated:
        return tr("Created on this device");
    case RecordState::LocallyUpdated:
        return tr("Changed on this device");
    case RecordState::LocallyDeleted:
        return tr("Deleted on this device");
    case RecordState::Synced:
        break;
    }
    return tr("Saved in Salesforce");
}

QString SyncFormatter::uploadStateText(const QString &errorCode, const QString &errorMessage)
{
    const QString message = errorMessage.trimmed();
    if (!message.isEmpty())
        return tr("Refused by Salesforce: %1").arg(message);
    if (!errorCode.isEmpty())
        return tr("Refused by Salesforce (%1)").arg(errorCode);
    return tr("Waiting to upload");
}

QString SyncFormatter::refusedTimesText(int attempts, const QLocale &)
{
    if (attempts <= 1)
        return {};
    return tr("Refused %Ln time(s)", nullptr, attempts);
}

QString SyncFormatter::uploadFailedText(qint64 failed, const QLocale &)
{
    if (failed <= 0)
        return {};
    return tr("%Ln failed to upload", nullptr, int(failed));
}

QString SyncFormatter::unsavedCountText(qint64 unsaved, const QLocale &)
{
    return tr("%Ln unsaved record(s)", nullptr, int(unsaved));
}

bool SyncFormatter::downloading(const SyncObjectSnapshot &object)
{
    switch (object.activity) {
    case SyncActivity::Counting:
    case SyncActivity::Downloading:
    case SyncActivity::Resyncing:
    case SyncActivity::UpdatingFields:
        return object.syncing;
    default:
        return false;
    }
}

double SyncFormatter::progress(const SyncObjectSnapshot &object)
{
    if (object.progressTotal > 0)
        return std::clamp(double(object.progressDone) / double(object.progressTotal), 0.0, 1.0);
    return -1.0;
}

QString SyncFormatter::statusKey(SyncStatus status)
{
    // "Fully synced" -> "fully-synced": the status names in the form of a file name.
    return statusWords(status).toLower().replace(u' ', u'-');
}

bool SyncFormatter::svgIconsAvailable()
{
    static const bool available = QImageReader::supportedImageFormats().contains("svg");
    return available;
}

QUrl SyncFormatter::statusIconSource(SyncStatus status)
{
    if (!svgIconsAvailable())
        return {};
    return QUrl(QStringLiteral("qrc:/PosData/icons/status-%1.svg").arg(statusKey(status)));
}

QString SyncFormatter::statusTable(const QList<SyncObjectSnapshot> &objects, const QLocale &locale)
{
    QList<QStringList> rows;
    rows.append({tr("Object"), tr("Status"), tr("Local"), tr("Server"), tr("Server (all)"), tr("Unsaved"),
                 tr("Failed"), tr("Progress")});
    for (const auto &o : objects) {
        const double p = progress(o);
        QString progressText;
        if (o.syncing)
            progressText = p < 0 ? tr("...") : locale.toString(p * 100.0, 'f', 0) + QLatin1Char('%');
        rows.append({o.name, statusText(o.status), countText(localRecords(o), locale), countText(o.server, locale),
                     o.scoped ? countText(o.serverAll, locale) : QString(), countText(o.unsaved, locale),
                     countText(o.uploadFailed, locale), progressText});
    }
    QList<qsizetype> widths(rows.constFirst().size(), 0);
    for (const auto &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    }
    QString out;
    for (const auto &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            // Names and words read left-aligned; counts right-aligned so digits line up.
            const bool numeric = c >= 2;
            line += numeric ? row.at(c).rightJustified(widths[c]) : row.at(c).leftJustified(widths[c]);
            if (c + 1 < row.size())
                line += QStringLiteral("  ");
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line;
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace posdata
