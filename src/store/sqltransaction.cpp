// SPDX-License-Identifier: MIT
// SqlTransaction: BEGIN IMMEDIATE, COMMIT, and the rollback unless committed.
#include "store/sqltransaction.h"

#include <QSqlQuery>

namespace posdata {

SqlTransaction::SqlTransaction(QSqlDatabase db, Lock lock)
    : m_db(std::move(db))
{
    QSqlQuery q(m_db);
    m_active = q.exec(lock == Lock::Exclusive ? QStringLiteral("BEGIN EXCLUSIVE") : QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_active)
        m_error = q.lastError();
}

SqlTransaction::~SqlTransaction()
{
    if (m_active)
        rollback();
}

bool SqlTransaction::commit()
{
    if (!m_active)
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        m_error = q.lastError();
        // A failed COMMIT (SQLITE_FULL, SQLITE_BUSY) can leave the transaction open: end it here so
        // the connection stays usable and nothing half-done survives.
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlQuery q(m_db);
    // SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR): the error
    // "no transaction is active" is then expected and harmless.
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace posdata
