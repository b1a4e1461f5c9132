// SPDX-License-Identifier: MIT
// KeyedListModel::applyKeyed and emitRowChanges on a small model of (key, value) rows: the exact
// signals for each kind of change, and random lists checked against the expected rows.
#include "modelspies.h"
#include "ui/rowchanges.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>

#include <gtest/gtest.h>

using posdata::KeyedListModel;

namespace {

struct Item
{
    QString key;
    int value = 0;
};

/// The smallest keyed model: one role holding the value.
class PairModel : public KeyedListModel
{
public:
    static constexpr int ValueRole = Qt::UserRole + 1;
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const Item &row = m_rows.at(index.row());
        if (role == ValueRole)
            return row.value;
        return role == Qt::DisplayRole ? QVariant(row.key) : QVariant();
    }
    void apply(const QList<Item> &items)
    {
        ++applies;
        applyKeyed(
            m_rows, items, [](const Item &i) { return i.key; }, [](const Item &r) { return r.key; },
            [this](const Item &i) {
                ++made;
                return i;
            },
            [](Item &row, const Item &i) {
                QList<int> roles;
                if (row.value != i.value)
                    roles.append(ValueRole);
                row.value = i.value;
                return roles;
            });
    }
    QString keys() const
    {
        QStringList out;
        for (const auto &r : m_rows)
            out << r.key + QLatin1Char('=') + QString::number(r.value);
        return out.join(u' ');
    }
    int made = 0;
    int applies = 0;

private:
    QList<Item> m_rows;
};

QList<Item> items(const QString &spec) // "a=1 b=2"
{
    QList<Item> out;
    for (const auto &part : spec.split(u' ', Qt::SkipEmptyParts)) {
        const auto kv = part.split(u'=');
        out.append({kv.at(0), kv.value(1).toInt()});
    }
    return out;
}

class KeyedTest : public ::testing::Test
{
protected:
    PairModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

TEST_F(KeyedTest, FirstListIsOneInsert)
{
    ModelSpies s(&model);
    model.apply(items("a=1 b=2 c=3"));
    ASSERT_EQ(s.inserted.size(), 1);
    EXPECT_EQ(s.inserted.at(0).at(1).toInt(), 0);
    EXPECT_EQ(s.inserted.at(0).at(2).toInt(), 2);
    EXPECT_EQ(s.dataChanged.size(), 0); // new rows are not "changed"
    EXPECT_EQ(model.keys(), "a=1 b=2 c=3");
}

TEST_F(KeyedTest, SameListIsSilent)
{
    model.apply(items("a=1 b=2 c=3"));
    ModelSpies s(&model);
    model.apply(items("a=1 b=2 c=3"));
    EXPECT_EQ(s.inserted.size() + s.removed.size() + s.moved.size() + s.dataChanged.size() + s.reset.size(), 0);
}

TEST_F(KeyedTest, AdjacentValueChangesAreOneSignalWithTheRole)
{
    model.apply(items("a=1 b=2 c=3 d=4"));
    ModelSpies s(&model);
    model.apply(items("a=1 b=20 c=30 d=4"));
    ASSERT_EQ(s.dataChanged.size(), 1);
    EXPECT_EQ(s.dataChanged.at(0).at(0).toModelIndex().row(), 1);
    EXPECT_EQ(s.dataChanged.at(0).at(1).toModelIndex().row(), 2);
    EXPECT_EQ(s.dataChanged.at(0).at(2).value<QList<int>>(), QList<int>({PairModel::ValueRole}));
    EXPECT_EQ(s.inserted.size() + s.removed.size() + s.moved.size(), 0);
}

TEST_F(KeyedTest, RemovalsAreOneSignalPerRunBottomUp)
{
    model.apply(items("a b c d e f"));
    ModelSpies s(&model);
    model.apply(items("a d f"));
    ASSERT_EQ(s.removed.size(), 2);
    EXPECT_EQ(s.removed.at(0).at(1).toInt(), 4); // e
    EXPECT_EQ(s.removed.at(1).at(1).toInt(), 1); // b..c
    EXPECT_EQ(s.removed.at(1).at(2).toInt(), 2);
    EXPECT_EQ(model.keys(), "a=0 d=0 f=0");
}

TEST_F(KeyedTest, InsertedRunsAreOneSignalEachAndBuildOnlyNewRows)
{
    model.apply(items("a d"));
    model.made = 0;
    ModelSpies s(&model);
    model.apply(items("a b c d e"));
    ASSERT_EQ(s.inserted.size(), 2);
    EXPECT_EQ(s.inserted.at(0).at(1).toInt(), 1);
    EXPECT_EQ(s.inserted.at(0).at(2).toInt(), 2);
    EXPECT_EQ(s.inserted.at(1).at(1).toInt(), 4);
    EXPECT_EQ(model.made, 3);
    EXPECT_EQ(model.keys(), "a=0 b=0 c=0 d=0 e=0");
}

TEST_F(KeyedTest, AMoveIsAMoveNotARemoveAndInsert)
{
    model.apply(items("a=1 b=2 c=3"));
    ModelSpies s(&model);
    model.apply(items("c=3 a=1 b=2"));
    EXPECT_EQ(s.moved.size(), 1);
    EXPECT_EQ(s.inserted.size() + s.removed.size() + s.dataChanged.size(), 0);
    EXPECT_EQ(model.keys(), "c=3 a=1 b=2");
}

TEST_F(KeyedTest, ADuplicateKeyKeepsTheFirst)
{
    model.apply(items("a=1 b=2 a=3"));
    EXPECT_EQ(model.keys(), "a=1 b=2");
}

// Random lists (keys drawn from a small alphabet, random order and values): the rows always end
// equal to the wanted list, the tester sees consistent signals, and nothing ever resets.
TEST_F(KeyedTest, RandomListsAlwaysEndAsWanted)
{
    QRandomGenerator rng(12345);
    ModelSpies s(&model);
    for (int round = 0; round < 500; ++round) {
        QStringList keys;
        for (char c = 'a'; c <= 'p'; ++c) {
            if (rng.bounded(3) != 0)
                keys << QString(QLatin1Char(c));
        }
        for (qsizetype i = keys.size() - 1; i > 0; --i)
            keys.swapItemsAt(i, rng.bounded(int(i + 1)));
        QList<Item> list;
        QStringList expected;
        for (const auto &k : keys) {
            const int v = rng.bounded(3);
            list.append({k, v});
            expected << k + QLatin1Char('=') + QString::number(v);
        }
        model.apply(list);
        ASSERT_EQ(model.keys(), expected.join(u' ')) << "round " << round;
    }
    EXPECT_EQ(s.reset.size(), 0);
}

// New rows between existing ones: one insert signal per run, each new row built once, and the
// existing rows untouched. (The old list-model copy of this diff rebuilt its set of present keys for
// every run, O(n^2) here; cost is for benchmarks, not tests: this checks the work is not repeated.)
TEST_F(KeyedTest, InterleavedInsertsBuildEachRowOnce)
{
    QList<Item> half, all;
    for (int i = 0; i < 2000; ++i) {
        const Item item{QStringLiteral("k%1").arg(i, 5, 10, QLatin1Char('0')), i};
        all.append(item);
        if (i % 2 == 0)
            half.append(item);
    }
    model.apply(half);
    model.made = 0;
    ModelSpies s(&model);
    model.apply(all);
    EXPECT_EQ(model.made, 1000);
    EXPECT_EQ(s.inserted.size(), 1000);
    EXPECT_EQ(model.rowCount(), 2000);
}

} // namespace
