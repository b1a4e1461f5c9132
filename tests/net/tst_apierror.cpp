// SPDX-License-Identifier: MIT
// Error bodies in every shape the server may send, and the classification the engine acts on.
#include "net/apierror.h"

#include <gtest/gtest.h>

using posdata::ApiError;
using Kind = posdata::ApiError::Kind;

TEST(ApiError, ArrayBody)
{
    const ApiError e = ApiError::fromResponse(
        400, R"([{"message":"No such column 'Foo'","errorCode":"INVALID_FIELD","fields":["Foo"]}])");
    EXPECT_EQ(e.code, QStringLiteral("INVALID_FIELD"));
    EXPECT_EQ(e.message, QStringLiteral("No such column 'Foo'"));
    EXPECT_EQ(e.fields, QStringList{QStringLiteral("Foo")});
    EXPECT_EQ(e.kind, Kind::Permanent);
    EXPECT_EQ(e.httpStatus, 400);
}

TEST(ApiError, ArrayWithSeveralErrorsKeepsAllMessages)
{
    const ApiError e = ApiError::fromResponse(
        400, R"([{"message":"one","errorCode":"MALFORMED_QUERY"},{"message":"two","errorCode":"X"}])");
    EXPECT_EQ(e.code, QStringLiteral("MALFORMED_QUERY"));
    EXPECT_TRUE(e.message.contains(QStringLiteral("one")));
    EXPECT_TRUE(e.message.contains(QStringLiteral("two")));
}

TEST(ApiError, ObjectBodies)
{
    const ApiError e = ApiError::fromResponse(403, R"({"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."})");
    EXPECT_EQ(e.code, QStringLiteral("REQUEST_LIMIT_EXCEEDED"));
    EXPECT_EQ(e.kind, Kind::Transient);
    EXPECT_TRUE(e.isLimitExceeded());
    const ApiError oauth = ApiError::fromResponse(400, R"({"error":"invalid_grant","error_description":"expired access/refresh token"})");
    EXPECT_EQ(oauth.code, QStringLiteral("invalid_grant"));
    EXPECT_EQ(oauth.message, QStringLiteral("expired access/refresh token"));
    EXPECT_EQ(oauth.kind, Kind::Auth);
}

TEST(ApiError, HtmlAndTextBodies)
{
    const ApiError e = ApiError::fromResponse(503, "<html><head><title>503</title></head><body>Service Unavailable</body></html>");
    EXPECT_EQ(e.code, QStringLiteral("HTTP_503"));
    EXPECT_TRUE(e.message.contains(QStringLiteral("Service Unavailable")));
    EXPECT_EQ(e.kind, Kind::Transient);
    const ApiError empty = ApiError::fromResponse(502, QByteArray());
    EXPECT_EQ(empty.kind, Kind::Transient);
    EXPECT_FALSE(empty.message.isEmpty());
    const ApiError huge = ApiError::fromResponse(500, QByteArray(100000, 'x'));
    EXPECT_LT(huge.message.size(), 1000);
    // JSON of an unexpected shape is treated as text, not trusted.
    const ApiError odd = ApiError::fromResponse(500, "[1,2,3]");
    EXPECT_EQ(odd.code, QStringLiteral("HTTP_500"));
}

TEST(ApiError, Classification)
{
    EXPECT_EQ(ApiError::classify(400, QStringLiteral("INVALID_QUERY_LOCATOR")), Kind::LocatorExpired);
    EXPECT_EQ(ApiError::classify(404, QStringLiteral("INVALID_QUERY_LOCATOR")), Kind::LocatorExpired);
    EXPECT_EQ(ApiError::classify(400, QStringLiteral("INVALID_FIELD")), Kind::Permanent);
    EXPECT_EQ(ApiError::classify(400, QStringLiteral("MALFORMED_QUERY")), Kind::Permanent);
    EXPECT_EQ(ApiError::classify(400, QStringLiteral("INVALID_TYPE")), Kind::Permanent);
    EXPECT_EQ(ApiError::classify(404, QStringLiteral("NOT_FOUND")), Kind::Permanent);
    EXPECT_EQ(ApiError::classify(403, QStringLiteral("REQUEST_LIMIT_EXCEEDED")), Kind::Transient);
    EXPECT_EQ(ApiError::classify(500, QStringLiteral("UNKNOWN_EXCEPTION")), Kind::Transient);
    EXPECT_EQ(ApiError::classify(503, QStringLiteral("HTTP_503")), Kind::Transient);
    EXPECT_EQ(ApiError::classify(420, QStringLiteral("HTTP_420")), Kind::Transient);
    EXPECT_EQ(ApiError::classify(429, QStringLiteral("HTTP_429")), Kind::Transient);
    EXPECT_EQ(ApiError::classify(0, QStringLiteral("NETWORK")), Kind::Transient);
    EXPECT_EQ(ApiError::classify(0, QStringLiteral("TIMEOUT")), Kind::Transient);
    EXPECT_EQ(ApiError::classify(401, QStringLiteral("INVALID_SESSION_ID")), Kind::Auth);
    EXPECT_EQ(ApiError::classify(400, QStringLiteral("invalid_grant")), Kind::Auth);
    EXPECT_EQ(ApiError::network(QStringLiteral("reset")).kind, Kind::Transient);
    EXPECT_EQ(ApiError::timeout(QStringLiteral("slow")).code, QStringLiteral("TIMEOUT"));
}
