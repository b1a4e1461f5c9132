// SPDX-License-Identifier: MIT
// Which files the store takes as its own: its application_id, a schema-1/2 store of ours (no
// application_id yet, known by its exact tables and user_version), an empty file. Any other SQLite
// file belongs to another program and is refused byte-identical, with no -wal or -shm left behind.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class StoreIdentity : public ::testing::Test
{
protected:
    QString path() const { return dir.filePath(QStringLiteral("pos.db")); }
    std::unique_ptr<LocalStore> open(LocalStore::Mode mode, StoreError *err)
    {
        return LocalStore::open(path(), mode, err);
    }
    /// Both modes refuse the file as another program's and leave it exactly as it was.
    void expectRefusedUntouched(const char *what)
    {
        const QByteArray before = fileBytes(path());
        ASSERT_FALSE(before.isEmpty()) << what;
        ASSERT_TRUE(sideFiles(path()).isEmpty()) << what;
        for (auto mode : { LocalStore::Mode::ReadWrite, LocalStore::Mode::ReadOnly }) {
            StoreError err;
            EXPECT_FALSE(open(mode, &err)) << what;
            EXPECT_EQ(err.kind, StoreError::Foreign) << what << ": " << err.message.toStdString();
            EXPECT_TRUE(err.message.contains(QStringLiteral("not a POS data store"))) << err.message.toStdString();
            EXPECT_TRUE(err.message.contains(QStringLiteral("left as it is"))) << err.message.toStdString();
        }
        EXPECT_EQ(fileBytes(path()), before) << what;
        EXPECT_TRUE(sideFiles(path()).isEmpty()) << what << ": " << sideFiles(path()).join(u' ').toStdString();
    }
    qint64 applicationId()
    {
        RawDb raw(path(), SQLITE_OPEN_READONLY);
        return raw.scalar("PRAGMA application_id").toLongLong();
    }

    QTemporaryDir dir;
};

TEST_F(StoreIdentity, ANewStoreCarriesTheApplicationId)
{
    StoreError err;
    ASSERT_TRUE(open(LocalStore::Mode::ReadWrite, &err)) << err.message.toStdString();
    EXPECT_EQ(applicationId(), LocalStore::ApplicationId);
    // Read straight from the main file's header (offset 68, big-endian), as open() reads it first.
    const QByteArray header = fileBytes(path()).left(100);
    ASSERT_EQ(header.size(), 100);
    const quint32 stamped = quint32(uchar(header[68])) << 24 | quint32(uchar(header[69])) << 16
        | quint32(uchar(header[70])) << 8 | quint32(uchar(header[71]));
    EXPECT_EQ(stamped, quint32(LocalStore::ApplicationId));
}

TEST_F(StoreIdentity, AnotherProgramsDatabaseIsRefused)
{
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("CREATE TABLE foo(x); INSERT INTO foo VALUES ('keep me')"));
    }
    expectRefusedUntouched("table foo");
}

TEST_F(StoreIdentity, AnotherProgramsDatabaseWithAnObjectsTableIsRefused)
{
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("CREATE TABLE objects(id INTEGER PRIMARY KEY, name TEXT);"
                             "INSERT INTO objects(name) VALUES ('chair')"));
    }
    expectRefusedUntouched("its own objects table");
}

TEST_F(StoreIdentity, AnotherProgramsWalDatabaseIsRefusedWithoutSideFiles)
{
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("PRAGMA journal_mode = WAL; CREATE TABLE foo(x); INSERT INTO foo VALUES (1)"));
    }
    expectRefusedUntouched("a WAL database");
}

