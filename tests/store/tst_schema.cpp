// SPDX-License-Identifier: MIT
// The store's forward migrations, run on files the earlier releases wrote: a schema-1, 2 or 3
// store (application_id 0, or already stamped) ends up with exactly the schema of a new store and
// every row it held; two programs upgrading one file at once both get it; what schema 3 added to
// the per-object state (the download shape).

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <latch>
#include <thread>

using namespace posdata;
using namespace posdata::test;

namespace {

/// A store as one of the earlier releases left it.
struct OldStore
{
    const char *name;
    bool (*write)(const QString &path);
    bool stamped; ///< application_id already written (a schema-2 store opened by this app's piece 4)
};

const OldStore kOldStores[] = {
    { "schema1", &writeSchema1Store, false },
    { "schema2", &writeSchema2Store, false },
    { "schema2stamped", &writeSchema2Store, true },
    { "schema3", &writeSchema3Store, true },
};

void PrintTo(const OldStore &store, std::ostream *os)
{
    *os << store.name;
}

std::string oldStoreName(const ::testing::TestParamInfo<OldStore> &info)
{
    return info.param.name;
}

/// Every table's columns (name, type, NOT NULL, default, key) and every index: two files with the
/// same text have the same schema, whatever order their columns were added in.
QString schemaOf(const QString &path)
{
    RawDb raw(path, SQLITE_OPEN_READONLY);
    return raw.rows("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM sqlite_master m"
                    " JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.name")
        + raw.rows("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name");
}

/// What a schema-1 store held, in the columns schema 1 had: a migration must keep every row.
QString schema1Rows(const QString &path)
{
    RawDb raw(path, SQLITE_OPEN_READONLY);
    return raw.rows("SELECT obj, name, paused, cp_modstamp, cp_id, server_count, server_all_count, counts_read_at,"
                    " last_error_code, last_error_message, last_error_at, last_synced_at, pending, generation,"
                    " local_count, unsaved_count, in_use_count FROM objects ORDER BY obj")
        + raw.rows("SELECT obj, id, modstamp, state, seen_gen, payload FROM records ORDER BY obj, id")
        + raw.rows("SELECT obj, id, kind FROM protected ORDER BY obj, id, kind");
}

class Schema : public ::testing::TestWithParam<OldStore>
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        path = dir.filePath(QStringLiteral("pos.db"));
        ASSERT_TRUE(GetParam().write(path));
        if (GetParam().stamped) {
            RawDb raw(path);
            ASSERT_TRUE(raw.exec("PRAGMA application_id = 1347375940")); // LocalStore::ApplicationId
        }
        ASSERT_EQ(RawDb(path).scalar("PRAGMA application_id").toLongLong(),
            GetParam().stamped ? LocalStore::ApplicationId : 0);
    }

    QTemporaryDir dir;
    QString path;
};

