// SPDX-License-Identifier: MIT
// StoreFile: the path's kind and the fields of the SQLite header, read with a plain file read.
#include "store/storefile.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

namespace posdata {

namespace {

// https://www.sqlite.org/fileformat.html#the_database_header
constexpr int HeaderSize = 100;
constexpr int WriteVersionAt = 18; // 1 = rollback journal, 2 = WAL (read version at 19 alike)
constexpr int UserVersionAt = 60;
constexpr int ApplicationIdAt = 68;
constexpr int PageSizeAt = 16; // big-endian; 1 means 65536
constexpr int PayloadFractionsAt = 21; // always 64, 32, 32

bool plausibleHeader(const QByteArray &header)
{
    const quint16 pageSize = qFromBigEndian<quint16>(header.constData() + PageSizeAt);
    const bool pageSizeOk = pageSize == 1 || (pageSize >= 512 && pageSize <= 32768 && (pageSize & (pageSize - 1)) == 0);
    return pageSizeOk && header.mid(PayloadFractionsAt, 3) == QByteArray("\x40\x20\x20", 3);
}

} // namespace

StoreFile StoreFile::look(const QString &path)
{
    StoreFile file;
    const QFileInfo info(path);
    if (!info.exists())
        return file;
    if (!info.isFile()) {
        file.presence = Presence::NotAFile;
        return file;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        file.presence = Presence::Unreadable;
        file.error = f.errorString();
        return file;
    }
    const QByteArray header = f.read(HeaderSize);
    if (header.isEmpty() && f.atEnd()) {
        file.presence = Presence::Empty;
        return file;
    }
    if (!header.startsWith(QByteArray("SQLite format 3\0", 16)) || header.size() < HeaderSize
        || !plausibleHeader(header)) {
        file.presence = Presence::NotSqlite;
        return file;
    }
    file.presence = Presence::Sqlite;
    file.walMode = header.at(WriteVersionAt) == 2;
    file.userVersion = qFromBigEndian<quint32>(header.constData() + UserVersionAt);
    file.applicationId = qFromBigEndian<quint32>(header.constData() + ApplicationIdAt);
    return file;
}

bool StoreFile::hasWal(const QString &path)
{
    return QFileInfo::exists(path + QStringLiteral("-wal"));
}

} // namespace posdata
