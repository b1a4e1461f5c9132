// SPDX-License-Identifier: MIT
// What reaches the disk before a write returns. A power cut (a tablet's battery, a hard reset) loses
// what the WAL holds and the disk does not: a downloaded page may be lost that way (it is downloaded
// again from its checkpoint), a sale written on this device may not (it exists nowhere else until it
// is uploaded). The test counts the syncs SQLite asks of each file, through a VFS that wraps the
// default one.

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QTemporaryDir>
#include <array>
#include <atomic>
#include <cstring>
#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace posdata;
using namespace posdata::test;

namespace {

/// Syncs asked of files whose name ends in "-wal", since the VFS was put in place.
std::atomic<int> g_walSyncs { 0 };

sqlite3_vfs *g_inner = nullptr;
sqlite3_vfs g_counting;
/// The default VFS gives files of different kinds different methods (unix: the database's with
/// locks and shared memory, a journal's without): one wrapping table per inner table.
struct Wrapping
{
    const sqlite3_io_methods *inner = nullptr;
    sqlite3_io_methods outer {};
};
std::array<Wrapping, 8> g_wrappings;

/// A file of the counting VFS: our header, then the inner VFS's file.
struct CountingFile
{
    sqlite3_file base;
    const sqlite3_io_methods *innerMethods;
    bool wal;
    sqlite3_file *inner() { return reinterpret_cast<sqlite3_file *>(this + 1); }
};
CountingFile *counting(sqlite3_file *f)
{
    return reinterpret_cast<CountingFile *>(f);
}

int cClose(sqlite3_file *f)
{
    return counting(f)->innerMethods->xClose(counting(f)->inner());
}
int cRead(sqlite3_file *f, void *p, int n, sqlite3_int64 o)
{
    return counting(f)->innerMethods->xRead(counting(f)->inner(), p, n, o);
}
int cWrite(sqlite3_file *f, const void *p, int n, sqlite3_int64 o)
{
    return counting(f)->innerMethods->xWrite(counting(f)->inner(), p, n, o);
}
int cTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return counting(f)->innerMethods->xTruncate(counting(f)->inner(), size);
}
int cSync(sqlite3_file *f, int flags)
{
    if (counting(f)->wal)
        ++g_walSyncs;
    return counting(f)->innerMethods->xSync(counting(f)->inner(), flags);
}
int cFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return counting(f)->innerMethods->xFileSize(counting(f)->inner(), size);
}
int cLock(sqlite3_file *f, int l)
{
    return counting(f)->innerMethods->xLock(counting(f)->inner(), l);
}
int cUnlock(sqlite3_file *f, int l)
{
    return counting(f)->innerMethods->xUnlock(counting(f)->inner(), l);
}
int cCheckReserved(sqlite3_file *f, int *out)
{
    return counting(f)->innerMethods->xCheckReservedLock(counting(f)->inner(), out);
}
int cFileControl(sqlite3_file *f, int op, void *arg)
{
    return counting(f)->innerMethods->xFileControl(counting(f)->inner(), op, arg);
}
int cSectorSize(sqlite3_file *f)
{
    return counting(f)->innerMethods->xSectorSize(counting(f)->inner());
}
int cDeviceCharacteristics(sqlite3_file *f)
{
    return counting(f)->innerMethods->xDeviceCharacteristics(counting(f)->inner());
}
int cShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **p)
{
    return counting(f)->innerMethods->xShmMap(counting(f)->inner(), region, size, extend, p);
}
int cShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return counting(f)->innerMethods->xShmLock(counting(f)->inner(), offset, n, flags);
}
void cShmBarrier(sqlite3_file *f)
{
    counting(f)->innerMethods->xShmBarrier(counting(f)->inner());
}
int cShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return counting(f)->innerMethods->xShmUnmap(counting(f)->inner(), deleteFlag);
}
int cFetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p)
{
    return counting(f)->innerMethods->xFetch(counting(f)->inner(), o, n, p);
}
int cUnfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{
    return counting(f)->innerMethods->xUnfetch(counting(f)->inner(), o, p);
}

const sqlite3_io_methods *wrapped(const sqlite3_io_methods *inner)
{
    for (Wrapping &w : g_wrappings) {
        if (w.inner == inner)
            return &w.outer;
        if (w.inner)
            continue;
        w.inner = inner;
        w.outer = *inner; // the same version: what the inner file cannot do, its wrapper does not offer
        w.outer.xClose = cClose;
        w.outer.xRead = cRead;
        w.outer.xWrite = cWrite;
        w.outer.xTruncate = cTruncate;
        w.outer.xSync = cSync;
        w.outer.xFileSize = cFileSize;
        w.outer.xLock = cLock;
        w.outer.xUnlock = cUnlock;
        w.outer.xCheckReservedLock = cCheckReserved;
        w.outer.xFileControl = cFileControl;
        w.outer.xSectorSize = cSectorSize;
        w.outer.xDeviceCharacteristics = cDeviceCharacteristics;
        if (inner->iVersion >= 2) {
            w.outer.xShmMap = cShmMap;
            w.outer.xShmLock = cShmLock;
            w.outer.xShmBarrier = cShmBarrier;
            w.outer.xShmUnmap = cShmUnmap;
        }
        if (inner->iVersion >= 3) {
            w.outer.xFetch = cFetch;
            w.outer.xUnfetch = cUnfetch;
        }
        return &w.outer;
    }
    return nullptr;
}

