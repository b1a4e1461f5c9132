// SPDX-License-Identifier: MIT
#pragma once

// sameSqliteLibrary(): whether the Qt SQLite driver runs on this process's libsqlite3.

#include <QString>
#include <functional>
#include <optional>

namespace posdata {

/// Runs one SQL statement on the connection being checked and returns the first column of its
/// first row as text; nullopt when it fails.
using SqlScalar = std::function<std::optional<QString>(const QString &sql)>;

/// True when the connection behind `query` runs on the very SQLite this program links (the
/// sqlite3_* functions it calls): the same source id, and a process-wide setting made through this
/// library shows through the connection. Only then may the connection's sqlite3* handle be passed
/// to this library, and may this library open another connection to the same file in the process
/// (two copies of SQLite in one process break each other's POSIX locks). Debian's Qt links the
/// system libsqlite3; Qt's own builds bundle a copy. False with *why in words otherwise.
bool sameSqliteLibrary(const SqlScalar &query, QString *why);

} // namespace posdata
