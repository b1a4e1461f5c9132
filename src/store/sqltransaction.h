// SPDX-License-Identifier: MIT
#pragma once

// SqlTransaction: the store's RAII write transaction.

#include <QSqlDatabase>
#include <QSqlError>

namespace posdata {

/// RAII write transaction (BEGIN IMMEDIATE) that rolls back unless commit() succeeded.
///
/// IMMEDIATE takes the write lock up front, so a second process (the posdata CLI) waits on the
/// busy timeout instead of failing a deferred read->write lock upgrade with SQLITE_BUSY.
/// EXCLUSIVE (creation and migration) also keeps readers of a rollback-journal file out until the
/// commit: they wait, then see the whole schema or none of it.
class SqlTransaction
{
public:
    enum class Lock
    {
        Immediate,
        Exclusive
    };
    explicit SqlTransaction(QSqlDatabase db, Lock lock = Lock::Immediate);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    bool isActive() const { return m_active; }
    /// Error of BEGIN or of the failed commit().
    QSqlError lastError() const { return m_error; }
    bool commit();
    void rollback();

private:
    QSqlDatabase m_db;
    QSqlError m_error;
    bool m_active = false;
};

} // namespace posdata
