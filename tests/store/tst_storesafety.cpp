// SPDX-License-Identifier: MIT
// The store file under conditions outside the app's control: several programs creating the same
// new store at once, a umask that would make it readable by everyone, a folder or a file this user
// may read but not write (the permission tests run that user's part in a child process without
// root's rights).

#include "store/localstore.h"
#include "storetesthelpers.h"

#include <QDir>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <cstdio>
#include <latch>
#include <thread>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace posdata;
using namespace posdata::test;

namespace {

class StoreSafety : public ::testing::Test
{
protected:
    QString path(int n = 0) const { return dir.filePath(QStringLiteral("pos%1.db").arg(n)); }
    /// The file is a complete store: our identity, the current schema, usable.
    void expectStore(const QString &file)
    {
        StoreError err;
        auto store = LocalStore::open(file, LocalStore::Mode::ReadWrite, &err);
        ASSERT_TRUE(store) << err.message.toStdString();
        EXPECT_TRUE(store->ensureObjects({ kObj }, &err)) << err.message.toStdString();
        RawDb raw(file, SQLITE_OPEN_READONLY);
        EXPECT_EQ(raw.scalar("PRAGMA application_id").toLongLong(), LocalStore::ApplicationId);
        EXPECT_EQ(raw.scalar("PRAGMA user_version").toInt(), LocalStore::SchemaVersion);
    }

    QTemporaryDir dir;
};

mode_t permissions(const QString &file)
{
    struct stat st;
    return ::stat(QFile::encodeName(file).constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

/// Sets the umask for one scope.
class Umask
{
public:
    explicit Umask(mode_t mask)
        : m_before(::umask(mask))
    { }
    ~Umask() { ::umask(m_before); }

private:
    mode_t m_before;
};

/// A store in a folder of its own, owned by the user the permission tests run as.
class StoreSafetyPermissions : public StoreSafety
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        folder = dir.filePath(QStringLiteral("store"));
        file = folder + QStringLiteral("/pos.db");
        ASSERT_TRUE(QDir().mkdir(folder));
        ASSERT_EQ(::chmod(QFile::encodeName(dir.path()).constData(), 0755), 0);
        {
            StoreError err;
            auto store = LocalStore::open(file, LocalStore::Mode::ReadWrite, &err);
            ASSERT_TRUE(store) << err.message.toStdString();
            store->applyPage(kObj, pageOf({ "a", "b", "c" }), { "t", "c" }, 0, &err);
            ASSERT_TRUE(err.ok()) << err.message.toStdString();
        }
        ASSERT_TRUE(sideFiles(file).isEmpty());
        ASSERT_TRUE(handToUnprivileged(folder) && handToUnprivileged(file));
    }
    void TearDown() override { ::chmod(QFile::encodeName(folder).constData(), 0755); }
    void setMode(const QString &path, mode_t mode) { ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), mode), 0); }

    QString folder;
    QString file;
};

/// In the child: the store opens read-only and shows `records` records of kObj.
int readsRecords(const QString &file, int records)
{
    StoreError err;
    auto store = LocalStore::open(file, LocalStore::Mode::ReadOnly, &err);
    if (!store) {
        std::fprintf(stderr, "read-only open: %s\n", qPrintable(err.message));
        return 1;
    }
    const qint64 local = store->objectState(kObj).localCount;
    const qsizetype ids = store->ids(kObj).size();
    if (local != records || ids != records) {
        std::fprintf(stderr, "read %lld / %lld records, expected %d\n", static_cast<long long>(local),
            static_cast<long long>(ids), records);
        return 2;
    }
    return 0;
}

/// In the child: a read-write open fails at once, in words.
int refusesWriting(const QString &file, const char *expected)
{
    StoreError err;
    auto store = LocalStore::open(file, LocalStore::Mode::ReadWrite, &err);
    if (store || err.kind != StoreError::ReadOnly || !err.message.contains(QLatin1String(expected))) {
        std::fprintf(stderr, "read-write open: %s (%d)\n", store ? "opened" : qPrintable(err.message), int(err.kind));
        return 3;
    }
    return 0;
}

TEST_F(StoreSafetyPermissions, ReadingWorksInAReadOnlyFolder)
{
    setMode(folder, 0555);
    const QByteArray before = fileBytes(file);
    EXPECT_EQ(unprivileged([&] {
        const int read = readsRecords(file, 3);
        return read ? read : refusesWriting(file, "read-only for this user");
    }),
        0);
    EXPECT_EQ(fileBytes(file), before);
    EXPECT_TRUE(sideFiles(file).isEmpty());
}

