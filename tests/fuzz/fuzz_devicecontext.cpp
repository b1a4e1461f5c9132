// SPDX-License-Identifier: MIT
// libFuzzer target: parseDeviceContext (what loadDeviceContext runs on a file's bytes). A refused file
// has one message starting with the file name; an accepted one holds what the header promises. The
// refresh token (as Qt's JSON reader sees it, when it is long enough to be accepted) never appears in
// the message or in the debug output, as given, lowercased or uppercased.
#include "config/devicecontext.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const std::string &what, const QByteArray &json)
{
    std::fprintf(stderr, "%s\nfile: %.*s\n", what.c_str(), int(json.size()), json.constData());
    std::abort();
}

bool leaks(const QString &text, const QString &token)
{
    return token.size() >= posdata::kMinRefreshTokenLength
        && (text.contains(token) || text.contains(token.toLower()) || text.contains(token.toUpper()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString source = QStringLiteral("device.json");
    const QString token = QJsonDocument::fromJson(json).object().value(u"refreshToken").toString();
    QString error;
    const auto ctx = posdata::parseDeviceContext(json, source, &error);
    if (!ctx) {
        if (!error.startsWith(source + QStringLiteral(": ")) || error.size() <= source.size() + 2)
            fail("refused without a message naming the file: " + error.toStdString(), json);
        if (leaks(error, token))
            fail("the token is in the message: " + error.toStdString(), json);
        return 0;
    }
    if (ctx->refreshToken != token || token.size() < posdata::kMinRefreshTokenLength)
        fail("accepted a short token, or not the file's", json);
    if (ctx->clientId.trimmed().isEmpty() || ctx->outletId.trimmed().isEmpty())
        fail("accepted a blank clientId or outletId", json);
    if (!ctx->shiftId.isEmpty() && ctx->shiftId.trimmed().isEmpty())
        fail("a blank shiftId is not empty", json);
    const QUrl &url = ctx->instanceUrl;
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https" && url.scheme() != u"http"))
        fail("accepted a bad instanceUrl", json);
    if (ctx->variable(u"outletId") != ctx->outletId || ctx->variable(u"shiftId") != ctx->shiftId
        || ctx->variable(u"refreshToken").has_value())
        fail("variable() disagrees with the fields", json);
    QString debug;
    QDebug(&debug) << *ctx;
    if (leaks(debug, token))
        fail("the token is in the debug output: " + debug.toStdString(), json);
    return 0;
}
