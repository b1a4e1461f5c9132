// SPDX-License-Identifier: MIT
// The device context: who and where this device is, read from its private JSON file.
#pragma once

#include <QDebug>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace posdata {

/// A device file is a few hundred bytes; anything past this is refused unread (a wrong path, a log
/// file, a hostile file), so loading never holds more than this in memory.
inline constexpr qint64 kMaxDeviceFileSize = 64 * 1024;

/// Salesforce refresh tokens are ~90 characters. A shorter value is a mistake, and redacting a very
/// short one would blank out ordinary letters of every message (a 1-character token).
inline constexpr qsizetype kMinRefreshTokenLength = 16;

/// Who and where this device is: the org, the OAuth client and token, the active outlet and shift.
/// The refresh token is a secret: it is never printed (see operator<< below).
struct DeviceContext
{
    QUrl instanceUrl; ///< https, or http only for loopback (127.0.0.0/8, ::1, localhost)
    QString clientId;
    QString refreshToken; ///< secret: never log, print or put in messages; at least kMinRefreshTokenLength
    QString outletId; ///< bind variable :outletId; never empty
    /// Bind variable :shiftId. Empty when the till has no open shift (between shifts), whether the
    /// file leaves the key out, sets it to null, or to a blank string: a till between shifts syncs.
    QString shiftId;

    /// Names usable as bind variables in scopes (outletId, shiftId). Secrets are deliberately not bindable.
    static QStringList bindableVariables();

    /// Value of a bindable variable (case-sensitive name, without the colon); nullopt if the name is
    /// not bindable. A bindable variable without a value (shiftId between shifts) gives an empty
    /// string, never nullopt: callers treat "empty" as "no value" (SoqlBuilder refuses to bind it,
    /// the engine protects no record in use for it).
    std::optional<QString> variable(QStringView name) const;

    bool operator==(const DeviceContext &) const = default;
};

/// Why a device context cannot be used: the key at fault and why, in words (never its value).
struct DeviceContextProblem
{
    QString key;
    QString why;
};

/// The rules every device context obeys, whether read from a file or handed in memory by a host
/// app (the public API): clientId and outletId not blank, a refresh token empty (the host hands
/// credentials when asked) or at least kMinRefreshTokenLength long, an instance URL credentials
/// may be sent to (https, or http for loopback). nullopt when it is usable.
std::optional<DeviceContextProblem> deviceContextProblem(const DeviceContext &context);

/// Loads a device context JSON file. Refused (nullopt, *error set, naming the file and the key) when
/// the group or others may read or write it, when it is larger than kMaxDeviceFileSize (refused
/// without reading it), when a key is unknown, when a required key is missing or not a non-empty
/// string (shiftId may be absent, null or blank), when the refresh token is shorter than
/// kMinRefreshTokenLength, or when instanceUrl is not https (http is allowed only for loopback hosts).
/// The refresh token never appears in *error, in any letter case.
std::optional<DeviceContext> loadDeviceContext(const QString &path, QString *error = nullptr);

/// As loadDeviceContext() for bytes already read (no permission check); `source` names the file.
std::optional<DeviceContext> parseDeviceContext(const QByteArray &json, const QString &source,
                                                QString *error = nullptr);

/// Redacted debug output: the refresh token shows as "<redacted>", wherever it appears (a token
/// pasted into clientId or the URL too).
QDebug operator<<(QDebug debug, const DeviceContext &context);

} // namespace posdata
