// SPDX-License-Identifier: MIT
// Device context: loads from a private file, refuses readable files and bad keys, and never lets the
// refresh token out (messages, debug output).
#include "config/devicecontext.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

constexpr char kToken[] = "5Aep861TSESvWeug_xvFHRBTTbf_SECRET";

QByteArray contextJson(const QByteArray &instanceUrl = "https://example.my.salesforce.com")
{
    return R"({"instanceUrl": ")" + instanceUrl + R"(", "clientId": "pos-client", "refreshToken": ")" + kToken
        + R"(", "outletId": "a01000000000001AAA", "shiftId": "a02000000000001AAA"})";
}

class DeviceContextTest : public ::testing::Test
{
protected:
    QString write(const QByteArray &json, QFile::Permissions perms = QFile::ReadOwner | QFile::WriteOwner)
    {
        const QString path = dir.filePath(QStringLiteral("device.json"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
        f.close();
        EXPECT_TRUE(QFile::setPermissions(path, perms));
        return path;
    }

    QString refuse(const QByteArray &json, QFile::Permissions perms = QFile::ReadOwner | QFile::WriteOwner)
    {
        const QString path = write(json, perms);
        QString error;
        EXPECT_FALSE(loadDeviceContext(path, &error).has_value()) << json.constData();
        EXPECT_TRUE(error.startsWith(path + u':')) << error.toStdString();
        EXPECT_FALSE(error.contains(QLatin1String(kToken))) << error.toStdString();
        return error;
    }

    QTemporaryDir dir;
};

#define EXPECT_HAS(haystack, needle) \
    EXPECT_TRUE((haystack).contains(QStringLiteral(needle))) << (haystack).toStdString()

} // namespace

TEST_F(DeviceContextTest, LoadsPrivateFile)
{
    QString error;
    const auto ctx = loadDeviceContext(write(contextJson()), &error);
    ASSERT_TRUE(ctx.has_value()) << error.toStdString();
    EXPECT_EQ(ctx->instanceUrl, QUrl(QStringLiteral("https://example.my.salesforce.com")));
    EXPECT_EQ(ctx->clientId, QStringLiteral("pos-client"));
    EXPECT_EQ(ctx->refreshToken, QLatin1String(kToken));
    EXPECT_EQ(ctx->outletId, QStringLiteral("a01000000000001AAA"));
    EXPECT_EQ(ctx->shiftId, QStringLiteral("a02000000000001AAA"));
    EXPECT_EQ(ctx->variable(u"outletId"), QStringLiteral("a01000000000001AAA"));
    EXPECT_EQ(ctx->variable(u"shiftId"), QStringLiteral("a02000000000001AAA"));
    EXPECT_EQ(ctx->variable(u"refreshToken"), std::nullopt);
    EXPECT_EQ(ctx->variable(u"instanceUrl"), std::nullopt);
}

TEST_F(DeviceContextTest, RefusesFileOthersCanRead)
{
    const QString e = refuse(contextJson(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    EXPECT_HAS(e, "other users can access this file (mode 0604)");
    EXPECT_HAS(e, "chmod 600 ");
    EXPECT_HAS(refuse(contextJson(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup), "mode 0640");
    EXPECT_HAS(refuse(contextJson(), QFile::ReadOwner | QFile::WriteOwner | QFile::WriteOther), "mode 0602");
}

TEST_F(DeviceContextTest, MissingFile)
{
    QString error;
    EXPECT_FALSE(loadDeviceContext(dir.filePath(QStringLiteral("none.json")), &error).has_value());
    EXPECT_HAS(error, "none.json: cannot read");
}

TEST_F(DeviceContextTest, UnknownMissingAndWrongKeys)
{
    QByteArray json = contextJson();
    json.replace("\"shiftId\"", "\"shiftID\"");
    EXPECT_HAS(refuse(json), "key \"shiftID\": unknown key");

    EXPECT_HAS(refuse(R"({"instanceUrl": "https://x.example.com", "clientId": "c", "refreshToken": "5Aep861TSESvWeug_xvFHRBTTbf_SECRET", "shiftId": "s"})"),
               "key \"outletId\": missing required key");

    json = contextJson();
    json.replace("\"pos-client\"", "42");
    EXPECT_HAS(refuse(json), "key \"clientId\": must be a string");

    json = contextJson();
    json.replace("\"a01000000000001AAA\"", "\"  \"");
    EXPECT_HAS(refuse(json), "key \"outletId\": must not be empty");

    EXPECT_HAS(refuse("{\"instanceUrl\": \n\"x\" 5Aep861TSESvWeug_xvFHRBTTbf_SECRET"), "invalid JSON at line 2");
    EXPECT_HAS(refuse("[1]"), "top level must be a JSON object");
}

TEST_F(DeviceContextTest, TokenNeverInMessagesEvenWhenMisplaced)
{
    // The token pasted as a key name, and as the instance URL: both refused without echoing it.
    QByteArray json = contextJson();
    json.replace("\"clientId\": \"pos-client\"", "\"clientId\": \"c\", \"5Aep861TSESvWeug_xvFHRBTTbf_SECRET\": 1");
    EXPECT_HAS(refuse(json), "unknown key");
    EXPECT_HAS(refuse(contextJson(kToken)), "key \"instanceUrl\"");
}

TEST_F(DeviceContextTest, InstanceUrlMustBeHttpsUnlessLoopback)
{
    EXPECT_HAS(refuse(contextJson("http://example.my.salesforce.com")), "key \"instanceUrl\": must use https");
    EXPECT_HAS(refuse(contextJson("http://128.0.0.1:8080")), "must use https");
    EXPECT_HAS(refuse(contextJson("http://127.0.0.1.example.com")), "must use https");
    EXPECT_HAS(refuse(contextJson("ftp://127.0.0.1")), "must use https, not scheme \"ftp\"");
    EXPECT_HAS(refuse(contextJson("example.com")), "key \"instanceUrl\": not an absolute URL");
    EXPECT_HAS(refuse(contextJson("https://u:p@example.com")), "must not contain a user");

    for (const char *ok : {"http://127.0.0.1:8443", "http://127.4.5.6", "http://localhost:9000", "http://[::1]:80",
                           "https://example.my.salesforce.com/"}) {
        QString error;
        EXPECT_TRUE(loadDeviceContext(write(contextJson(ok)), &error).has_value()) << ok << error.toStdString();
    }
}

TEST_F(DeviceContextTest, DebugOutputIsRedacted)
{
    const auto ctx = loadDeviceContext(write(contextJson()));
    ASSERT_TRUE(ctx.has_value());
    QString text;
    QDebug(&text) << *ctx;
    EXPECT_FALSE(text.contains(QLatin1String(kToken))) << text.toStdString();
    EXPECT_HAS(text, "refreshToken=<redacted>");
    EXPECT_HAS(text, "a01000000000001AAA");
    EXPECT_HAS(text, "https://example.my.salesforce.com");

    // Found by fuzz_devicecontext: the token pasted as the clientId too came out in debug output.
    QByteArray json = contextJson();
    json.replace("\"pos-client\"", QByteArray("\"") + kToken + '"');
    const auto pasted = loadDeviceContext(write(json));
    ASSERT_TRUE(pasted.has_value());
    text.clear();
    QDebug(&text) << *pasted;
    EXPECT_FALSE(text.contains(QLatin1String(kToken), Qt::CaseInsensitive)) << text.toStdString();
    EXPECT_HAS(text, "clientId=\"<redacted>\"");
}

TEST_F(DeviceContextTest, NoOpenShiftStillLoads)
{
    // A till between shifts: the key left out, null, empty or blank all mean "no open shift".
    const QByteArray shift = R"(, "shiftId": "a02000000000001AAA")";
    ASSERT_TRUE(contextJson().contains(shift));
    for (const QByteArray &replacement : {QByteArray(), QByteArray(R"(, "shiftId": null)"),
                                          QByteArray(R"(, "shiftId": "")"), QByteArray(R"(, "shiftId": "   ")")}) {
        QByteArray json = contextJson();
        json.replace(shift, replacement);
        QString error;
        const auto ctx = loadDeviceContext(write(json), &error);
        ASSERT_TRUE(ctx.has_value()) << json.constData() << " -> " << error.toStdString();
        EXPECT_TRUE(ctx->shiftId.isEmpty());
        // Bindable, without a value: an empty string, not nullopt (which means "not bindable").
        ASSERT_TRUE(ctx->variable(u"shiftId").has_value());
        EXPECT_TRUE(ctx->variable(u"shiftId")->isEmpty());
        EXPECT_EQ(ctx->variable(u"outletId"), QStringLiteral("a01000000000001AAA"));
    }
    // The outlet is still required, and a shift that is there must be a string.
    QByteArray json = contextJson();
    json.replace("\"a01000000000001AAA\"", "\"\"");
    EXPECT_HAS(refuse(json), "key \"outletId\": must not be empty");
    json = contextJson();
    json.replace("\"a02000000000001AAA\"", "7");
    EXPECT_HAS(refuse(json), "key \"shiftId\": must be a string");
}

TEST_F(DeviceContextTest, LargeFileIsRefusedWithoutReadingIt)
{
    // 200 MB (sparse: no disk used). Before the cap it was read whole and then refused as bad JSON.
    const QString path = write(contextJson());
    {
        QFile f(path);
        ASSERT_TRUE(f.resize(200LL * 1024 * 1024));
    }
    QString error;
    EXPECT_FALSE(loadDeviceContext(path, &error).has_value());
    EXPECT_HAS(error, "the file is 209715200 bytes; a device file is at most 65536 bytes (64 KiB)");

    // Exactly at the cap (JSON padded with spaces) loads; one byte more does not.
    QByteArray json = contextJson();
    json += QByteArray(kMaxDeviceFileSize - json.size(), ' ');
    EXPECT_TRUE(loadDeviceContext(write(json), &error).has_value()) << error.toStdString();
    EXPECT_HAS(refuse(json + ' '), "the file is 65537 bytes; a device file is at most 65536 bytes");
    // The parser holds the same limit (a file that grew between the size check and the read).
    EXPECT_FALSE(parseDeviceContext(json + ' ', QStringLiteral("grown.json"), &error).has_value());
    EXPECT_HAS(error, "grown.json: the file is 65537 bytes");
}

TEST_F(DeviceContextTest, ShortTokensAreRefused)
{
    // A 1-character token used to load, and then every "x" of every message became "<redacted>".
    for (const char *token : {"x", "abc", "123456789012345"}) {
        QByteArray json = contextJson("http://example.com"); // also refused for http: must not get that far
        json.replace(kToken, token);
        const QString e = refuse(json);
        EXPECT_HAS(e, "key \"refreshToken\": too short for a refresh token");
        EXPECT_HAS(e, "at least 16 expected");
        EXPECT_FALSE(e.contains(QLatin1String("<redacted>"))) << e.toStdString();
    }
    // Found by fuzz_devicecontext: a blank token (" ") was used to scrub the "must not be empty"
    // message, which came out as "key<redacted>\"refreshToken\":<redacted>must<redacted>not...".
    QByteArray json = contextJson();
    json.replace(kToken, " ");
    EXPECT_TRUE(refuse(json).endsWith(QStringLiteral(": key \"refreshToken\": must not be empty")));
    json = contextJson();
    json.replace(kToken, "1234567890123456");
    QString error;
    EXPECT_TRUE(loadDeviceContext(write(json), &error).has_value()) << error.toStdString();
}

TEST_F(DeviceContextTest, TokenInAnyLetterCaseNeverInMessages)
{
    // The token pasted as the host: QUrl lowercases hosts, so the message held it in lower case.
    const QByteArray token = "Tok3nPastedIntoTheHostXyZ";
    QByteArray json = contextJson("http://" + token + ".example.com");
    json.replace(kToken, token);
    const QString e = refuse(json);
    EXPECT_HAS(e, "must use https");
    EXPECT_FALSE(e.contains(QLatin1String(token), Qt::CaseInsensitive)) << e.toStdString();
    EXPECT_HAS(e, "<redacted>.example.com");
}