TEST_P(Schema, AnOldStoreGetsExactlyTheSchemaOfANewOne)
{
    const QString fresh = dir.filePath(QStringLiteral("new.db"));
    {
        StoreError err;
        ASSERT_TRUE(LocalStore::open(fresh, LocalStore::Mode::ReadWrite, &err)) << err.message.toStdString();
    }
    ASSERT_NE(schemaOf(path), schemaOf(fresh));
    StoreError err;
    ASSERT_TRUE(LocalStore::open(path, LocalStore::Mode::ReadWrite, &err)) << err.message.toStdString();
    EXPECT_EQ(schemaOf(path).toStdString(), schemaOf(fresh).toStdString());
    RawDb raw(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(raw.scalar("PRAGMA user_version").toInt(), LocalStore::SchemaVersion);
    EXPECT_EQ(raw.scalar("PRAGMA application_id").toLongLong(), LocalStore::ApplicationId);
    EXPECT_EQ(raw.scalar("PRAGMA integrity_check"), QStringLiteral("ok"));
}

TEST_P(Schema, AnOldStoreKeepsEveryRowThroughTheMigration)
{
    const QString before = schema1Rows(path);
    ASSERT_TRUE(before.contains(QStringLiteral("mine"))) << before.toStdString();
    StoreError err;
    auto store = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(store) << err.message.toStdString();
    EXPECT_EQ(schema1Rows(path).toStdString(), before.toStdString());
    const ObjectState s = store->objectState(kObj);
    EXPECT_EQ(s.generation, 3);
    EXPECT_EQ(s.localCount, 1);
    EXPECT_EQ(s.unsavedCount, 1);
    EXPECT_EQ(s.checkpoint, (Checkpoint { "t1", "a" }));
    // Nothing is known of how its records were downloaded.
    EXPECT_TRUE(s.fieldsSig.isEmpty());
    EXPECT_TRUE(s.scopeSig.isEmpty());
    // The migrated store works: a page in its generation, the unsaved record listed.
    store->applyPage(kObj, pageOf({ QStringLiteral("b") }), { "t2", "b" }, 3, &err);
    EXPECT_TRUE(err.ok()) << err.message.toStdString();
    EXPECT_EQ(store->objectState(kObj).localCount, 2);
    ASSERT_EQ(store->unsaved(kObj).size(), 1);
    EXPECT_TRUE(store->unsaved(kObj).first().changedAt.isValid());
}

TEST_P(Schema, AnOldStoreOpenedReadOnlyIsRefusedAndLeftAsItIs)
{
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const QByteArray bytes = fileBytes(path);
    StoreError err;
    EXPECT_FALSE(LocalStore::open(path, LocalStore::Mode::ReadOnly, &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_TRUE(err.message.contains(QStringLiteral("open it read-write once to upgrade it"))) << err.message.toStdString();
    EXPECT_EQ(fileBytes(path), bytes);
}

TEST_P(Schema, TwoProgramsUpgradingTheSameStoreBothGetIt)
{
    // The upgrade is one exclusive transaction that reads the version again inside it: the second
    // program waits, then finds the work done (never "duplicate column name").
    const QString before = schema1Rows(path);
    const QString original = dir.filePath(QStringLiteral("original.db"));
    {
        RawDb raw(path);
        ASSERT_TRUE(raw.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    ASSERT_TRUE(QFile::copy(path, original));
    for (int round = 0; round < 20; ++round) {
        QFile::remove(path);
        ASSERT_TRUE(QFile::copy(original, path));
        std::latch start(2);
        StoreError errors[2];
        bool opened[2] = { false, false };
        const auto upgrade = [&](int who) {
            start.arrive_and_wait();
            auto store = LocalStore::open(path, LocalStore::Mode::ReadWrite, &errors[who]);
            opened[who] = store && store->objectState(kObj).generation == 3;
        };
        std::thread a(upgrade, 0), b(upgrade, 1);
        a.join();
        b.join();
        ASSERT_TRUE(opened[0]) << "round " << round << ": " << errors[0].message.toStdString();
        ASSERT_TRUE(opened[1]) << "round " << round << ": " << errors[1].message.toStdString();
        ASSERT_EQ(RawDb(path).scalar("PRAGMA user_version").toInt(), LocalStore::SchemaVersion) << "round " << round;
        ASSERT_EQ(schema1Rows(path), before) << "round " << round;
    }
}

INSTANTIATE_TEST_SUITE_P(OldStores, Schema, ::testing::ValuesIn(kOldStores), oldStoreName);

using DownloadShape = FreshStore;

TEST_F(DownloadShape, IsKeptPerObjectAndReadByOtherPrograms)
{
    const QString other = QStringLiteral("contact");
    StoreError err;
    ASSERT_TRUE(store->setDownloadShape(kObj, QStringLiteral("f:1a2b"), QStringLiteral("s:outlet=42"), &err))
        << err.message.toStdString();
    ASSERT_TRUE(store->setDownloadShape(other, QStringLiteral("f:9"), {}, &err)) << err.message.toStdString();
    auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly, &err);
    ASSERT_TRUE(reader) << err.message.toStdString();
    EXPECT_EQ(reader->objectState(kObj).fieldsSig, QStringLiteral("f:1a2b"));
    EXPECT_EQ(reader->objectState(kObj).scopeSig, QStringLiteral("s:outlet=42"));
    EXPECT_EQ(reader->objectState(other).fieldsSig, QStringLiteral("f:9"));
    EXPECT_TRUE(reader->objectState(other).scopeSig.isEmpty()); // a null string is stored as ''
    const QList<ObjectState> all = reader->allObjectStates();
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all[1].scopeSig, QStringLiteral("s:outlet=42"));
    // A new shape replaces the old one; the rest of the state is untouched.
    store->applyPage(kObj, pageOf({ QStringLiteral("a") }), { "t", "a" }, 0, &err);
    ASSERT_TRUE(store->setDownloadShape(kObj, QStringLiteral("f:3c"), QStringLiteral("s:all"), &err));
    const ObjectState s = reader->objectState(kObj);
    EXPECT_EQ(s.fieldsSig, QStringLiteral("f:3c"));
    EXPECT_EQ(s.scopeSig, QStringLiteral("s:all"));
    EXPECT_EQ(s.localCount, 1);
    EXPECT_EQ(s.checkpoint, (Checkpoint { "t", "a" }));
}

TEST_F(DownloadShape, BadCallsAreRefusedInWords)
{
    StoreError err;
    EXPECT_FALSE(store->setDownloadShape(QStringLiteral("bad name!"), QStringLiteral("f"), QStringLiteral("s"), &err));
    EXPECT_EQ(err.kind, StoreError::Invalid);
    EXPECT_TRUE(store->allObjectStates().isEmpty());
    ASSERT_TRUE(store->setDownloadShape(kObj, QStringLiteral("f"), QStringLiteral("s"), &err));
    auto reader = LocalStore::open(path, LocalStore::Mode::ReadOnly, &err);
    ASSERT_TRUE(reader) << err.message.toStdString();
    EXPECT_FALSE(reader->setDownloadShape(kObj, QStringLiteral("g"), QStringLiteral("t"), &err));
    EXPECT_EQ(err.kind, StoreError::ReadOnly);
    EXPECT_FALSE(err.message.isEmpty());
    EXPECT_EQ(store->objectState(kObj).fieldsSig, QStringLiteral("f"));
}

} // namespace
