// SPDX-License-Identifier: MIT
#include "cli/statusreport.h"

#include "sync/syncwords.h"

#include "config/syncconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace posdata {

namespace {

std::optional<qint64> known(qint64 v)
{
    return v < 0 ? std::nullopt : std::optional<qint64>(v);
}

StatusRow rowFor(const QString &name, bool scoped, const ObjectState &st)
{
    StatusRow r;
    r.name = name;
    r.scoped = scoped;
    r.paused = st.paused;
    r.local = st.localCount;
    r.server = known(st.serverCount);
    r.serverAll = scoped ? known(st.serverAllCount) : r.server;
    r.unsaved = st.unsavedCount;
    r.lastSynced = st.lastSyncedAt;
    r.lastErrorCode = st.lastErrorCode;
    r.lastErrorMessage = st.lastErrorMessage;
    r.lastErrorAt = st.lastErrorAt;
    StatusInputs in;
    in.paused = st.paused;
    // Without an engine running nothing is wanted and nothing will find the counts out: a pending
    // resync, a failed attempt or counts never read are as far as the file goes.
    in.stopped = !st.lastErrorCode.isEmpty() || st.pending != PendingOp::None || !r.server
        || (scoped && !r.serverAll);
    in.scoped = scoped;
    in.local = st.localCount;
    in.server = r.server;
    in.serverAll = r.serverAll;
    r.status = computeStatus(in);
    return r;
}

QString count(std::optional<qint64> v)
{
    return v ? QLocale::c().toString(*v) : QStringLiteral("-");
}

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'")) : QStringLiteral("never");
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

// Server text is kept to one printable line so that the table stays a table and the terminal
// stays ours.
QString oneLine(const QString &s)
{
    return syncwords::printable(s);
}

} // namespace

QList<StatusRow> StatusReport::build(const SyncConfig &config, const QList<ObjectState> &states)
{
    QList<StatusRow> rows;
    for (const SyncObjectConfig &object : config.objects) {
        ObjectState st;
        for (const ObjectState &s : states) {
            if (s.object.compare(object.name, Qt::CaseInsensitive) == 0) {
                st = s;
                break;
            }
        }
        rows << rowFor(object.name, object.scoped(), st);
    }
    for (const ObjectState &s : states) {
        if (!config.find(s.object))
            rows << rowFor(s.object, false, s);
    }
    return rows;
}

QString StatusReport::text(const QList<StatusRow> &rows)
{
    const QStringList header{QStringLiteral("OBJECT"), QStringLiteral("STATUS"), QStringLiteral("LOCAL"),
                             QStringLiteral("SERVER"), QStringLiteral("SERVER (ALL)"), QStringLiteral("UNSAVED"),
                             QStringLiteral("LAST SYNCED"), QStringLiteral("LAST ERROR")};
    QList<QStringList> table{header};
    for (const StatusRow &r : rows) {
        QString error;
        if (!r.lastErrorCode.isEmpty())
            error = QStringLiteral("%1: %2").arg(oneLine(r.lastErrorCode), oneLine(r.lastErrorMessage));
        table << QStringList{r.name,
                             statusWords(r.status),
                             count(r.local),
                             count(r.server),
                             r.scoped ? count(r.serverAll) : QStringLiteral("-"),
                             count(r.unsaved),
                             when(r.lastSynced),
                             error.isEmpty() ? QStringLiteral("-") : error};
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : table) {
        for (qsizetype c = 0; c < line.size(); ++c)
            widths[c] = std::max(widths[c], line[c].size());
    }
    QString out;
    for (const QStringList &line : table) {
        QString l;
        for (qsizetype c = 0; c < line.size(); ++c) {
            const bool numeric = c >= 2 && c <= 5;
            const QString cell = numeric ? line[c].rightJustified(widths[c]) : line[c].leftJustified(widths[c]);
            l += (c ? QStringLiteral("  ") : QString()) + cell;
        }
        out += l.trimmed() + u'\n';
    }
    return out;
}

QByteArray StatusReport::json(const QList<StatusRow> &rows)
{
    QJsonArray array;
    for (const StatusRow &r : rows) {
        QJsonObject o;
        o.insert(u"name", r.name);
        o.insert(u"status", statusWords(r.status));
        o.insert(u"local", r.local);
        o.insert(u"server", r.server ? QJsonValue(*r.server) : QJsonValue());
        o.insert(u"serverAll", r.serverAll ? QJsonValue(*r.serverAll) : QJsonValue());
        o.insert(u"unsaved", r.unsaved);
        o.insert(u"lastSynced", r.lastSynced.isValid() ? QJsonValue(iso(r.lastSynced)) : QJsonValue());
        if (r.lastErrorCode.isEmpty()) {
            o.insert(u"lastError", QJsonValue());
        } else {
            o.insert(u"lastError", QJsonObject{{QStringLiteral("code"), r.lastErrorCode},
                                               {QStringLiteral("message"), r.lastErrorMessage},
                                               {QStringLiteral("time"), r.lastErrorAt.isValid()
                                                                            ? QJsonValue(iso(r.lastErrorAt))
                                                                            : QJsonValue()}});
        }
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace posdata
