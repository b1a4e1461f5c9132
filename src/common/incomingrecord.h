// SPDX-License-Identifier: MIT
#pragma once

// One downloaded record: what the network layer reads from a query page and the store writes. Both
// include this header; neither includes the other.

#include <QByteArray>
#include <QString>

namespace posdata {

/// One record of a downloaded page (or a tombstone when isDeleted).
struct IncomingRecord
{
    QString id;
    QString systemModstamp;
    bool isDeleted = false;
    QByteArray payload; ///< the record JSON as received, less its "attributes" member (type and URL)
    /// Where `id` and `systemModstamp` sit in `payload` as UTF-8 (-1: not marked, e.g. escaped), so
    /// that the store binds those bytes instead of converting the strings back for every record.
    qint32 idAt = -1, idSize = 0, modstampAt = -1, modstampSize = 0;
};

} // namespace posdata
