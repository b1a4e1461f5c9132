// SPDX-License-Identifier: MIT
#pragma once

// Sync errors as a person reads them: grouped by kind per object ("Salesforce did not answer (HTTP
// 503) - 6 times, last 7:50 PM"), one plain sentence per kind from a table, and the raw code and
// server text kept as a secondary line for support.

#include "sync/syncsnapshot.h"

#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QString>

namespace posdata {

/// One kind of error of an object: every error with the same code, newest time first.
struct ErrorGroup
{
    QString code; ///< the engine's or Salesforce's code (INVALID_FIELD, HTTP_503, NETWORK, ...)
    QString sentence; ///< errorKindSentence(code), translated
    QString raw; ///< "CODE: the server's own text" for support; the message when the server said nothing
    int count = 0;
    QDateTime first; ///< UTC
    QDateTime last; ///< UTC
};

/// The plain-words sentence for an error code, from one table (translated, context "ErrorWords"):
/// "Could not reach Salesforce. Check the network connection.", "Salesforce did not answer (HTTP
/// 503).", ... An unknown code gets "Salesforce reported an error." (the raw line names it).
QString errorKindSentence(const QString &code);

/// Groups `errors` (oldest first, as the snapshot keeps them) by code, newest group first; at most
/// `maxGroups` groups (the newest ones). The message and raw line are the newest of each group.
QList<ErrorGroup> groupErrors(const QList<SyncError> &errors, int maxGroups = 20);

/// "Salesforce did not answer (HTTP 503) - 6 times, last 7:50 PM" (the time alone today, with the
/// date before); "... - 7:50 PM" for a single error.
QString errorGroupLine(const ErrorGroup &group, const QDateTime &now, const QLocale &locale);

/// When an error happened: "7:50 PM" today, "3/11/26 7:50 PM" before (locale formats).
QString errorTimeText(const QDateTime &when, const QDateTime &now, const QLocale &locale);

} // namespace posdata
