// SPDX-License-Identifier: MIT
// ProgressPrinter: `posdata sync` progress as redrawn bars on a terminal or plain lines in a pipe.
#include "cli/progressprinter.h"

#include "common/redact.h"
#include "sync/syncwords.h"

#include <QLocale>
#include <QTextStream>

namespace posdata {

namespace {

constexpr int kBarWidth = 24;

int percent(const SyncObjectSnapshot &o)
{
    if (o.progressTotal <= 0)
        return -1;
    return int(std::clamp<qint64>(o.progressDone * 100 / o.progressTotal, 0, 100));
}

} // namespace

ProgressPrinter::ProgressPrinter(QTextStream &out, bool terminal, QString secret)
    : m_out(out), m_terminal(terminal), m_secret(std::move(secret))
{
}

QString ProgressPrinter::line(const SyncObjectSnapshot &o, bool withBar)
{
    const QLocale c = QLocale::c();
    QString text = o.name + QStringLiteral(": ") + statusWords(o.status);
    const int pct = percent(o);
    if (o.syncing && pct >= 0) {
        if (withBar) {
            const int filled = pct * kBarWidth / 100;
            text += QStringLiteral(" [%1%2]").arg(QString(filled, u'#'), QString(kBarWidth - filled, u'.'));
        }
        text += QStringLiteral(" %1% %2/%3").arg(pct).arg(c.toString(o.progressDone), c.toString(o.progressTotal));
        if (o.secondsLeft >= 0)
            text += QStringLiteral(" (%1 s left)").arg(o.secondsLeft);
    } else {
        text += QStringLiteral(" %1 local").arg(c.toString(o.local));
        if (o.server >= 0)
            text += QStringLiteral(" of %1").arg(c.toString(o.server));
    }
    if (o.lastAttemptFailed && !o.errors.isEmpty())
        text += QStringLiteral(" - error %1: %2")
                    .arg(syncwords::printable(o.errors.last().code), syncwords::printable(o.errors.last().message));
    return text;
}

void ProgressPrinter::update(const EngineSnapshot &snapshot)
{
    if (m_terminal) {
        // Redraw the block in place: cursor up over the previous block, clear and rewrite each line.
        QString block;
        if (m_linesDrawn > 0)
            block += QStringLiteral("\x1b[%1A").arg(m_linesDrawn);
        for (const SyncObjectSnapshot &o : snapshot.objects)
            block += QStringLiteral("\r\x1b[2K") + line(o, true) + u'\n';
        m_out << redactSecret(block, m_secret);
        m_out.flush();
        m_linesDrawn = int(snapshot.objects.size());
        return;
    }
    for (const SyncObjectSnapshot &o : snapshot.objects) {
        const int pct = percent(o);
        const QString key = QStringLiteral("%1|%2|%3|%4")
                                .arg(statusWords(o.status))
                                .arg(o.syncing && pct >= 0 ? pct / 10 : -1)
                                .arg(o.lastAttemptFailed && !o.errors.isEmpty() ? o.errors.last().code : QString())
                                .arg(o.syncing ? 0 : o.local);
        if (m_lastPlain.value(o.name) == key)
            continue;
        m_lastPlain.insert(o.name, key);
        m_out << redactSecret(line(o, false), m_secret) << '\n';
    }
    m_out.flush();
}

} // namespace posdata
