// SPDX-License-Identifier: MIT
// IdSpace: split points of an object's Id space (even, ascending, valid 18-character Ids of the
// prefix), split points of whole pages, where to split again, fractions for estimates, and what is refused.
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

TEST(IdSpaceTest, PageSplitPointsMakeRangesOfWholePagesWhenIdsFollowOneAnother)
{
    // 200,000 records, one on every Id: ten ranges of exactly ten pages of 2,000.
    const auto dense = IdSpace::between(id62(1000), id62(1000 + 199999));
    ASSERT_TRUE(dense);
    QStringList expected;
    for (int i = 1; i < 10; ++i)
        expected << id62(1000 + 20000 * i);
    EXPECT_EQ(dense->pageSplitPoints(10, 200000, 2000), expected);
    // One record more is a 101st page, a part one: it is the last range's, every other range is
    // whole pages (101 * i / 10 of them before range i).
    const auto more = IdSpace::between(id62(1000), id62(1000 + 200000));
    ASSERT_TRUE(more);
    const QStringList points = more->pageSplitPoints(10, 200001, 2000);
    ASSERT_EQ(points.size(), 9);
    for (int i = 1; i < 10; ++i)
        EXPECT_EQ(points[i - 1], id62(1000 + 2000 * (101 * i / 10))) << i;
    // A record on every other Id: the same pages, twice the Ids.
    const auto sparse = IdSpace::between(id62(0), id62(399999));
    ASSERT_TRUE(sparse);
    EXPECT_EQ(sparse->pageSplitPoints(4, 200000, 2000).first(), id62(2 * 50000));
    // No count: the even spread.
    EXPECT_EQ(dense->pageSplitPoints(4, 0, 2000), dense->splitPoints(4));
    EXPECT_EQ(dense->pageSplitPoints(4, -1, 2000), dense->splitPoints(4));
}

TEST(IdSpaceTest, APageMidpointSplitsWhatIsLeftAfterWholePages)
{
    const auto space = IdSpace::between(id62(0), id62(99999));
    ASSERT_TRUE(space);
    // 10,000 records left from Id 1000 on, one per Id: 5 pages, the first 2 in the first half.
    EXPECT_EQ(space->pageMidpoint(id62(1000), id62(11000), 1, 1, 2000), id62(5000));
    EXPECT_EQ(space->pageMidpoint(id62(90000), QString(), 1, 1, 2000), id62(94000)); // empty: past the last
    // A record on every other Id: 10,000 records in 20,000 Ids, 2 pages of them are 8,000 Ids.
    EXPECT_EQ(space->pageMidpoint(id62(0), id62(20000), 1, 2, 2000), id62(8000));
    EXPECT_EQ(space->pageMidpoint(id62(0), id62(3000), 1, 1, 2000), id62(2000)); // two pages, one a part
    EXPECT_TRUE(space->pageMidpoint(id62(0), id62(2000), 1, 1, 2000).isEmpty()); // one page: no split
    // No density: halfway; nothing between, backwards or another object's Id: none.
    EXPECT_EQ(space->pageMidpoint(id62(100), id62(300), 0, 0, 2000), id62(200));
    EXPECT_TRUE(space->pageMidpoint(id62(100), id62(101), 1, 1, 2000).isEmpty());
    EXPECT_TRUE(space->pageMidpoint(id62(300), id62(100), 1, 1, 2000).isEmpty());
    EXPECT_TRUE(space->pageMidpoint(QStringLiteral("001000000000001AAA"), id62(300), 1, 1, 2000).isEmpty());
}

TEST(IdSpaceTest, FollowingAndCountAreBase62Arithmetic)
{
    const auto space = IdSpace::between(id62(0), id62(100000));
    ASSERT_TRUE(space);
    EXPECT_EQ(space->following(id62(61)), id62(62));
    EXPECT_EQ(space->following(id62(3843)), id62(3844));
    EXPECT_EQ(space->count(id62(5), id62(14)), 10);
    EXPECT_EQ(space->count(id62(5), id62(5)), 1);
    EXPECT_EQ(space->count(id62(14), id62(5)), 0);
    EXPECT_TRUE(space->following(QStringLiteral("not an id")).isEmpty());
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
