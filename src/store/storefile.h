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
    /// Creates `path` as an empty file that only its owner may read and write (0600, whatever the
    /// umask): the store holds names, emails and phones. SQLite gives the -wal and -shm files it
    /// makes the database file's mode. An existing file is left as it is. False and *error if the
    /// file could not be made.
    static bool createPrivate(const QString &path, QString *error);
    /// Empty when this user can write the store: the file (if it exists), its -wal and -shm (if they
    /// exist), and the folder where a file is still to be made. Else why not, in words.
    static QString whyNotWritable(const QString &path);
    /// This user can make files in the folder of `path` (a reader of a WAL store needs a -shm).
    static bool folderWritable(const QString &path);
    /// Takes group and other access away from `path` and its -wal and -shm files where this user
    /// owns them (stores made before they were created private).
    static void makePrivate(const QString &path);
};

} // namespace posdata
