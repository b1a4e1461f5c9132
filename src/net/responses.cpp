// SPDX-License-Identifier: MIT
// The checked JSON readers of responses.h: find() + is_*() for every member, no call that throws.
#include "net/responses.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace posdata::responses {

namespace {

using json = nlohmann::json;

json parse(const QByteArray &body)
{
    return json::parse(body.constBegin(), body.constEnd(), nullptr, /*allow_exceptions=*/false);
}

const json *member(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> stringMember(const json &object, const char *key)
{
    const json *v = member(object, key);
    if (!v || !v->is_string())
        return std::nullopt;
    return v->get_ref<const std::string &>();
}

Count countOf(const json &doc)
{
    Count result;
    const json *total = member(doc, "totalSize");
    if (total && total->is_number_unsigned())
        result.count = static_cast<qint64>(std::min<std::uint64_t>(total->get<std::uint64_t>(), std::uint64_t(std::numeric_limits<qint64>::max())));
    else if (total && total->is_number_integer() && total->get<std::int64_t>() >= 0)
        result.count = total->get<std::int64_t>();
    else
        result.error = ApiError::malformed(QStringLiteral("A count answer has no totalSize"));
    const json *records = member(doc, "records");
    if (result.error.ok() && records && records->is_array() && !records->empty()) {
        const json &first = records->front();
        if (const auto id = stringMember(first, "Id"))
            result.firstId = QString::fromStdString(*id);
        if (const auto modstamp = stringMember(first, "SystemModstamp"))
            result.firstModstamp = QString::fromStdString(*modstamp);
        for (const json &record : *records)
            if (const auto id = stringMember(record, "Id"))
                result.ids << QString::fromStdString(*id);
    }
    return result;
}

} // namespace

Count countAnswer(const QByteArray &body)
{
    return countOf(parse(body));
}

QList<Count> compositeCounts(const QByteArray &body, qsizetype n)
{
    QList<Count> results(n);
    for (Count &r : results)
        r.error = ApiError::malformed(QStringLiteral("The composite answer has no answer for a count"));
    const json doc = parse(body);
    const json *list = member(doc, "compositeResponse");
    if (!list || !list->is_array())
        return results;
    for (const json &item : *list) {
        const std::optional<std::string> ref = stringMember(item, "referenceId");
        if (!ref || ref->size() < 2 || ref->size() > 12 || (*ref)[0] != 'q')
            continue;
        bool ok = false;
        const qsizetype index = QByteArray::fromStdString(ref->substr(1)).toLongLong(&ok);
        if (!ok || index < 0 || index >= n)
            continue;
        const json *status = member(item, "httpStatusCode");
        const int code = status && status->is_number_integer() ? int(status->get<std::int64_t>()) : 0;
        const json *sub = member(item, "body");
        if (code >= 200 && code < 300) {
            results[index] = sub ? countOf(*sub)
                                 : Count{ApiError::malformed(QStringLiteral("A count answer has no body")), -1, {}, {}, {}};
        } else {
            // The subrequest's own error, in Salesforce's shape: ApiError reads the bytes.
            const QByteArray subBody = sub ? QByteArray::fromStdString(sub->dump(-1, ' ', false,
                                                                                 json::error_handler_t::replace))
                                           : QByteArray();
            results[index] = Count{ApiError::fromResponse(code, subBody), -1, {}, {}, {}};
        }
    }
    return results;
}

std::optional<Token> tokenAnswer(const QByteArray &body, QString *error)
{
    const json doc = parse(body);
    const std::optional<std::string> access = stringMember(doc, "access_token");
    if (!access || access->empty()) {
        if (error)
            *error = QStringLiteral("The token answer has no access token");
        return std::nullopt;
    }
    Token token;
    token.accessToken = QByteArray::fromStdString(*access);
    if (const auto rotated = stringMember(doc, "refresh_token"))
        token.refreshToken = QString::fromStdString(*rotated);
    if (const auto instance = stringMember(doc, "instance_url"))
        token.instanceUrl = QString::fromStdString(*instance);
    return token;
}

} // namespace posdata::responses
