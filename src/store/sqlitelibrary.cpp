// SPDX-License-Identifier: MIT
// sameSqliteLibrary(): the source-id comparison and the process-wide-setting probe.
#include "store/sqlitelibrary.h"

#include <mutex>
#include <sqlite3.h>

namespace posdata {

namespace {

// A soft heap limit no store ever reaches (about 127 TiB): set for an instant as a marker, it makes
// SQLite release no memory.
constexpr sqlite3_int64 ProbeLimit = 0x7E57LL << 32;

} // namespace

bool sameSqliteLibrary(const SqlScalar &query, QString *why)
{
    const QString ours = QString::fromLatin1(sqlite3_sourceid());
    const std::optional<QString> theirs = query(QStringLiteral("SELECT sqlite_source_id()"));
    if (!theirs) {
        *why = QStringLiteral("the Qt SQLite driver did not say which SQLite it runs");
        return false;
    }
    if (*theirs != ours) {
        *why = QStringLiteral("the Qt SQLite driver runs SQLite %1, this program links %2").arg(*theirs, ours);
        return false;
    }
    // The same release may still be a second copy of it (Qt's bundled SQLite). The soft heap limit
    // is one per copy and PRAGMA soft_heap_limit reports it: a value set here must show there.
    static std::mutex probing; // two stores opened at once in one process must not mix their probes
    const std::lock_guard lock(probing);
    const sqlite3_int64 before = sqlite3_soft_heap_limit64(-1);
    const sqlite3_int64 probe = before == ProbeLimit ? ProbeLimit + 1 : ProbeLimit;
    sqlite3_soft_heap_limit64(probe);
    const std::optional<QString> seen = query(QStringLiteral("PRAGMA soft_heap_limit"));
    sqlite3_soft_heap_limit64(before);
    if (!seen || seen->toLongLong() != probe) {
        *why = QStringLiteral("the Qt SQLite driver runs its own copy of SQLite %1").arg(ours);
        return false;
    }
    return true;
}

} // namespace posdata