TEST_F(StoreSafetyPermissions, AReaderInAReadOnlyFolderSeesTheRunningWriter)
{
    // The writer opened the store while it could make its -wal and -shm; the folder is read-only
    // since. The reader must see the writer's commits, the one before it started and the one after.
    StoreError err;
    auto writer = LocalStore::open(file, LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(writer) << err.message.toStdString();
    writer->applyPage(kObj, pageOf({ "d" }), { "t", "d" }, 0, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    setMode(folder, 0555);
    int toParent[2], toChild[2];
    ASSERT_EQ(pipe(toParent), 0);
    ASSERT_EQ(pipe(toChild), 0);
    std::thread parentSide([&] {
        char byte = 0;
        if (read(toParent[0], &byte, 1) == 1 && byte == 'r') {
            StoreError e;
            writer->applyPage(kObj, pageOf({ "e" }), { "t", "e" }, 0, &e);
        }
        (void)!write(toChild[1], "w", 1);
    });
    const int code = unprivileged([&] {
        const int first = readsRecords(file, 4);
        (void)!write(toParent[1], first ? "x" : "r", 1);
        char byte = 0;
        (void)!read(toChild[0], &byte, 1);
        return first ? first : readsRecords(file, 5) ? 4 : 0;
    });
    parentSide.join();
    for (int fd : { toParent[0], toParent[1], toChild[0], toChild[1] })
        close(fd);
    EXPECT_EQ(code, 0);
    EXPECT_EQ(writer->countSlow(kObj), 5);
}

TEST_F(StoreSafetyPermissions, AStoreFileThisUserCannotWriteFailsAtOpen)
{
    // SQLite would open it read-only without a word and fail on the first write.
    setMode(file, 0444);
    EXPECT_EQ(unprivileged([&] {
        const int refused = refusesWriting(file, "pos.db is read-only for this user");
        return refused ? refused : readsRecords(file, 3);
    }),
        0);
}

TEST_F(StoreSafety, TwoThreadsCreatingTheSameStoreBothGetIt)
{
    for (int round = 0; round < 40; ++round) {
        std::latch start(2);
        StoreError errors[2];
        bool opened[2] = { false, false };
        const auto create = [&](int who) {
            start.arrive_and_wait();
            auto store = LocalStore::open(path(round), LocalStore::Mode::ReadWrite, &errors[who]);
            opened[who] = store && store->ensureObjects({ kObj }, &errors[who]);
        };
        std::thread a(create, 0), b(create, 1);
        a.join();
        b.join();
        ASSERT_TRUE(opened[0]) << "round " << round << ": " << errors[0].message.toStdString();
        ASSERT_TRUE(opened[1]) << "round " << round << ": " << errors[1].message.toStdString();
        expectStore(path(round));
    }
}

TEST_F(StoreSafety, TwoProcessesCreatingTheSameStoreBothGetIt)
{
    // Each child opens the store when the parent closes the pipe, so both start together; the exit
    // code says whether it got a usable store.
    for (int round = 0; round < 20; ++round) {
        int go[2];
        ASSERT_EQ(pipe(go), 0);
        pid_t children[2];
        for (pid_t &child : children) {
            child = fork();
            ASSERT_GE(child, 0);
            if (child == 0) {
                close(go[1]);
                char byte;
                (void)!read(go[0], &byte, 1);
                StoreError err;
                auto store = LocalStore::open(path(round), LocalStore::Mode::ReadWrite, &err);
                const bool ok = store && store->ensureObjects({ kObj }, &err);
                if (!ok)
                    fprintf(stderr, "child: %s\n", qPrintable(err.message));
                store.reset();
                _exit(ok ? 0 : 1);
            }
        }
        close(go[0]);
        close(go[1]);
        for (pid_t child : children) {
            int status = 0;
            ASSERT_EQ(waitpid(child, &status, 0), child);
            ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
        }
        expectStore(path(round));
    }
}

TEST_F(StoreSafety, TheStoreAndItsWalAndShmAreForTheOwnerOnly)
{
    // Names, emails and phones: 0600 whatever the umask (022 would give 0644).
    const Umask umask(022);
    StoreError err;
    auto store = LocalStore::open(path(), LocalStore::Mode::ReadWrite, &err);
    ASSERT_TRUE(store) << err.message.toStdString();
    store->applyPage(kObj, pageOf({ "a", "b" }), { "t", "b" }, 0, &err);
    ASSERT_TRUE(err.ok()) << err.message.toStdString();
    for (const QString &file : { path(), path() + QStringLiteral("-wal"), path() + QStringLiteral("-shm") }) {
        ASSERT_TRUE(QFile::exists(file)) << file.toStdString();
        EXPECT_EQ(permissions(file), mode_t(0600)) << file.toStdString() << " " << std::oct << permissions(file);
    }
}

TEST_F(StoreSafety, AStoreReadableByOthersIsMadePrivateWhenOpenedForWriting)
{
    {
        auto store = LocalStore::open(path(), LocalStore::Mode::ReadWrite);
        ASSERT_TRUE(store);
    }
    ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), 0644), 0);
    {
        auto reader = LocalStore::open(path(), LocalStore::Mode::ReadOnly);
        ASSERT_TRUE(reader);
        EXPECT_EQ(permissions(path()), mode_t(0644)); // a reader changes nothing
    }
    auto store = LocalStore::open(path(), LocalStore::Mode::ReadWrite);
    ASSERT_TRUE(store);
    EXPECT_EQ(permissions(path()), mode_t(0600));
}

} // namespace
