// SPDX-License-Identifier: MIT
// The bundled sync-objects.json against the emulator's demo org: every query the engine will build
// from it compiles against the emulator's schema (objects and fields exist, literals fit the types).
#include "config/soqlbuilder.h"
#include "config/syncconfig.h"

#include "emulator/objectcatalog.h"
#include "soql/compiler.h"
#include "soql/ids.h"
#include "soql/parser.h"

#include <gtest/gtest.h>

using namespace posdata;

TEST(BundledConfigVsEmulator, EveryBuiltQueryCompilesAgainstTheDemoOrg)
{
    const auto config = loadBundledSyncConfig();
    ASSERT_TRUE(config.has_value());
    const emu::ObjectCatalog catalog;
    const QHash<QString, QString> bindings{
        {QStringLiteral("outletId"), QString::fromStdString(soql::makeId("a00", 1))},
        {QStringLiteral("shiftId"), QString::fromStdString(soql::makeId("a01", 1))}};
    const QDateTime checkpoint(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    for (const SyncObjectConfig &object : config->objects) {
        SCOPED_TRACE(object.name.toStdString());
        const emu::ObjectDef *def = catalog.find(object.name.toStdString());
        ASSERT_NE(def, nullptr);
        const auto builder = SoqlBuilder::create(object, bindings);
        ASSERT_TRUE(builder.has_value());
        const std::pair<QString, bool> queries[] = {
            {builder->countInScope(), false},
            {builder->countAll(), false},
            {builder->delta(QDateTime()), false},
            {builder->delta(checkpoint, true, 2000), true},
            {builder->deltaAfter(checkpoint, QString::fromStdString(soql::makeId(def->keyPrefix, 7)), true, 2000), true},
            {builder->idsInScope(), false},
        };
        for (const auto &[text, all] : queries) {
            const auto parsed = soql::parse(text.toStdString());
            ASSERT_TRUE(parsed.ok()) << text.toStdString() << ": " << parsed.error().message;
            const auto compiled = soql::compile(parsed.value(), def->schema, all);
            EXPECT_TRUE(compiled.ok()) << text.toStdString() << ": "
                                       << (compiled.ok() ? std::string() : compiled.error().message);
        }
    }
}
