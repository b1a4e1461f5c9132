// SPDX-License-Identifier: MIT
// Reading and checking the device context file; the refresh token never leaves in a message.
#include "config/devicecontext.h"

#include "common/redact.h"
#include "common/urlpolicy.h"
#include "config/jsonerrors.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace posdata {

namespace {

const QStringList kKeys{QStringLiteral("instanceUrl"), QStringLiteral("clientId"), QStringLiteral("refreshToken"),
                        QStringLiteral("outletId"), QStringLiteral("shiftId")};

const QString kShiftId = QStringLiteral("shiftId");

QString tooLarge(qint64 size)
{
    return QStringLiteral("the file is %1 bytes; a device file is at most %2 bytes (64 KiB): is this the "
                          "right file?")
        .arg(size)
        .arg(kMaxDeviceFileSize);
}

QString tokenTooShort(const QString &token)
{
    return QStringLiteral("too short for a refresh token (%1 characters, at least %2 expected)")
        .arg(token.size())
        .arg(kMinRefreshTokenLength);
}

} // namespace

QStringList DeviceContext::bindableVariables()
{
    return {QStringLiteral("outletId"), QStringLiteral("shiftId")};
}

std::optional<QString> DeviceContext::variable(QStringView name) const
{
    if (name == u"outletId")
        return outletId;
    if (name == u"shiftId")
        return shiftId;
    return std::nullopt;
}

std::optional<DeviceContext> parseDeviceContext(const QByteArray &json, const QString &source, QString *error)
{
    QString secret; // set once the token is known to be long enough to redact safely
    auto fail = [&](const QString &message) {
        // Belt and braces: whatever a message was built from, the token must not leave in it.
        if (error)
            *error = redactSecret(QStringLiteral("%1: %2").arg(source, message), secret);
        return std::nullopt;
    };
    if (json.size() > kMaxDeviceFileSize)
        return fail(tooLarge(json.size()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(describeJsonError(json, parseError));
    if (!doc.isObject())
        return fail(QStringLiteral("the top level must be a JSON object with the keys %1").arg(kKeys.join(u", ")));
    const QJsonObject o = doc.object();
    // The token's length first: every later message is scrubbed of it, which is only safe for a
    // token too long to match ordinary words.
    const QString token = o.value(u"refreshToken").toString();
    if (!token.trimmed().isEmpty() && token.size() < kMinRefreshTokenLength)
        return fail(QStringLiteral("key \"refreshToken\": %1").arg(tokenTooShort(token)));
    if (token.size() >= kMinRefreshTokenLength)
        secret = token; // a blank token is refused below ("must not be empty"), unscrubbed
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kKeys.contains(it.key()))
            return fail(QStringLiteral("key \"%1\": unknown key (allowed: %2)").arg(it.key(), kKeys.join(u", ")));
    }
    for (const QString &key : kKeys) {
        const QJsonValue value = o.value(key);
        // No open shift: the key left out, null or blank (see DeviceContext::shiftId).
        if (key == kShiftId && (value.isUndefined() || value.isNull()))
            continue;
        if (value.isUndefined())
            return fail(QStringLiteral("key \"%1\": missing required key").arg(key));
        // Values are never echoed: one of them is a secret.
        if (!value.isString())
            return fail(QStringLiteral("key \"%1\": must be a string").arg(key));
        if (key != kShiftId && value.toString().trimmed().isEmpty())
            return fail(QStringLiteral("key \"%1\": must not be empty").arg(key));
    }

    DeviceContext ctx;
    ctx.clientId = o.value(u"clientId").toString();
    ctx.refreshToken = token;
    ctx.outletId = o.value(u"outletId").toString();
    const QString shift = o.value(kShiftId).toString();
    ctx.shiftId = shift.trimmed().isEmpty() ? QString() : shift;
    ctx.instanceUrl = QUrl(o.value(u"instanceUrl").toString(), QUrl::StrictMode);
    if (const auto problem = deviceContextProblem(ctx))
        return fail(QStringLiteral("key \"%1\": %2").arg(problem->key, problem->why));
    return ctx;
}

std::optional<DeviceContextProblem> deviceContextProblem(const DeviceContext &context)
{
    for (const auto &[key, value] : {std::pair{QStringLiteral("clientId"), context.clientId},
                                     std::pair{QStringLiteral("outletId"), context.outletId}}) {
        if (value.trimmed().isEmpty())
            return DeviceContextProblem{key, QStringLiteral("must not be empty")};
    }
    if (!context.refreshToken.isEmpty() && context.refreshToken.size() < kMinRefreshTokenLength)
        return DeviceContextProblem{QStringLiteral("refreshToken"), tokenTooShort(context.refreshToken)};
    // The same rule the client applies before it sends credentials anywhere.
    if (const QString why = urlpolicy::instanceUrlProblem(context.instanceUrl); !why.isEmpty())
        return DeviceContextProblem{QStringLiteral("instanceUrl"), why};
    return std::nullopt;
}

std::optional<DeviceContext> loadDeviceContext(const QString &path, QString *error)
{
    // Permissions first: a world-readable token is refused before a byte of it is read.
    struct stat st {};
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &st) != 0) {
        if (error)
            *error = QStringLiteral("%1: cannot read: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        if (error)
            *error = QStringLiteral("%1: not a regular file").arg(path);
        return std::nullopt;
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        if (error)
            *error = QStringLiteral("%1: other users can access this file (mode %2), and it holds a refresh "
                                    "token; run: chmod 600 %1")
                         .arg(path, QString::number(st.st_mode & 07777, 8).rightJustified(4, u'0'));
        return std::nullopt;
    }
    // Size next, from the same stat: a huge file is refused without reading a byte of it.
    if (st.st_size > kMaxDeviceFileSize) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, tooLarge(st.st_size));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // One byte past the limit: a file that grew since the stat is still refused by the parser.
    return parseDeviceContext(file.read(kMaxDeviceFileSize + 1), path, error);
}

QDebug operator<<(QDebug debug, const DeviceContext &context)
{
    QString text;
    QDebug(&text).nospace() << "DeviceContext(instanceUrl=" << context.instanceUrl.toString()
                            << ", clientId=" << context.clientId
                            << ", refreshToken=" << (context.refreshToken.isEmpty() ? "<empty>" : "<redacted>")
                            << ", outletId=" << context.outletId << ", shiftId=" << context.shiftId << ')';
    // The token pasted into another field (clientId, the URL) must not come out either.
    const QDebugStateSaver saver(debug);
    debug.noquote().nospace() << redactSecret(text, context.refreshToken);
    return debug;
}

} // namespace posdata
