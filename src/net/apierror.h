// SPDX-License-Identifier: MIT
// ApiError: one failed REST call, classified (retry, restart, stop or sign in).
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace posdata {

/// One failed REST call, classified so the engine knows whether to retry, restart, stop or sign in.
struct ApiError
{
    enum class Kind {
        None,
        Transient, ///< network error, timeout, 5xx, 420/429, REQUEST_LIMIT_EXCEEDED, bad body: retry later
        Permanent, ///< INVALID_FIELD, MALFORMED_QUERY, INVALID_TYPE, other 4xx: stop the object
        LocatorExpired, ///< INVALID_QUERY_LOCATOR: restart the query from the checkpoint
        Auth, ///< the refresh token was refused: sign-in required
    };
    Kind kind = Kind::None;
    int httpStatus = 0; ///< 0 when no HTTP response arrived
    QString code; ///< errorCode (or OAuth `error`, or NETWORK, TIMEOUT, HTTP_503, MALFORMED_RESPONSE)
    QString message; ///< in words; never contains a token
    QStringList fields;

    bool ok() const { return kind == Kind::None; }
    /// REQUEST_LIMIT_EXCEEDED: the org's API allowance is used up; back off for a long time.
    bool isLimitExceeded() const { return code == QLatin1String("REQUEST_LIMIT_EXCEEDED"); }

    /// Builds the error of an HTTP response from its status and body: a JSON array of
    /// {errorCode|statusCode, message, fields}, a JSON object ({errorCode,..} or OAuth {error,
    /// error_description}), or anything else (HTML, text), kept short as the message.
    static ApiError fromResponse(int httpStatus, const QByteArray &body);
    /// The class of an error code and status (see Kind).
    static Kind classify(int httpStatus, const QString &code);
    static ApiError network(const QString &message);
    static ApiError timeout(const QString &message);
    static ApiError malformed(const QString &message);
};

} // namespace posdata

Q_DECLARE_METATYPE(posdata::ApiError)
