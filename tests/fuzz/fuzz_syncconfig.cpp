// SPDX-License-Identifier: MIT
// libFuzzer target: parseSyncConfig (what loadSyncConfig runs on a file's bytes). A refused file has
// one message starting with the file name. An accepted file must be usable as promised: for every
// object, SoqlBuilder binds its scope from a device context, and every query built from it parses
// as SOQL (the count, delta, keyset-restart and Id queries), with the same bind variables found by
// the config's checker (soql::bindVariables) and by the binder's own scanner (ScopeBinder).
#include "config/soqlbuilder.h"
#include "config/syncconfig.h"

#include "soql/soql.h"

#include <QDateTime>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const std::string &what, const QByteArray &json)
{
    std::fprintf(stderr, "%s\nfile: %.*s\n", what.c_str(), int(json.size()), json.constData());
    std::abort();
}

void mustParse(const QString &query, const QByteArray &json)
{
    const auto parsed = soql::parse(query.toStdString());
    if (!parsed.ok())
        fail("a built query does not parse: " + query.toStdString() + " -> " + parsed.error().message, json);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString source = QStringLiteral("fuzz.json");
    QString error;
    const auto config = posdata::parseSyncConfig(json, source, &error);
    if (!config) {
        if (!error.startsWith(source + QStringLiteral(": ")) || error.size() <= source.size() + 2)
            fail("refused without a message naming the file: " + error.toStdString(), json);
        return 0;
    }
    if (!error.isEmpty())
        fail("accepted with an error message", json);
    const QHash<QString, QString> bindings{{QStringLiteral("outletId"), QStringLiteral("a01000000000001AAA")},
                                           {QStringLiteral("shiftId"), QStringLiteral("it's a \\ :shiftId")}};
    const QDateTime ts(QDate(2024, 5, 1), QTime(12, 34, 56, 789), Qt::UTC);
    for (qsizetype i = 0; i < config->objects.size(); ++i) {
        const posdata::SyncObjectConfig &o = config->objects.at(i);
        if (i > 0 && config->objects.at(i - 1).priority > o.priority)
            fail("objects not in priority order", json);
        if (config->find(o.name) != &o)
            fail("find() does not find " + o.name.toStdString(), json);
        QStringList checked;
        if (o.scoped()) {
            const auto cond = soql::parseCondition(o.scope.toStdString(), true);
            if (!cond.ok())
                fail("an accepted scope does not parse", json);
            for (const std::string &name : soql::bindVariables(*cond.value()))
                checked << QString::fromStdString(name);
        }
        if (checked != o.bindVariables())
            fail("the checker and the binder see different bind variables in: " + o.scope.toStdString(), json);
        const auto builder = posdata::SoqlBuilder::create(o, bindings, &error);
        if (!builder)
            fail("an accepted object has no queries: " + error.toStdString(), json);
        mustParse(builder->countInScope(), json);
        mustParse(builder->countAll(), json);
        mustParse(builder->delta(QDateTime()), json);
        mustParse(builder->delta(ts, true, 2000), json);
        mustParse(builder->deltaAfter(ts, QStringLiteral("a0X000000000123AAA"), true, 200), json);
        mustParse(builder->idsInScope(), json);
    }
    return 0;
}
