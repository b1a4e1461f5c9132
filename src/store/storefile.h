// SPDX-License-Identifier: MIT
#pragma once

// StoreFile: what lies at a store's path, read from the file itself before SQLite opens it.

#include <QString>
#include <QtGlobal>

namespace posdata {

/// The facts about a store path that open() decides on before any SQLite connection exists: a
/// connection may write (a journal mode, a -wal and -shm file), a plain read of the file does not.
struct StoreFile
{
    enum class Presence
    {
        Missing,
        NotAFile, ///< a folder, a device, ...
        Unreadable,
        Empty, ///< 0 bytes
        NotSqlite, ///< does not start with SQLite's header string
        Sqlite,
    };

    Presence presence = Presence::Missing;
    QString error; ///< why it is Unreadable
    // From the SQLite header (Presence::Sqlite). The main file's copy: while a -wal file holds
    // newer pages these may be older than what SQLite reads.
    bool walMode = false; ///< file format bytes 18/19 say WAL
    quint32 userVersion = 0; ///< offset 60
    quint32 applicationId = 0; ///< offset 68

    /// Reads the path's kind and header (the first 100 bytes), nothing else.
    static StoreFile look(const QString &path);
    /// `path` + "-wal" exists: a connection has the database open in WAL mode, or one crashed.
    static bool hasWal(const QString &path);
};

} // namespace posdata
