// SPDX-License-Identifier: MIT
// SupportReport: what `posdata report` hands to support, as one redacted JSON and its text twin.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace posdata {

class LocalStore;
struct SyncConfig;

/// Builds the support report from the store (read only), the configuration and what is known of the
/// device. Every string in it passes redactPersonal() (e-mail addresses, phone numbers) and
/// redactSecret() with `secret` (the device's refresh token); numbers are left as they are. Nothing
/// of a record's fields is in it, only counts, states, errors and sizes.
class SupportReport
{
public:
    struct Inputs
    {
        const SyncConfig *config = nullptr;
        QByteArray configBytes; ///< the configuration file as read: its digest goes in the report
        LocalStore *store = nullptr;
        QString dbPath;
        QString instanceHost; ///< empty when no device file was given
        QString secret; ///< scrubbed from every string
    };

    static QJsonObject build(const Inputs &in);
    /// The same report in words, for a person reading it.
    static QString text(const QJsonObject &report);
};

} // namespace posdata
