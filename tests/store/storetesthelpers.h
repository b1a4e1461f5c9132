// SPDX-License-Identifier: MIT
#pragma once

// Small helpers shared by the store tests: raw sqlite3 access (to look at the file the way another
// program would) and page builders.

#include "store/localstore.h"

#include <QFile>
#include <QString>
#include <gtest/gtest.h>
#include <ostream>
#include <sqlite3.h>

namespace posdata {

/// Keeps gtest's names of parameterized tests readable (no byte dump of the enum).
inline void PrintTo(LocalStore::WritePath path, std::ostream *os)
{
    *os << (path == LocalStore::WritePath::SqliteApi ? "SqliteApi" : path == LocalStore::WritePath::QtSql ? "QtSql" : "Auto");
}

} // namespace posdata

namespace posdata::test {

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
