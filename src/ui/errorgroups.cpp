// SPDX-License-Identifier: MIT
// The error kind table and the grouping of errorgroups.h.
#include "errorgroups.h"

#include "sync/syncwords.h"

#include <QCoreApplication>

namespace posdata {

namespace {

// The translation context of the error words (lupdate reads it from the macro).
struct ErrorWords
{
    Q_DECLARE_TR_FUNCTIONS(ErrorWords)
};

struct Kind
{
    const char *code;
    const char *sentence;
};

// One row per code the engine, the network layer or Salesforce gives (HTTP_<status> is worded in
// errorKindSentence). Words say what happened to the device, not what the API did.
constexpr Kind kKinds[] = {
    {"NETWORK", QT_TRANSLATE_NOOP("ErrorWords", "Could not reach Salesforce. Check the network connection.")},
    {"TIMEOUT", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce took too long to answer.")},
    {"SERVER_UNAVAILABLE", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce is not available right now.")},
    {"UNKNOWN_EXCEPTION", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce had an internal error.")},
    {"REQUEST_LIMIT_EXCEEDED", QT_TRANSLATE_NOOP("ErrorWords", "The Salesforce org has used up its API requests for today.")},
    {"MALFORMED_RESPONSE", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce sent an answer this device cannot read.")},
    {"UNABLE_TO_LOCK_ROW", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce was busy with the same records.")},
    {"STALLED", QT_TRANSLATE_NOOP("ErrorWords", "The download stopped making progress.")},
    {"NO_PROGRESS", QT_TRANSLATE_NOOP("ErrorWords", "The download kept starting over without progress.")},
    {"RECORD_WITHOUT_ID", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce sent a record without an Id.")},
    {"INVALID_QUERY_LOCATOR", QT_TRANSLATE_NOOP("ErrorWords", "The download's place in Salesforce expired.")},
    {"QUERY_LOCATOR_EXPIRED", QT_TRANSLATE_NOOP("ErrorWords", "The download's place in Salesforce expired.")},
    {"INVALID_QUERY_LOCATOR_FORMAT", QT_TRANSLATE_NOOP("ErrorWords", "The download's place in Salesforce expired.")},
    {"INVALID_FIELD", QT_TRANSLATE_NOOP("ErrorWords", "A field this object syncs is not available in Salesforce.")},
    {"INVALID_TYPE", QT_TRANSLATE_NOOP("ErrorWords", "This object is not available in Salesforce for this device.")},
    {"NOT_FOUND", QT_TRANSLATE_NOOP("ErrorWords", "This object is not available in Salesforce for this device.")},
    {"MALFORMED_QUERY", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce did not accept this object's query.")},
    {"INVALID_SCOPE", QT_TRANSLATE_NOOP("ErrorWords", "The object's scope in the configuration cannot be used.")},
    {"SIGN_IN_REQUIRED", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce refused this device's sign-in.")},
    {"invalid_grant", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce refused this device's sign-in.")},
    {"invalid_client_id", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce refused this device's sign-in.")},
    {"invalid_client", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce refused this device's sign-in.")},
    {"INVALID_SESSION_ID", QT_TRANSLATE_NOOP("ErrorWords", "The sign-in expired.")},
    {"REDIRECT_REFUSED", QT_TRANSLATE_NOOP("ErrorWords", "The Salesforce address of this device is not accepted.")},
    {"INSTANCE_URL_REFUSED", QT_TRANSLATE_NOOP("ErrorWords", "The Salesforce address of this device is not accepted.")},
    {"INVALID_INSTANCE_URL", QT_TRANSLATE_NOOP("ErrorWords", "The Salesforce address of this device is not accepted.")},
    {"DISK_FULL", QT_TRANSLATE_NOOP("ErrorWords", "The device storage is full. Nothing was lost.")},
    {"STORE_BUSY", QT_TRANSLATE_NOOP("ErrorWords", "The data on this device was busy.")},
    {"STORE_READ_ONLY", QT_TRANSLATE_NOOP("ErrorWords", "The data on this device cannot be written.")},
    {"STORE_ERROR", QT_TRANSLATE_NOOP("ErrorWords", "The data on this device could not be read or written.")},
    {"ENTITY_IS_DELETED", QT_TRANSLATE_NOOP("ErrorWords", "The record was deleted in Salesforce.")},
    {"FIELD_CUSTOM_VALIDATION_EXCEPTION", QT_TRANSLATE_NOOP("ErrorWords", "A Salesforce rule refused the record.")},
    {"REQUIRED_FIELD_MISSING", QT_TRANSLATE_NOOP("ErrorWords", "A field Salesforce requires is empty.")},
    {"DUPLICATE_VALUE", QT_TRANSLATE_NOOP("ErrorWords", "Salesforce already has a record with the same value.")},
    {"ALL_OR_NONE_OPERATION_ROLLED_BACK", QT_TRANSLATE_NOOP("ErrorWords", "Another record of the same upload was refused, so none were saved.")},
};

} // namespace

QString errorKindSentence(const QString &code)
{
    for (const Kind &k : kKinds) {
        if (code == QLatin1String(k.code))
            return ErrorWords::tr(k.sentence);
    }
    if (code.startsWith(u"HTTP_")) {
        const QString status = code.mid(5);
        if (status.startsWith(u'5'))
            return ErrorWords::tr("Salesforce did not answer (HTTP %1).").arg(status);
        return ErrorWords::tr("Salesforce refused the request (HTTP %1).").arg(status);
    }
    return ErrorWords::tr("Salesforce reported an error.");
}

QList<ErrorGroup> groupErrors(const QList<SyncError> &errors, int maxGroups)
{
    QList<ErrorGroup> groups; // newest first
    for (const SyncError &e : errors) {
        qsizetype at = -1;
        for (qsizetype i = 0; i < groups.size(); ++i) {
            if (groups.at(i).code == e.code) {
                at = i;
                break;
            }
        }
        ErrorGroup g = at >= 0 ? groups.takeAt(at) : ErrorGroup{e.code, errorKindSentence(e.code), {}, 0, e.time, {}};
        ++g.count;
        g.last = e.time;
        const QString server = syncwords::printable(e.detail.isEmpty() ? e.message : e.detail);
        g.raw = e.code.isEmpty() ? server : server.isEmpty() ? e.code : e.code + QStringLiteral(": ") + server;
        groups.prepend(g);
    }
    if (groups.size() > maxGroups)
        groups.resize(maxGroups);
    return groups;
}

QString errorTimeText(const QDateTime &when, const QDateTime &now, const QLocale &locale)
{
    if (!when.isValid())
        return ErrorWords::tr("time unknown");
    const QDateTime local = when.toLocalTime();
    const QString time = locale.toString(local.time(), QLocale::ShortFormat);
    if (local.date() == now.toLocalTime().date())
        return time;
    return locale.toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

QString errorGroupLine(const ErrorGroup &group, const QDateTime &now, const QLocale &locale)
{
    // The sentence's own full stop goes: the line continues with how often and when.
    QString sentence = group.sentence;
    if (sentence.endsWith(u'.'))
        sentence.chop(1);
    const QString when = errorTimeText(group.last, now, locale);
    if (group.count <= 1)
        return ErrorWords::tr("%1 - %2").arg(sentence, when);
    return ErrorWords::tr("%1 - %n times, last %2", nullptr, group.count).arg(sentence, when);
}

} // namespace posdata
