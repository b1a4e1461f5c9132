// SPDX-License-Identifier: MIT
#pragma once

// WalCheckpointer: WAL checkpoints on a thread of their own during downloads.

#include <QString>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace posdata {

/// Copies a WAL database's committed pages back into the main file on its own thread, with its own
/// connection, so that the writer does not pay for checkpoints: during a million-record download
/// that is about half the store's disk writes, its WAL reads and the fsyncs. The writer pokes it
/// after each commit; each poke runs one PASSIVE checkpoint (never blocks the writer or readers).
/// SQLite's checkpoints are crash-safe, so a kill at any instant loses nothing.
class WalCheckpointer
{
public:
    /// Opens its connection to `path` (an existing WAL-mode database). ok() tells whether it did.
    explicit WalCheckpointer(const QString &path);
    /// Stops the thread after a last checkpoint and closes the connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    bool ok() const { return m_db != nullptr; }
    /// Asks for a checkpoint soon; cheap, callable from the writer's thread.
    void poke();
    /// Checkpoints run so far (for tests and diagnostics).
    int checkpoints() const;

private:
    void run();

    sqlite3 *m_db = nullptr;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_poked = false;
    bool m_stop = false;
    int m_checkpoints = 0;
};

} // namespace posdata
