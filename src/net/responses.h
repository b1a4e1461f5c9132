// SPDX-License-Identifier: MIT
#pragma once

// Readers of the small JSON answers the client gets besides query pages: a count, a composite batch
// of counts, a token. Pure functions over bytes: never throw, never trust a type (tested and fuzzed).

#include "net/apierror.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace posdata::responses {

/// totalSize of one query answer, or why there is none; with the first record's Id and
/// SystemModstamp when it has them (an `ORDER BY ... LIMIT 1` query: an end of an Id range, the
/// newest change), empty otherwise.
struct Count
{
    ApiError error;
    qint64 count = -1;
    QString firstId;
    QString firstModstamp;
    QStringList ids; ///< the Id of every record the answer holds (an Id-only page: the integrity check)
};

/// A query answer's totalSize (a non-negative integer), else a MALFORMED_RESPONSE error; its first
/// record's Id and SystemModstamp when they are strings (anything else there is left empty).
Count countAnswer(const QByteArray &body);

/// The answers of a /composite batch whose subrequests were named "q0".."q<n-1>", in that order:
/// each a count, the subrequest's own error, or MALFORMED_RESPONSE when the batch has no usable
/// answer for it. Always n entries.
QList<Count> compositeCounts(const QByteArray &body, qsizetype n);

/// What a token answer carries. The tokens are secrets.
struct Token
{
    QByteArray accessToken;
    QString refreshToken; ///< empty unless the server rotated it
    QString instanceUrl; ///< empty when absent; checked by the caller (urlpolicy)
};

/// An OAuth token answer (HTTP 200), or nullopt with *error in words when it has no access token.
std::optional<Token> tokenAnswer(const QByteArray &body, QString *error = nullptr);

} // namespace posdata::responses
