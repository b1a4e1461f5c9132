// SPDX-License-Identifier: MIT
// Command-line parsing: what is accepted, and that every bad form is refused with a clear sentence.
#include "cli/clioptions.h"

#include <gtest/gtest.h>

using namespace posdata;
using Command = CliOptions::Command;

namespace {

QString refusal(const QStringList &args)
{
    QString error;
    EXPECT_FALSE(CliOptions::parse(args, &error).has_value()) << args.join(u' ').toStdString();
    return error;
}

/// What `args` parse to; they must be accepted (a default CliOptions and a failure otherwise).
CliOptions accepted(const QStringList &args)
{
    QString error;
    const auto o = CliOptions::parse(args, &error);
    EXPECT_TRUE(o.has_value()) << args.join(u' ').toStdString() << ": " << error.toStdString();
    return o.value_or(CliOptions{});
}

} // namespace

TEST(CliOptionsTest, AcceptsEachCommand)
{
    CliOptions o = accepted({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--db=/tmp/x.db")});
    EXPECT_EQ(o.command, Command::Status);
    EXPECT_TRUE(o.json);
    EXPECT_EQ(o.dbPath, QStringLiteral("/tmp/x.db"));

    o = accepted({QStringLiteral("--config"), QStringLiteral("c.json"), QStringLiteral("pause"), QStringLiteral("contact"),
                  QStringLiteral("s_c__order__c"), QStringLiteral("--dry-run")});
    EXPECT_EQ(o.command, Command::Pause);
    EXPECT_EQ(o.configPath, QStringLiteral("c.json"));
    EXPECT_EQ(o.objects, (QStringList{QStringLiteral("contact"), QStringLiteral("s_c__order__c")}));
    EXPECT_TRUE(o.dryRun);

    o = accepted({QStringLiteral("clear-resync"), QStringLiteral("--all"), QStringLiteral("-y")});
    EXPECT_EQ(o.command, Command::ClearResync);
    EXPECT_TRUE(o.all);
    EXPECT_TRUE(o.yes);

    o = accepted({QStringLiteral("sync"), QStringLiteral("--device"), QStringLiteral("d.json"), QStringLiteral("--once"),
                  QStringLiteral("--object"), QStringLiteral("contact")});
    EXPECT_EQ(o.command, Command::Sync);
    EXPECT_EQ(o.devicePath, QStringLiteral("d.json"));
    EXPECT_TRUE(o.once);
    EXPECT_EQ(o.syncObject, QStringLiteral("contact"));

    o = accepted({QStringLiteral("unsaved"), QStringLiteral("--discarded"), QStringLiteral("contact")});
    EXPECT_EQ(o.command, Command::Unsaved);
    EXPECT_TRUE(o.discarded);
    EXPECT_EQ(o.objects, QStringList{QStringLiteral("contact")});

    EXPECT_EQ(accepted({QStringLiteral("resume"), QStringLiteral("--help")}).command, Command::Help);
}

TEST(CliOptionsTest, RefusesBadCommandLines)
{
    EXPECT_EQ(refusal({}), QStringLiteral("no command given"));
    EXPECT_TRUE(refusal({QStringLiteral("stats")}).startsWith(QStringLiteral("unknown command \"stats\"")));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("--jsn")}), QStringLiteral("unknown option --jsn"));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("-x")}), QStringLiteral("unknown option -x"));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("--yes")}),
              QStringLiteral("option --yes does not apply to \"status\""));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("--db")}), QStringLiteral("option --db needs a value"));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("--db=")}),
              QStringLiteral("option --db needs a non-empty value"));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("--json=1")}), QStringLiteral("option --json takes no value"));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--json")}),
              QStringLiteral("option --json given twice"));
    EXPECT_EQ(refusal({QStringLiteral("status"), QStringLiteral("contact")}), QStringLiteral("unexpected argument \"contact\""));
    EXPECT_EQ(refusal({QStringLiteral("pause")}), QStringLiteral("\"pause\" needs an object name or --all"));
    EXPECT_EQ(refusal({QStringLiteral("resync"), QStringLiteral("contact"), QStringLiteral("--all")}),
              QStringLiteral("give object names or --all, not both"));
    EXPECT_EQ(refusal({QStringLiteral("sync"), QStringLiteral("--once")}), QStringLiteral("\"sync\" needs --device FILE"));
    EXPECT_EQ(refusal({QStringLiteral("pause"), QStringLiteral("contact"), QStringLiteral("--once")}),
              QStringLiteral("option --once does not apply to \"pause\""));
}

TEST(CliOptionsTest, DiagnosticsCommands)
{
    CliOptions o = accepted({QStringLiteral("check"), QStringLiteral("contact"), QStringLiteral("--quick"),
        QStringLiteral("--json"), QStringLiteral("--device"), QStringLiteral("d.json")});
    EXPECT_EQ(o.command, Command::Check);
    EXPECT_TRUE(o.quick && o.json);
    EXPECT_EQ(o.objects, QStringList{QStringLiteral("contact")});
    o = accepted({QStringLiteral("repair"), QStringLiteral("--all"), QStringLiteral("--device"), QStringLiteral("d.json")});
    EXPECT_EQ(o.command, Command::Repair);
    o = accepted({QStringLiteral("report"), QStringLiteral("--output"), QStringLiteral("r.json")});
    EXPECT_EQ(o.command, Command::Report);
    EXPECT_EQ(o.outputPath, QStringLiteral("r.json"));

    EXPECT_EQ(refusal({QStringLiteral("check"), QStringLiteral("contact")}), QStringLiteral("\"check\" needs --device FILE"));
    EXPECT_EQ(refusal({QStringLiteral("repair"), QStringLiteral("--device"), QStringLiteral("d.json")}),
        QStringLiteral("\"repair\" needs an object name or --all"));
    // A repair always compares every Id: --quick is not its option.
    EXPECT_EQ(refusal({QStringLiteral("repair"), QStringLiteral("contact"), QStringLiteral("--quick"),
                  QStringLiteral("--device"), QStringLiteral("d.json")}),
        QStringLiteral("option --quick does not apply to \"repair\""));
    EXPECT_EQ(refusal({QStringLiteral("report"), QStringLiteral("contact")}), QStringLiteral("unexpected argument \"contact\""));
}
