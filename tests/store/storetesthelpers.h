// SPDX-License-Identifier: MIT
#pragma once

// Small helpers shared by the store tests: raw sqlite3 access (to look at the file the way another
// program would) and page builders.

#include "store/localstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QString>
#include <gtest/gtest.h>
#include <ostream>
#include <functional>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace posdata {

/// Keeps gtest's names of parameterized tests readable (no byte dump of the enum).
inline void PrintTo(LocalStore::WritePath path, std::ostream *os)
{
    *os << (path == LocalStore::WritePath::SqliteApi ? "SqliteApi" : path == LocalStore::WritePath::QtSql ? "QtSql" : "Auto");
}

} // namespace posdata

namespace posdata::test {

/// The objects the store tests write (the store knows no object names: any would do) and the
/// external-Id field of the sales created on the device.
inline const QString kObj = QStringLiteral("s_c__product__c");
inline const QString kOrder = QStringLiteral("s_c__order__c");
inline const QString kContact = QStringLiteral("contact");
inline const QString kExt = QStringLiteral("s_c__pos_uuid__c");

inline QVector<IncomingRecord> pageOf(const QStringList &ids, const QByteArray &tag = "v1")
{
    QVector<IncomingRecord> page;
    for (const QString &id : ids)
        page.append({ id, QStringLiteral("2026-11-28T00:00:00.000+0000"), false, tag + ":" + id.toUtf8() });
    return page;
}

inline IncomingRecord tombstone(const QString &id)
{
    return { id, QStringLiteral("2026-11-28T01:00:00.000+0000"), true, {} };
}

/// A new store in a temporary folder, opened read-write: the fixture of most store tests.
class FreshStore : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        path = dir.filePath(QStringLiteral("pos.db"));
        StoreError err;
        store = LocalStore::open(path, LocalStore::Mode::ReadWrite, &err);
        ASSERT_TRUE(store) << err.message.toStdString();
    }
    /// Every row of one of the store's tables, as another program reads the file.
    QString rowsOf(const char *table) const;
    /// Runs `write` while every update of `column` in the objects table fails, and returns its
    /// error: the write must fail and leave the records and objects tables exactly as they were.
    StoreError failsAsOneTransaction(const char *column, const std::function<bool(StoreError *)> &write);

    QTemporaryDir dir;
    QString path;
    std::unique_ptr<LocalStore> store;
};

/// A raw sqlite3 handle that closes itself.
class RawDb
{
public:
    explicit RawDb(const QString &path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    {
        sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;
    bool exec(const char *sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    /// First column of the first row as text ("" when none).
    QString scalar(const char *sql)
    {
        sqlite3_stmt *st = nullptr;
        QString out;
        if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        return out;
    }

    /// Every row of a query, columns separated by '|' and rows by '\n' (NULL as "NULL"): compares
    /// table contents exactly.
    QString rows(const char *sql)
    {
        sqlite3_stmt *st = nullptr;
        QString out;
        if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) != SQLITE_OK)
            return QStringLiteral("prepare failed: ") + QString::fromUtf8(sqlite3_errmsg(m_db));
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st, c));
                out += (c ? QStringLiteral("|") : QString())
                    + (text ? QString::fromUtf8(text) : QStringLiteral("NULL"));
            }
            out += u'\n';
        }
        sqlite3_finalize(st);
        return out;
    }

private:
    sqlite3 *m_db = nullptr;
};

inline QString FreshStore::rowsOf(const char *table) const
{
    return RawDb(path, SQLITE_OPEN_READONLY).rows(QByteArray("SELECT * FROM ") + table + " ORDER BY 1, 2");
}

