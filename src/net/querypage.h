// SPDX-License-Identifier: MIT
// QueryPage: one parsed /query or /queryAll page, ready for the store.
#pragma once

#include "common/incomingrecord.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <optional>

namespace posdata {

/// One parsed page of a /query or /queryAll response: the records ready for LocalStore::applyPage().
struct QueryPage
{
    qint64 totalSize = -1; ///< rows the whole query matches (not this page)
    bool done = true;
    QString nextRecordsUrl; ///< empty when there is no next page
    QVector<IncomingRecord> records;
    qint64 skippedWithoutId = 0; ///< records without a usable Id (or not an object): skipped

    bool hasNext() const { return !nextRecordsUrl.isEmpty(); }

    /// Parses a query response with a validating single-pass scanner: it checks the whole JSON
    /// grammar, reads only Id, SystemModstamp and IsDeleted of each record and keeps the record's
    /// raw JSON slice as its payload (unknown fields included), which is several times faster than
    /// building a DOM. Thread-safe (pure). A malformed or truncated body gives nullopt and *error.
    static std::optional<QueryPage> parse(const QByteArray &body, QString *error = nullptr);
};

} // namespace posdata
