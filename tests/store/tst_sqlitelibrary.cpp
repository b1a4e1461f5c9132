// SPDX-License-Identifier: MIT
// sameSqliteLibrary(): the Qt driver's connection on this system, a second copy of the very same
// libsqlite3 loaded into a namespace of its own (dlmopen: same source id, its own state), another
// release, a connection that cannot answer.

#include "store/sqlitelibrary.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace posdata;

namespace {

/// SQL on an in-memory database of some copy of SQLite, through its C API.
struct CApi
{
    decltype(&sqlite3_open) open = nullptr;
    decltype(&sqlite3_prepare_v2) prepare = nullptr;
    decltype(&sqlite3_step) step = nullptr;
    decltype(&sqlite3_column_text) text = nullptr;
    decltype(&sqlite3_finalize) finalize = nullptr;
    decltype(&sqlite3_close) close = nullptr;
    sqlite3 *db = nullptr;

    bool start() { return open && open(":memory:", &db) == SQLITE_OK; }
    ~CApi()
    {
        if (db)
            close(db);
    }
    SqlScalar scalar()
    {
        return [this](const QString &sql) -> std::optional<QString> {
            sqlite3_stmt *st = nullptr;
            std::optional<QString> out;
            if (prepare(db, sql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK && step(st) == SQLITE_ROW)
                out = QString::fromUtf8(reinterpret_cast<const char *>(text(st, 0)));
            finalize(st);
            return out;
        };
    }
};

TEST(SqliteLibrary, ThisProgramsOwnLibraryIsTheSame)
{
    CApi own { &sqlite3_open, &sqlite3_prepare_v2, &sqlite3_step, &sqlite3_column_text, &sqlite3_finalize, &sqlite3_close };
    ASSERT_TRUE(own.start());
    QString why;
    EXPECT_TRUE(sameSqliteLibrary(own.scalar(), &why)) << why.toStdString();
}

TEST(SqliteLibrary, TheQtDriverOnThisSystemRunsThisLibrary)
{
    // Debian's QSQLITE links the system libsqlite3 (a Qt with its bundled SQLite says false here,
    // and the store then writes through QSqlQuery).
    QTemporaryDir dir;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(dir.filePath(QStringLiteral("x.db")));
        ASSERT_TRUE(db.open());
        QString why;
        EXPECT_TRUE(sameSqliteLibrary(
            [&](const QString &sql) -> std::optional<QString> {
                QSqlQuery q(db);
                if (!q.exec(sql) || !q.next())
                    return std::nullopt;
                return q.value(0).toString();
            },
            &why))
            << why.toStdString();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

TEST(SqliteLibrary, ASecondCopyOfTheSameReleaseIsNotTheSame)
{
    // The very same libsqlite3.so, loaded again into a link namespace of its own: what a Qt build
    // with its bundled SQLite of the same release looks like from here.
    void *copy = dlmopen(LM_ID_NEWLM, "libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!copy)
        GTEST_SKIP() << "dlmopen: " << dlerror();
    CApi other;
    other.open = reinterpret_cast<decltype(&sqlite3_open)>(dlsym(copy, "sqlite3_open"));
    other.prepare = reinterpret_cast<decltype(&sqlite3_prepare_v2)>(dlsym(copy, "sqlite3_prepare_v2"));
    other.step = reinterpret_cast<decltype(&sqlite3_step)>(dlsym(copy, "sqlite3_step"));
    other.text = reinterpret_cast<decltype(&sqlite3_column_text)>(dlsym(copy, "sqlite3_column_text"));
    other.finalize = reinterpret_cast<decltype(&sqlite3_finalize)>(dlsym(copy, "sqlite3_finalize"));
    other.close = reinterpret_cast<decltype(&sqlite3_close)>(dlsym(copy, "sqlite3_close"));
    ASSERT_NE(reinterpret_cast<void *>(other.open), reinterpret_cast<void *>(&sqlite3_open));
    ASSERT_TRUE(other.start());
    ASSERT_EQ(other.scalar()(QStringLiteral("SELECT sqlite_source_id()")), QString::fromLatin1(sqlite3_sourceid()));

    const sqlite3_int64 limitBefore = sqlite3_soft_heap_limit64(-1);
    QString why;
    EXPECT_FALSE(sameSqliteLibrary(other.scalar(), &why));
    EXPECT_TRUE(why.contains(QStringLiteral("its own copy"))) << why.toStdString();
    EXPECT_EQ(sqlite3_soft_heap_limit64(-1), limitBefore); // the probe leaves the setting as it was
}

TEST(SqliteLibrary, AnotherReleaseOrNoAnswerIsNotTheSame)
{
    QString why;
    EXPECT_FALSE(sameSqliteLibrary([](const QString &) { return std::optional<QString>(QStringLiteral("2020-01-01 other")); }, &why));
    EXPECT_TRUE(why.contains(QStringLiteral("2020-01-01 other"))) << why.toStdString();
    EXPECT_FALSE(sameSqliteLibrary([](const QString &) { return std::optional<QString>(); }, &why));
    EXPECT_FALSE(why.isEmpty());
}

} // namespace
