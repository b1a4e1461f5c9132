// SPDX-License-Identifier: MIT
// StoreFile: the path's kind and the fields of the SQLite header, read with a plain file read.
#include "store/storefile.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

bool StoreFile::createPrivate(const QString &path, QString *error)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (errno == EEXIST) // made by another program a moment ago: open() looks at it next
            return true;
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    // The umask may have taken bits away from 0600 (it cannot add any): set it exactly.
    const bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    if (!ok)
        *error = QString::fromLocal8Bit(std::strerror(errno));
    ::close(fd);
    return ok;
}

bool StoreFile::folderWritable(const QString &path)
{
    return ::access(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), W_OK | X_OK) == 0;
}

QString StoreFile::whyNotWritable(const QString &path)
{
    // access() asks with the real user's rights, which are this program's (no setuid here). A file
    // that is not there (yet, or any more: another program closing the store removes its -wal
    // between two looks) is one to make, never a read-only one.
    bool toMake = false;
    for (const QString &file : { path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm") }) {
        if (::access(QFile::encodeName(file).constData(), W_OK) == 0)
            continue;
        if (errno == ENOENT)
            toMake = true;
        else
            return QStringLiteral("%1 is read-only for this user").arg(file);
    }
    if (toMake && !folderWritable(path))
        return QStringLiteral("the folder %1 is read-only for this user (the store makes its files next to %2 there)")
            .arg(QFileInfo(path).absolutePath(), QFileInfo(path).fileName());
    return {};
}

void StoreFile::makePrivate(const QString &path)
{
    for (const QString &file : { path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm") }) {
        const QByteArray name = QFile::encodeName(file);
        struct stat st;
        if (::stat(name.constData(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid()
            && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
            ::chmod(name.constData(), st.st_mode & S_IRWXU);
    }
}

} // namespace posdata