TEST_F(StoreIdentity, OurTablesUnderAnotherApplicationIdAreRefused)
{
    ASSERT_TRUE(writeSchema2Store(path()));
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("PRAGMA application_id = 1234; PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    expectRefusedUntouched("application_id 1234");
}

TEST_F(StoreIdentity, LookalikesOfAnOldStoreAreRefused)
{
    // Our schema-2 tables plus one of its own, and our tables under a user_version we never wrote.
    ASSERT_TRUE(writeSchema2Store(path()));
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("CREATE TABLE extra(x); PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    expectRefusedUntouched("an extra table");
    QFile::remove(path());
    ASSERT_TRUE(writeSchema2Store(path()));
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("PRAGMA user_version = 7; PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    expectRefusedUntouched("user_version 7");
}

TEST_F(StoreIdentity, AnOldStoreOfOursIsRecognisedAndStamped)
{
    for (const auto &[write, version] : { std::pair { &writeSchema1Store, 1 }, std::pair { &writeSchema2Store, 2 } }) {
        QFile::remove(path());
        ASSERT_TRUE(write(path())) << version;
        ASSERT_EQ(applicationId(), 0);
        StoreError err;
        auto store = open(LocalStore::Mode::ReadWrite, &err);
        ASSERT_TRUE(store) << version << ": " << err.message.toStdString();
        EXPECT_EQ(applicationId(), LocalStore::ApplicationId) << version;
        const ObjectState s = store->objectState(kObj);
        EXPECT_EQ(s.generation, 3) << version;
        EXPECT_EQ(s.localCount, 1) << version;
        EXPECT_EQ(s.unsavedCount, 1) << version;
        EXPECT_EQ(s.checkpoint, (Checkpoint { "t1", "a" })) << version;
        EXPECT_TRUE(store->record(kObj, QStringLiteral("a"))->inUse) << version;
        EXPECT_EQ(store->unsaved(kObj).size(), 1) << version;
    }
}

TEST_F(StoreIdentity, AnOldStoreOpenedReadOnlyIsLeftAsItIs)
{
    ASSERT_TRUE(writeSchema2Store(path()));
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    StoreError err;
    EXPECT_FALSE(open(LocalStore::Mode::ReadOnly, &err));
    EXPECT_TRUE(err.message.contains(QStringLiteral("open it read-write once"))) << err.message.toStdString();
    EXPECT_EQ(applicationId(), 0);
}

TEST_F(StoreIdentity, EmptyFilesBecomeStores)
{
    // A 0-byte file, and an SQLite file with nothing in it (a table made and dropped again).
    for (const bool sqlite : { false, true }) {
        QFile::remove(path());
        {
            QFile f(path());
            ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        }
        if (sqlite) {
            RawDb raw(path());
            ASSERT_TRUE(raw.exec("CREATE TABLE t(x); DROP TABLE t"));
            ASSERT_GT(QFileInfo(path()).size(), 0);
        }
        StoreError err;
        auto store = open(LocalStore::Mode::ReadWrite, &err);
        ASSERT_TRUE(store) << sqlite << ": " << err.message.toStdString();
        EXPECT_EQ(applicationId(), LocalStore::ApplicationId);
        EXPECT_TRUE(store->ensureObjects({ kObj }, &err)) << err.message.toStdString();
    }
}

TEST_F(StoreIdentity, ANewerStoreOfOursIsRefusedUntouched)
{
    {
        StoreError err;
        ASSERT_TRUE(open(LocalStore::Mode::ReadWrite, &err)) << err.message.toStdString();
    }
    {
        RawDb raw(path());
        ASSERT_TRUE(raw.exec("CREATE TABLE future(x); PRAGMA user_version = 99; PRAGMA journal_mode = DELETE"));
    }
    const QByteArray before = fileBytes(path());
    for (auto mode : { LocalStore::Mode::ReadWrite, LocalStore::Mode::ReadOnly }) {
        StoreError err;
        EXPECT_FALSE(open(mode, &err));
        EXPECT_EQ(err.kind, StoreError::NewerSchema);
        EXPECT_TRUE(err.message.contains(QStringLiteral("newer"))) << err.message.toStdString();
    }
    EXPECT_EQ(fileBytes(path()), before);
    EXPECT_TRUE(sideFiles(path()).isEmpty());
}

} // namespace
