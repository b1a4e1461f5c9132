// SPDX-License-Identifier: MIT
#pragma once

// WalCheckpointer: WAL checkpoints on a thread of their own, in the writer's pauses.

#include <QString>
#include <QtGlobal>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace posdata {

/// Copies a WAL database's committed pages back into the main file on its own thread, with its own
/// connection, so that the writer does not pay for checkpoints: during a million-record download
/// that is about half the store's disk writes, its WAL reads and the disk syncs.
///
/// The copy waits for the writer to pause. While commits come back to back (a download whose pages
/// arrive faster than it writes them: loopback, a server in the back office, a store's link at ten
/// ranges) a copy beside them takes cores and disk from the download and cannot catch up anyway (it
/// syncs the disk for each pass; the WAL grew to 160-730 MB beside a 640 MB database with a copy
/// after every commit). So it starts once the writer was quiet for Policy::quiet and the WAL holds
/// Policy::minBytes (an idle engine's small writes do not sync the disk each time), or when the WAL
/// holds Policy::deferBytes. Past twice that the writer copies by itself (the background thread is
/// starved or stuck). SQLite's checkpoints are crash-safe, so a kill at any instant loses nothing;
/// what the WAL holds uncopied is synced to the disk by the next copy (writes made on the device
/// sync at their own commit: LocalStore::Private::writeObjectDurably()).
class WalCheckpointer
{
public:
    struct Policy
    {
        /// The writer's pause that starts a copy ...
        std::chrono::milliseconds quiet;
        /// ... of a WAL that holds at least this much (less waits for more).
        qint64 minBytes;
        /// The WAL that starts a copy without a pause.
        qint64 deferBytes;
    };

    /// Opens its connection to `path` (an existing WAL-mode database). ok() tells whether it did.
    WalCheckpointer(const QString &path, Policy policy);
    /// Stops the thread after a last checkpoint and closes the connection. detach() first.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    bool ok() const { return m_db != nullptr; }
    /// Hears of every commit of `writer` (its WAL hook, which replaces SQLite's autocheckpoint).
    void attach(sqlite3 *writer);
    /// Gives `writer` back its own checkpoints (every 1000 pages, SQLite's default).
    void detach(sqlite3 *writer);
    /// A commit of the writer left `walFrames` frames in the WAL (attach() calls it; tests may).
    void noteCommit(int walFrames);
    /// Checkpoints run so far (for tests and diagnostics).
    int checkpoints() const;

private:
    static int walHook(void *self, sqlite3 *writer, const char *schema, int walFrames);
    void run();
    qint64 walBytes() const { return qint64(m_walFrames) * m_pageSize; }

    sqlite3 *m_db = nullptr;
    Policy m_policy;
    qint64 m_pageSize = 4096;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_pending = false; ///< a commit since the last copy began
    std::chrono::steady_clock::time_point m_lastCommit;
    int m_walFrames = 0;
    bool m_stop = false;
    int m_checkpoints = 0;
};

} // namespace posdata
