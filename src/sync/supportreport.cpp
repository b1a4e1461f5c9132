// SPDX-License-Identifier: MIT
// SupportReport (see supportreport.h): versions, configuration digest, per-object status, counts,
// errors and storage, free space; every string redacted before it leaves.
#include "sync/supportreport.h"

#include "sync/statusreport.h"
#include "common/redact.h"
#include "config/syncconfig.h"
#include "store/localstore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStorageInfo>

namespace posdata {

namespace {

QJsonValue redacted(const QJsonValue &v, const QString &secret)
{
    if (v.isString())
        return redactPersonal(redactSecret(v.toString(), secret));
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(redacted(item, secret));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), redacted(it.value(), secret));
        return out;
    }
    return v;
}

qint64 fileSize(const QString &path)
{
    const QFileInfo f(path);
    return f.exists() ? f.size() : 0;
}

void appendText(QString *out, const QJsonValue &v, const QString &indent)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isObject() || it.value().isArray()) {
                *out += indent + it.key() + QStringLiteral(":\n");
                appendText(out, it.value(), indent + QStringLiteral("  "));
            } else {
                *out += indent + it.key() + QStringLiteral(": ");
                appendText(out, it.value(), QString());
            }
        }
    } else if (v.isArray()) {
        int i = 0;
        for (const QJsonValue &item : v.toArray()) {
            *out += indent + QStringLiteral("- #%1\n").arg(++i);
            appendText(out, item, indent + QStringLiteral("  "));
        }
    } else {
        *out += indent
            + (v.isNull() ? QStringLiteral("-")
                    : v.isBool() ? (v.toBool() ? QStringLiteral("yes") : QStringLiteral("no"))
                    : v.isDouble() ? QString::number(v.toInteger(qint64(v.toDouble())))
                                   : v.toString())
            + u'\n';
    }
}

} // namespace

QJsonObject SupportReport::build(const Inputs &in)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject report;
    report.insert(u"report", QStringLiteral("POS Data Sync support report"));
    report.insert(u"generatedAt", now.toString(Qt::ISODate));
    report.insert(u"versions", QJsonObject{{QStringLiteral("posdata"), QStringLiteral(POSDATA_VERSION)},
                                   {QStringLiteral("qt"), QString::fromLatin1(qVersion())}});
    const QString source = in.config->source.startsWith(u':') ? QStringLiteral("built in")
                                                              : QFileInfo(in.config->source).fileName();
    report.insert(u"configuration",
        QJsonObject{{QStringLiteral("source"), source},
            {QStringLiteral("sha256"),
                QString::fromLatin1(QCryptographicHash::hash(in.configBytes, QCryptographicHash::Sha256).toHex())},
            {QStringLiteral("objects"), in.config->objects.size()}});
    report.insert(u"device", in.instanceHost.isEmpty() ? QJsonValue()
                                                       : QJsonValue(QJsonObject{{QStringLiteral("instanceHost"), in.instanceHost}}));

    // Status, counts and errors as `posdata status --json` says them, with the bytes of each object.
    const StatusView view
        = StatusReport::build(*in.config, in.store->allObjectStates(), in.store->liveState(), now);
    const QJsonObject status = QJsonDocument::fromJson(StatusReport::json(view)).object();
    const QHash<QString, qint64> bytes = in.store->recordBytes();
    QJsonArray objects;
    for (const QJsonValue &v : status.value(u"objects").toArray()) {
        QJsonObject o = v.toObject();
        o.insert(u"recordBytes", bytes.value(o.value(u"name").toString(), 0));
        objects.append(o);
    }
    report.insert(u"engine", status.value(u"engine"));
    report.insert(u"objects", objects);

    const QStorageInfo volume(QFileInfo(in.dbPath).absolutePath());
    report.insert(u"storage",
        QJsonObject{{QStringLiteral("database"), QFileInfo(in.dbPath).fileName()},
            {QStringLiteral("databaseBytes"),
                fileSize(in.dbPath) + fileSize(in.dbPath + QStringLiteral("-wal"))},
            {QStringLiteral("freeBytes"), volume.isValid() ? QJsonValue(volume.bytesAvailable()) : QJsonValue()}});
    // The last sync cycles the engine kept in this store (newest first).
    QJsonArray cycles;
    for (const SyncCycle &c : in.store->syncCycles())
        cycles.append(QJsonObject{{QStringLiteral("when"), c.startedAt.toUTC().toString(Qt::ISODateWithMs)},
                                  {QStringLiteral("what"), c.what},
                                  {QStringLiteral("apiCalls"), c.apiCalls},
                                  {QStringLiteral("durationMs"), c.durationMs}});
    report.insert(u"syncCycles", cycles);
    return redacted(report, in.secret).toObject();
}

QString SupportReport::fileName(const QDateTime &now)
{
    return QStringLiteral("posdata-report-%1.json").arg(now.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

bool SupportReport::save(const QJsonObject &report, const QString &jsonPath, const QString &secret, QString *textPath,
                         QString *error)
{
    const QFileInfo out(jsonPath);
    *textPath = out.path() + u'/' + out.completeBaseName() + QStringLiteral(".txt");
    if (*textPath == out.filePath()) {
        *error = QStringLiteral("%1: give a file name that does not end in .txt (the text twin gets .txt)").arg(jsonPath);
        return false;
    }
    const QByteArray json = redactSecret(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)), secret).toUtf8();
    const QByteArray words = redactSecret(text(report), secret).toUtf8();
    for (const auto &[path, bytes] : {std::pair{jsonPath, json}, std::pair{*textPath, words}}) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
            *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
            return false;
        }
    }
    return true;
}

QString SupportReport::text(const QJsonObject &report)
{
    QString out;
    appendText(&out, report, QString());
    return out;
}

} // namespace posdata