int cOpen(sqlite3_vfs *, const char *name, sqlite3_file *f, int flags, int *outFlags)
{
    CountingFile *file = counting(f);
    file->base.pMethods = nullptr;
    const int rc = g_inner->xOpen(g_inner, name, file->inner(), flags, outFlags);
    if (rc != SQLITE_OK || !file->inner()->pMethods)
        return rc;
    const sqlite3_io_methods *outer = wrapped(file->inner()->pMethods);
    if (!outer) { // more kinds of files than the test knows of
        file->inner()->pMethods->xClose(file->inner());
        return SQLITE_CANTOPEN;
    }
    const size_t len = name ? std::strlen(name) : 0;
    file->wal = len > 4 && std::strcmp(name + len - 4, "-wal") == 0;
    file->innerMethods = file->inner()->pMethods;
    file->base.pMethods = outer;
    return SQLITE_OK;
}

/// Puts the counting VFS in place as the default for the test program (every connection opened
/// afterwards, Qt's QSQLITE ones included, goes through it).
void installCountingVfs()
{
    if (g_inner)
        return;
    g_inner = sqlite3_vfs_find(nullptr);
    g_counting = *g_inner;
    g_counting.zName = "posdata-counting";
    g_counting.szOsFile = int(sizeof(CountingFile)) + g_inner->szOsFile;
    g_counting.xOpen = cOpen;
    sqlite3_vfs_register(&g_counting, 1);
}

class Durability : public ::testing::Test
{
protected:
    void SetUp() override
    {
        installCountingVfs();
        ASSERT_TRUE(dir.isValid());
        StoreError err;
        store = LocalStore::open(dir.filePath(QStringLiteral("pos.db")), LocalStore::Mode::ReadWrite, &err);
        ASSERT_TRUE(store) << err.message.toStdString();
        ASSERT_TRUE(store->applyPage(kObj, pageOf({ QStringLiteral("a"), QStringLiteral("b") }), { "t1", "b" }, 0).inserted == 2);
    }
    void TearDown() override
    {
        store.reset();
        sqlite3_vfs_unregister(&g_counting);
        sqlite3_vfs_register(g_inner, 1);
        g_inner = nullptr;
    }
    /// The WAL syncs `write` asked for before it returned.
    int walSyncsOf(const std::function<bool()> &write)
    {
        const int before = g_walSyncs.load();
        EXPECT_TRUE(write());
        return g_walSyncs.load() - before;
    }

    QTemporaryDir dir;
    std::unique_ptr<LocalStore> store;
};

TEST_F(Durability, ASaleIsOnTheDiskWhenItsWriteReturns)
{
    EXPECT_GE(walSyncsOf([&] { return store->createLocal(kOrder, QStringLiteral("s1"), "{\"Total\":9.5}"); }), 1);
    EXPECT_GE(walSyncsOf([&] { return store->updateLocal(kOrder, QStringLiteral("s1"), "{\"Total\":10}"); }), 1);
    EXPECT_GE(walSyncsOf([&] { return store->updateLocal(kObj, QStringLiteral("a"), "{\"Name\":\"mine\"}"); }), 1);
    EXPECT_GE(walSyncsOf([&] { return store->deleteLocal(kObj, QStringLiteral("b")); }), 1);
}

TEST_F(Durability, ADownloadedPageIsNotSyncedPageByPage)
{
    // Synced records are downloaded again after a power cut (from the checkpoint the page was
    // written with): their commits leave the syncing to the checkpoints.
    for (int page = 0; page < 3; ++page) {
        const QString id = QStringLiteral("p%1").arg(page);
        EXPECT_EQ(walSyncsOf([&] { return store->applyPage(kObj, pageOf({ id }), { "t2", id }, 0).inserted == 1; }), 0);
    }
    // And a sale between them does not make the pages after it wait for the disk.
    EXPECT_GE(walSyncsOf([&] { return store->createLocal(kOrder, QStringLiteral("s2"), "{}"); }), 1);
    EXPECT_EQ(walSyncsOf([&] { return store->applyPage(kObj, pageOf({ QStringLiteral("p9") }), { "t3", "p9" }, 0).inserted == 1; }), 0);
}

} // namespace
