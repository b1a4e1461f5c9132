// SPDX-License-Identifier: MIT
// zinflate::inflateInto: what the client decodes a page it kept compressed with, and the emulator a
// request body: a stream decoded whole into std::string and QByteArray alike, never past its bound
// (a gzip bomb is TooLarge, not memory), and a broken or cut stream is Corrupt.
#include "common/zinflate.h"

#include "support/gzip.h"

#include <QByteArray>

#include <gtest/gtest.h>

#include <string>

using posdata::zinflate::inflateInto;
using posdata::zinflate::Result;

namespace {

std::string wideJson()
{
    std::string text = R"({"records":[)";
    for (int i = 0; i < 2000; ++i)
        text += R"({"Id":"a0200000000)" + std::to_string(100000 + i) + R"(AAA","Name":"product"},)";
    text.back() = ']';
    return text + "}";
}

} // namespace

TEST(Zinflate, AGzipStreamDecodesWholeIntoEitherContainer)
{
    const std::string text = wideJson();
    const std::string zipped = testsupport::gzip(text);
    ASSERT_FALSE(zipped.empty());
    std::string asString;
    EXPECT_EQ(inflateInto(zipped.data(), zipped.size(), 15 + 32, 1 << 20, &asString), Result::Ok);
    EXPECT_EQ(asString, text);
    QByteArray asBytes;
    EXPECT_EQ(inflateInto(zipped.data(), zipped.size(), 15 + 32, 1 << 20, &asBytes), Result::Ok);
    EXPECT_EQ(asBytes.toStdString(), text);
}

TEST(Zinflate, ABombStopsAtTheBoundAndABrokenStreamIsCorrupt)
{
    // 64 MiB of zeros compress to ~64 KiB: decoded only up to the bound.
    const std::string zipped = testsupport::gzip(std::string(64u << 20, '\0'));
    ASSERT_LT(zipped.size(), 1u << 20);
    QByteArray out;
    EXPECT_EQ(inflateInto(zipped.data(), zipped.size(), 15 + 32, 1u << 20, &out), Result::TooLarge);
    EXPECT_LE(out.size(), 1 << 20);

    const std::string text = testsupport::gzip(wideJson());
    const std::string cut = text.substr(0, text.size() / 2);
    EXPECT_EQ(inflateInto(cut.data(), cut.size(), 15 + 32, 1u << 20, &out), Result::Corrupt);
    std::string flipped = text;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x55);
    EXPECT_EQ(inflateInto(flipped.data(), flipped.size(), 15 + 32, 1u << 20, &out), Result::Corrupt);
    const std::string trailing = text + "garbage";
    EXPECT_EQ(inflateInto(trailing.data(), trailing.size(), 15 + 32, 1u << 20, &out), Result::Corrupt);
    const std::string notGzip = "plain text, not a stream";
    EXPECT_EQ(inflateInto(notGzip.data(), notGzip.size(), 15 + 32, 1u << 20, &out), Result::Corrupt);
}
