// SPDX-License-Identifier: MIT
// ApiError: reading Salesforce and OAuth error bodies and classifying them for the engine.
#include "apierror.h"

#include <nlohmann/json.hpp>

namespace posdata {

namespace {

QString str(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

// Error pages can be large HTML documents: keep a readable start, without tags' clutter.
QString shortText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(400)).simplified();
    if (body.size() > 400)
        text += QStringLiteral("...");
    return text;
}

} // namespace

ApiError::Kind ApiError::classify(int httpStatus, const QString &code)
{
    if (code == QLatin1String("INVALID_QUERY_LOCATOR") || code == QLatin1String("QUERY_LOCATOR_EXPIRED")
        || code == QLatin1String("INVALID_QUERY_LOCATOR_FORMAT"))
        return Kind::LocatorExpired;
    if (code == QLatin1String("REQUEST_LIMIT_EXCEEDED") || code == QLatin1String("NETWORK")
        || code == QLatin1String("TIMEOUT") || code == QLatin1String("MALFORMED_RESPONSE")
        || code == QLatin1String("UNABLE_TO_LOCK_ROW"))
        return Kind::Transient;
    if (code == QLatin1String("invalid_grant") || code == QLatin1String("invalid_client_id")
        || code == QLatin1String("invalid_client") || code == QLatin1String("SIGN_IN_REQUIRED"))
        return Kind::Auth;
    if (httpStatus >= 500 || httpStatus == 420 || httpStatus == 429 || httpStatus == 408)
        return Kind::Transient;
    if (httpStatus == 401)
        return Kind::Auth;
    if (httpStatus >= 400)
        return Kind::Permanent;
    if (httpStatus == 0)
        return Kind::Transient;
    return Kind::Permanent; // a 3xx or an unexpected 2xx shape: retrying will not change it
}

ApiError ApiError::fromResponse(int httpStatus, const QByteArray &body)
{
    ApiError e;
    e.httpStatus = httpStatus;
    const nlohmann::json doc = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    auto fromObject = [&e](const nlohmann::json &o) {
        e.code = str(o, "errorCode");
        if (e.code.isEmpty())
            e.code = str(o, "statusCode");
        e.message = str(o, "message");
        if (e.code.isEmpty()) { // OAuth token endpoint
            e.code = str(o, "error");
            e.message = str(o, "error_description");
        }
        const auto f = o.find("fields");
        if (f != o.end() && f->is_array())
            for (const auto &v : *f)
                if (v.is_string())
                    e.fields << QString::fromStdString(v.get<std::string>());
    };
    if (doc.is_array() && !doc.empty() && doc.front().is_object()) {
        fromObject(doc.front());
        for (size_t i = 1; i < doc.size(); ++i)
            if (doc[i].is_object() && !str(doc[i], "message").isEmpty())
                e.message += QStringLiteral("; ") + str(doc[i], "message");
    } else if (doc.is_object()) {
        fromObject(doc);
    }
    if (e.code.isEmpty())
        e.code = QStringLiteral("HTTP_%1").arg(httpStatus);
    if (e.message.isEmpty())
        e.message = body.isEmpty() ? QStringLiteral("HTTP status %1").arg(httpStatus)
                                   : QStringLiteral("HTTP status %1: %2").arg(httpStatus).arg(shortText(body));
    e.kind = classify(httpStatus, e.code);
    return e;
}

ApiError ApiError::network(const QString &message)
{
    return ApiError{Kind::Transient, 0, QStringLiteral("NETWORK"), message, {}};
}

ApiError ApiError::timeout(const QString &message)
{
    return ApiError{Kind::Transient, 0, QStringLiteral("TIMEOUT"), message, {}};
}

ApiError ApiError::malformed(const QString &message)
{
    return ApiError{Kind::Transient, 200, QStringLiteral("MALFORMED_RESPONSE"), message, {}};
}

} // namespace posdata
