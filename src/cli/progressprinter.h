// SPDX-License-Identifier: MIT
// ProgressPrinter: how `posdata sync` shows the engine's snapshots.
#pragma once

#include "sync/syncsnapshot.h"

#include <QHash>
#include <QString>

class QTextStream;

namespace posdata {

/// Shows `posdata sync` progress: one redrawn bar per object on a terminal, plain lines (one per
/// status change or 10% step) when the output is a file or a pipe.
class ProgressPrinter
{
public:
    /// `secret` (the refresh token) is scrubbed from every line: object errors carry server text.
    ProgressPrinter(QTextStream &out, bool terminal, QString secret = {});

    void update(const EngineSnapshot &snapshot);

    /// One line for an object, as the bar or the plain line shows it (without terminal codes).
    static QString line(const SyncObjectSnapshot &object, bool withBar);

private:
    QTextStream &m_out;
    bool m_terminal = false;
    QString m_secret;
    int m_linesDrawn = 0;
    QHash<QString, QString> m_lastPlain; ///< per object: the key of the last plain line printed
};

} // namespace posdata