/// While it lives, every UPDATE of `column` in the store's objects table fails ("refused by a test
/// trigger"): a write that changes the state row last shows whether it is one transaction.
class RefusedStateUpdates
{
public:
    RefusedStateUpdates(const QString &path, const char *column)
        : m_path(path)
    {
        RawDb raw(path);
        created = raw.exec(QByteArray("CREATE TRIGGER refuse BEFORE UPDATE OF ") + column
            + " ON objects BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END");
    }
    ~RefusedStateUpdates() { RawDb(m_path).exec("DROP TRIGGER IF EXISTS refuse"); }
    RefusedStateUpdates(const RefusedStateUpdates &) = delete;
    RefusedStateUpdates &operator=(const RefusedStateUpdates &) = delete;
    bool created = false;

private:
    QString m_path;
};

inline StoreError FreshStore::failsAsOneTransaction(const char *column, const std::function<bool(StoreError *)> &write)
{
    const QString records = rowsOf("records");
    const QString objects = rowsOf("objects");
    StoreError err;
    {
        RefusedStateUpdates refused(path, column);
        EXPECT_TRUE(refused.created) << column;
        EXPECT_FALSE(write(&err));
    }
    EXPECT_EQ(err.kind, StoreError::Io) << err.message.toStdString();
    EXPECT_EQ(rowsOf("records").toStdString(), records.toStdString());
    EXPECT_EQ(rowsOf("objects").toStdString(), objects.toStdString());
    return err;
}

/// A store as the app's schema-1 release wrote it (application_id 0, WAL), with one synced record,
/// one unsaved record and a protected Id: the statements of migrateTo1 as they were.
inline bool writeSchema1Store(const QString &path)
{
    RawDb raw(path);
    return raw.exec("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; BEGIN;"
                    "CREATE TABLE objects (obj INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                    " paused INTEGER NOT NULL DEFAULT 0, cp_modstamp TEXT NOT NULL DEFAULT '',"
                    " cp_id TEXT NOT NULL DEFAULT '', server_count INTEGER NOT NULL DEFAULT -1,"
                    " server_all_count INTEGER NOT NULL DEFAULT -1, counts_read_at INTEGER,"
                    " last_error_code TEXT NOT NULL DEFAULT '', last_error_message TEXT NOT NULL DEFAULT '',"
                    " last_error_at INTEGER, last_synced_at INTEGER, pending INTEGER NOT NULL DEFAULT 0,"
                    " generation INTEGER NOT NULL DEFAULT 0, local_count INTEGER NOT NULL DEFAULT 0,"
                    " unsaved_count INTEGER NOT NULL DEFAULT 0, in_use_count INTEGER NOT NULL DEFAULT 0);"
                    "CREATE TABLE records (obj INTEGER NOT NULL, id TEXT NOT NULL, modstamp TEXT NOT NULL,"
                    " state INTEGER NOT NULL, seen_gen INTEGER NOT NULL, payload BLOB NOT NULL,"
                    " PRIMARY KEY (obj, id));"
                    "CREATE INDEX records_unsaved ON records(obj, state) WHERE state <> 0;"
                    "CREATE TABLE protected (obj INTEGER NOT NULL, id TEXT NOT NULL, kind INTEGER NOT NULL,"
                    " PRIMARY KEY (obj, id, kind)) WITHOUT ROWID;"
                    "INSERT INTO objects(obj, name, cp_modstamp, cp_id, generation, local_count, unsaved_count,"
                    " in_use_count) VALUES (1, 's_c__product__c', 't1', 'a', 3, 1, 1, 1);"
                    "INSERT INTO records VALUES (1, 'a', 't1', 0, 3, CAST('{\"Id\":\"a\"}' AS BLOB));"
                    "INSERT INTO records VALUES (1, 'mine', '', 1, 3, CAST('{\"Name\":\"mine\"}' AS BLOB));"
                    "INSERT INTO protected VALUES (1, 'a', 1);"
                    "PRAGMA user_version = 1; COMMIT;");
}

