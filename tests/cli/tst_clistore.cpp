// SPDX-License-Identifier: MIT
// The real `posdata` binary on store files that are not simply its own: another program's SQLite
// database (refused, left byte-identical, no -wal or -shm), a store in a folder this user cannot
// write (reading commands work), a store file this user cannot write (writing commands fail at
// once, in words). Permission cases run the binary as uid 65534 when the tests run as root.
#include "posdatarunner.h"

#include "store/localstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <sqlite3.h>

#ifdef POSDATA_BINARY

namespace {

using clitest::CliOutput;

class CliStoreTest : public ::testing::Test
{
protected:
    virtual QString path() const { return dir.filePath(QStringLiteral("other.db")); }

    /// The binary on this test's store file.
    CliOutput posdata(const QStringList &args, clitest::RunAs as = clitest::RunAs::ThisUser)
    {
        return clitest::runPosdata(args + QStringList { QStringLiteral("--db"), path() }, as);
    }
    void makeSqlite(const char *sql)
    {
        sqlite3 *db = nullptr;
        ASSERT_EQ(sqlite3_open(path().toUtf8().constData(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
        sqlite3_close(db);
    }
    QByteArray hash() const
    {
        QFile f(path());
        return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
    }
    bool sideFiles() const
    {
        return QFile::exists(path() + QStringLiteral("-wal")) || QFile::exists(path() + QStringLiteral("-shm"))
            || QFile::exists(path() + QStringLiteral("-journal"));
    }
    /// Every command that opens the store refuses the file and leaves it exactly as it was.
    void expectRefused(const char *what)
    {
        const QByteArray before = hash();
        ASSERT_FALSE(before.isEmpty());
        for (const QStringList &args : { QStringList { QStringLiteral("pause"), QStringLiteral("contact") },
                 QStringList { QStringLiteral("status") }, QStringList { QStringLiteral("unsaved") } }) {
            const CliOutput r = posdata(args);
            EXPECT_EQ(r.code, 1) << what << " " << args.join(u' ').toStdString() << ": " << r.err.toStdString();
            EXPECT_TRUE(r.err.contains(QStringLiteral("not a POS data store"))) << r.err.toStdString();
            // In words, not a raw SQL error (no such table, already exists, ...).
            EXPECT_FALSE(r.err.contains(QStringLiteral("no such")) || r.err.contains(QStringLiteral("already exists"))
                || r.err.contains(QStringLiteral("Unable to")))
                << r.err.toStdString();
            EXPECT_EQ(hash(), before) << what << " " << args.join(u' ').toStdString();
            EXPECT_FALSE(sideFiles()) << what << " " << args.join(u' ').toStdString();
        }
    }

    QTemporaryDir dir;
};

TEST_F(CliStoreTest, AnotherProgramsDatabaseIsLeftAsItIs)
{
    makeSqlite("CREATE TABLE foo(x); INSERT INTO foo VALUES ('theirs')");
    expectRefused("table foo");
}

TEST_F(CliStoreTest, AnotherProgramsObjectsTableIsLeftAsItIs)
{
    makeSqlite("CREATE TABLE objects(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO objects(name) VALUES ('chair')");
    expectRefused("objects table");
}

/// A store of ours in a folder of its own, owned by the user the binary runs as.
class CliStorePermissions : public CliStoreTest
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("store")));
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        {
            posdata::StoreError err;
            auto store = posdata::LocalStore::open(path(), posdata::LocalStore::Mode::ReadWrite, &err);
            ASSERT_TRUE(store) << err.message.toStdString();
            ASSERT_TRUE(store->ensureObjects({ QStringLiteral("contact") }, &err)) << err.message.toStdString();
        }
        if (::geteuid() == 0) {
            ASSERT_EQ(::chown(QFile::encodeName(folder()).constData(), 65534, 65534), 0);
            ASSERT_EQ(::chown(QFile::encodeName(path()).constData(), 65534, 65534), 0);
        }
    }
    void TearDown() override { ::chmod(QFile::encodeName(folder()).constData(), 0755); }
    QString folder() const { return dir.filePath(QStringLiteral("store")); }
    QString path() const override { return folder() + QStringLiteral("/pos.db"); }
};

TEST_F(CliStorePermissions, StatusWorksInAReadOnlyFolder)
{
    ASSERT_EQ(::chmod(QFile::encodeName(folder()).constData(), 0555), 0);
    const QByteArray before = hash();
    const CliOutput status = posdata({ QStringLiteral("status") }, clitest::RunAs::Nobody);
    EXPECT_EQ(status.code, 0) << status.err.toStdString();
    EXPECT_TRUE(status.out.contains(QStringLiteral("contact"))) << status.out.toStdString();
    const CliOutput pause = posdata({ QStringLiteral("pause"), QStringLiteral("contact") }, clitest::RunAs::Nobody);
    EXPECT_EQ(pause.code, 1);
    EXPECT_TRUE(pause.err.contains(QStringLiteral("read-only for this user"))) << pause.err.toStdString();
    EXPECT_EQ(hash(), before);
    EXPECT_FALSE(sideFiles());
}

TEST_F(CliStorePermissions, AStoreFileThatCannotBeWrittenFailsInWords)
{
    ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), 0444), 0);
    const CliOutput pause = posdata({ QStringLiteral("pause"), QStringLiteral("contact") }, clitest::RunAs::Nobody);
    EXPECT_EQ(pause.code, 1);
    EXPECT_TRUE(pause.err.contains(QStringLiteral("pos.db is read-only for this user"))) << pause.err.toStdString();
    const CliOutput status = posdata({ QStringLiteral("status") }, clitest::RunAs::Nobody);
    EXPECT_EQ(status.code, 0) << status.err.toStdString();
    EXPECT_TRUE(status.out.contains(QStringLiteral("contact"))) << status.out.toStdString();
}

} // namespace

#endif
