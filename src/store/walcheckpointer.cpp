// SPDX-License-Identifier: MIT
// WalCheckpointer: the checkpoint thread, its own connection and its low priority.
#include "store/walcheckpointer.h"

#include <QLoggingCategory>
#include <algorithm>
#include <sqlite3.h>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace posdata {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

WalCheckpointer::WalCheckpointer(const QString &path, Policy policy)
    : m_policy(policy)
{
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        qCWarning(lcStore) << "background checkpoints off: cannot open" << path << ":"
                           << sqlite3_errmsg(m_db);
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    // Same durability as the writer: the WAL is synced before the copy, the file after it.
    sqlite3_exec(m_db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
    // A checkpoint copies frames through one page buffer: no page cache worth the memory.
    sqlite3_exec(m_db, "PRAGMA cache_size = -256", nullptr, nullptr, nullptr);
    sqlite3_stmt *q = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA page_size", -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        m_pageSize = std::max<qint64>(512, sqlite3_column_int64(q, 0));
    sqlite3_finalize(q);
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    if (m_db) {
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        sqlite3_close(m_db);
    }
}

void WalCheckpointer::attach(sqlite3 *writer)
{
    sqlite3_wal_hook(writer, &WalCheckpointer::walHook, this);
}

void WalCheckpointer::detach(sqlite3 *writer)
{
    sqlite3_wal_autocheckpoint(writer, 1000); // replaces the hook with SQLite's own
}

int WalCheckpointer::walHook(void *self, sqlite3 *writer, const char *, int walFrames)
{
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    checkpointer->noteCommit(walFrames);
    // The background thread is starved or stuck: the writer copies by itself, as SQLite's own
    // autocheckpoint would (PASSIVE: it yields to a copy already running).
    if (qint64(walFrames) * checkpointer->m_pageSize >= 2 * checkpointer->m_policy.deferBytes)
        sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void WalCheckpointer::noteCommit(int walFrames)
{
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
        m_lastCommit = std::chrono::steady_clock::now();
        m_walFrames = walFrames;
    }
    m_wake.notify_one();
}

int WalCheckpointer::checkpoints() const
{
    std::lock_guard lock(m_mutex);
    return m_checkpoints;
}

void WalCheckpointer::run()
{
#ifdef Q_OS_LINUX
    // Background work: the writer and the parser first, checkpoints on what CPU is left (Linux
    // schedules threads one by one, so a thread's own nice value is honoured). 1M sync via nginx,
    // four alternating pairs: 3.76-4.39 s (mean 4.03) against 4.16-4.37 s (mean 4.27) at the
    // default priority.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_pending || m_stop; });
        // The writer's pause: no commit for `quiet` (each commit starts the wait again), unless the
        // WAL holds the budget already.
        while (!m_stop && walBytes() < m_policy.deferBytes) {
            const auto last = m_lastCommit;
            if (!m_wake.wait_until(lock, last + m_policy.quiet, [&] { return m_stop || m_lastCommit != last; }))
                break;
        }
        if (m_stop)
            return;
        m_pending = false;
        if (walBytes() < m_policy.minBytes)
            continue; // a pause, but too little to copy yet: the next commits bring more
        lock.unlock();
        int logFrames = 0;
        int copied = 0;
        const int rc
            = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcStore) << "background checkpoint failed:" << sqlite3_errmsg(m_db);
        lock.lock();
        ++m_checkpoints;
    }
}

} // namespace posdata
