// SPDX-License-Identifier: MIT
// SupportReport: what `posdata report` and the screen's "Share report" hand to support, as one
// redacted JSON and its text twin. In the sync layer: the CLI builds it from a store it opens, the
// engine's worker from its own (the screen never touches the store).
#pragma once

#include <QByteArray>
#include <QDateTime>
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
    /// "posdata-report-20261204-142500.json": a name per moment, so that reports never overwrite.
    static QString fileName(const QDateTime &now);
    /// Writes the report to `jsonPath` and its text twin beside it (`.txt` for its extension), each
    /// whole or not at all, `secret` scrubbed once more from both. Sets *textPath; false with *error
    /// in words when a file cannot be written (or `jsonPath` itself ends in .txt).
    static bool save(const QJsonObject &report, const QString &jsonPath, const QString &secret, QString *textPath,
                     QString *error);
};

} // namespace posdata