/// The same store after the schema-2 release's migrateTo2 (still application_id 0).
inline bool writeSchema2Store(const QString &path)
{
    if (!writeSchema1Store(path))
        return false;
    RawDb raw(path);
    return raw.exec("BEGIN;"
                    "ALTER TABLE records ADD COLUMN changed_at INTEGER;"
                    "ALTER TABLE records ADD COLUMN ext_id TEXT;"
                    "ALTER TABLE records ADD COLUMN err_code TEXT;"
                    "ALTER TABLE records ADD COLUMN err_message TEXT;"
                    "ALTER TABLE records ADD COLUMN err_at INTEGER;"
                    "ALTER TABLE records ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
                    "ALTER TABLE records ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;"
                    "ALTER TABLE objects ADD COLUMN upload_failed_count INTEGER NOT NULL DEFAULT 0;"
                    "UPDATE records SET changed_at = 1764300000000 WHERE state <> 0;"
                    "PRAGMA user_version = 2; COMMIT;");
}

/// The same store after the schema-3 release's migrateTo3 (which stamped the application_id too).
inline bool writeSchema3Store(const QString &path)
{
    if (!writeSchema2Store(path))
        return false;
    RawDb raw(path);
    return raw.exec("BEGIN;"
                    "ALTER TABLE objects ADD COLUMN fields_sig TEXT NOT NULL DEFAULT '';"
                    "ALTER TABLE objects ADD COLUMN scope_sig TEXT NOT NULL DEFAULT '';"
                    "CREATE TABLE live (one INTEGER PRIMARY KEY CHECK (one = 1), pid INTEGER NOT NULL,"
                    " heartbeat INTEGER NOT NULL, json BLOB NOT NULL);"
                    "CREATE TABLE discarded (obj INTEGER NOT NULL, id TEXT NOT NULL, state INTEGER NOT NULL,"
                    " payload BLOB NOT NULL, ext_id TEXT, err_code TEXT, err_message TEXT, err_at INTEGER,"
                    " changed_at INTEGER, discarded_at INTEGER NOT NULL);"
                    "PRAGMA user_version = 3; PRAGMA application_id = 1347375940; COMMIT;");
}

/// Root reads and writes any file whatever its mode, so permission tests run their reading or
/// writing part as this user when the tests run as root (uid and gid 65534, "nobody").
constexpr uid_t kUnprivileged = 65534;

/// Gives `path` (a file or folder) to the user that unprivileged() runs as, when running as root.
inline bool handToUnprivileged(const QString &path)
{
    return ::geteuid() != 0 || ::chown(QFile::encodeName(path).constData(), kUnprivileged, kUnprivileged) == 0;
}

/// Runs `body` in a forked child (another process on the same files) and returns its exit code (-1
/// if it did not exit). The child writes what went wrong to stderr. `dropRoot`: without root's
/// rights when running as root (see unprivileged()).
inline int inChildProcess(const std::function<int()> &body, bool dropRoot = false)
{
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t child = ::fork();
    if (child < 0)
        return -1;
    if (child == 0) {
        if (dropRoot && ::geteuid() == 0 && (::setgid(kUnprivileged) != 0 || ::setuid(kUnprivileged) != 0))
            ::_exit(99);
        const int code = body();
        std::fflush(stderr);
        ::_exit(code);
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/// Runs `body` in a forked child without root's rights when running as root: see inChildProcess().
inline int unprivileged(const std::function<int()> &body)
{
    return inChildProcess(body, true);
}

/// The files SQLite keeps next to a database while it is open or after a crash.
inline QStringList sideFiles(const QString &path)
{
    QStringList present;
    for (const char *suffix : { "-wal", "-shm", "-journal" }) {
        if (QFile::exists(path + QLatin1String(suffix)))
            present << path + QLatin1String(suffix);
    }
    return present;
}

/// Test names of the write paths (the tests that run on both).
inline std::string writePathName(const ::testing::TestParamInfo<LocalStore::WritePath> &info)
{
    return info.param == LocalStore::WritePath::SqliteApi ? "SqliteApi"
        : info.param == LocalStore::WritePath::QtSql       ? "QtSql"
                                                            : "Auto";
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace posdata::test
