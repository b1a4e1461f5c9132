// SPDX-License-Identifier: MIT
// WalCheckpointer: the checkpoint thread, its own connection and its low priority.
#include "store/walcheckpointer.h"

#include <QLoggingCategory>
#include <sqlite3.h>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace posdata {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

WalCheckpointer::WalCheckpointer(const QString &path)
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

void WalCheckpointer::poke()
{
    {
        std::lock_guard lock(m_mutex);
        m_poked = true;
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
    // schedules threads one by one, so a thread's own nice value is honoured). Starving is bounded:
    // past the WAL guard size the writer checkpoints itself. 1M sync via nginx, four alternating
    // pairs: 3.76-4.39 s (mean 4.03) against 4.16-4.37 s (mean 4.27) at the default priority.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_poked || m_stop; });
        if (m_stop)
            return;
        m_poked = false;
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
