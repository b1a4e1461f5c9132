// SPDX-License-Identifier: MIT
// IdSpace: split points of an object's Id space (even, ascending, valid 18-character Ids of the
// prefix), midpoints for a re-split, fractions for estimates, and what is refused.
#include "config/idspace.h"

#include "soql/ids.h"

#include <gtest/gtest.h>

using namespace posdata;

namespace {

/// The 18-character Id of prefix a02 whose 12 characters are `n` in base 62 (0-9, A-Z, a-z).
QString id62(uint64_t n)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::string s(12, '0');
    for (int i = 11; i >= 0; --i, n /= 62)
        s[static_cast<size_t>(i)] = digits[n % 62];
    return QString::fromStdString(soql::to18("a02" + s));
}

bool isValid18(const QString &id)
{
    return id.size() == 18 && soql::normalizeId(id.toStdString()) == std::optional(id.toStdString());
}

} // namespace

TEST(IdSpaceTest, SplitPointsAreEvenAscendingIdsOfThePrefix)
{
    const uint64_t last = 62ull * 62 * 62 * 62 * 62 - 1;
    const auto space = IdSpace::between(id62(0), id62(last));
    ASSERT_TRUE(space);
    const QStringList points = space->splitPoints(4);
    ASSERT_EQ(points.size(), 3);
    QString previous = space->first();
    for (int i = 0; i < 3; ++i) {
        const QString &p = points[i];
        EXPECT_TRUE(isValid18(p)) << p.toStdString();
        EXPECT_TRUE(p.startsWith(QStringLiteral("a02"))) << p.toStdString();
        EXPECT_GT(p.left(15), previous.left(15));
        EXPECT_LT(p.left(15), space->last().left(15));
        EXPECT_EQ(p, id62(last * (i + 1) / 4)) << i;
        EXPECT_NEAR(space->fraction(p), (i + 1) / 4.0, 1e-6) << i;
        previous = p;
    }
    EXPECT_DOUBLE_EQ(space->fraction(id62(0)), 0.0);
    EXPECT_DOUBLE_EQ(space->fraction(id62(last)), 1.0);
    EXPECT_DOUBLE_EQ(space->fraction(id62(last + 1000)), 1.0); // after the end: clamped
    EXPECT_EQ(space->fraction(QStringLiteral("001000000000001AAA")), -1); // another object's Id
}

TEST(IdSpaceTest, EmulatorIdsSplitRoughlyEvenlyByCount)
{
    // The emulator counts in base 62 as Salesforce does: Ids one after another split into equal counts.
    const auto space = IdSpace::between(QString::fromStdString(soql::makeId("a02", 1)),
                                        QString::fromStdString(soql::makeId("a02", 1000000)));
    ASSERT_TRUE(space);
    const QStringList points = space->splitPoints(4);
    ASSERT_EQ(points.size(), 3);
    for (int i = 0; i < 3; ++i) {
        // How many of the million Ids are below the point (binary search on makeId's order).
        uint64_t lo = 1, hi = 1000001;
        while (lo < hi) {
            const uint64_t mid = (lo + hi) / 2;
            if (QString::fromStdString(soql::makeId("a02", mid)) < points[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        EXPECT_NEAR(double(lo - 1) / 1e6, (i + 1) / 4.0, 1e-5) << points[i].toStdString();
    }
}

TEST(IdSpaceTest, SplitsBetweenIdsThatMixCaseOrderLikeTheirStrings)
{
    // Real Ids use all 62 characters: 0-9 < A-Z < a-z, the order of their bytes.
    const QString first = QStringLiteral("001Ab000000Zz9a"), last = QStringLiteral("001Ab00000aaaaa");
    const auto space = IdSpace::between(first, QString::fromStdString(soql::to18(last.toStdString())));
    ASSERT_TRUE(space);
    const QStringList points = space->splitPoints(7);
    ASSERT_EQ(points.size(), 6);
    QString previous = first;
    for (const QString &p : points) {
        EXPECT_TRUE(isValid18(p)) << p.toStdString();
        EXPECT_GT(p.left(15), previous.left(15));
        EXPECT_LT(p.left(15), last);
        previous = p;
    }
}

TEST(IdSpaceTest, ASmallSpaceGivesFewerPointsNeverAnEmptyRange)
{
    const auto three = IdSpace::between(id62(10), id62(12));
    ASSERT_TRUE(three);
    EXPECT_EQ(three->splitPoints(8), QStringList{id62(11)}); // [.., 11) [11, ..): no point twice
    const auto one = IdSpace::between(id62(5), id62(5));
    ASSERT_TRUE(one);
    EXPECT_TRUE(one->splitPoints(4).isEmpty());
    EXPECT_TRUE(one->splitPoints(1).isEmpty());
}

TEST(IdSpaceTest, MidpointIsStrictlyBetweenOrEmpty)
{
    const auto space = IdSpace::between(id62(1), id62(1000));
    ASSERT_TRUE(space);
    EXPECT_EQ(space->midpoint(id62(100), id62(300)), id62(200));
    EXPECT_EQ(space->midpoint(id62(100), QString()), id62(550)); // empty: up to the last Id
    EXPECT_EQ(space->midpoint(id62(100), id62(102)), id62(101));
    EXPECT_TRUE(space->midpoint(id62(100), id62(101)).isEmpty()); // nothing between
    EXPECT_TRUE(space->midpoint(id62(300), id62(100)).isEmpty());
    EXPECT_TRUE(space->midpoint(QStringLiteral("001000000000001AAA"), id62(300)).isEmpty());
}

TEST(IdSpaceTest, AdjacentIdsHaveNoIdBetweenThem)
{
    const auto space = IdSpace::between(id62(0), id62(1000));
    ASSERT_TRUE(space);
    EXPECT_TRUE(space->adjacent(id62(100), id62(101)));
    EXPECT_TRUE(space->adjacent(id62(61), id62(62))); // a carry into the next base-62 digit
    EXPECT_FALSE(space->adjacent(id62(100), id62(102)));
    EXPECT_FALSE(space->adjacent(id62(101), id62(100)));
    EXPECT_FALSE(space->adjacent(id62(100), id62(100)));
    EXPECT_FALSE(space->adjacent(id62(100), QString()));
    EXPECT_FALSE(space->adjacent(QStringLiteral("001000000000001AAA"), id62(101))); // another prefix
    EXPECT_FALSE(space->adjacent(QStringLiteral("not an id"), id62(101)));
}

TEST(IdSpaceTest, NotIdsOrTwoPrefixesAreRefused)
{
    EXPECT_FALSE(IdSpace::between(id62(1), QStringLiteral("a03000000000001AAA")));
    EXPECT_FALSE(IdSpace::between(QStringLiteral("a02"), id62(1)));
    EXPECT_FALSE(IdSpace::between(id62(1), QStringLiteral("a02-00000000001AAA")));
    EXPECT_FALSE(IdSpace::between(id62(9), id62(1))); // last before first
    EXPECT_FALSE(IdSpace::between(QString(), QString()));
}
