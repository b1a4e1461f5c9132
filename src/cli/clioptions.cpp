// SPDX-License-Identifier: MIT
// CliOptions: the command table, the options each command accepts, parsing with one-sentence
// refusals, and the help text.
#include "cli/clioptions.h"

#include <QHash>
#include <QSet>

namespace posdata {

namespace {

using Command = CliOptions::Command;

const QHash<QString, Command> &commands()
{
    static const QHash<QString, Command> map{
        {QStringLiteral("status"), Command::Status}, {QStringLiteral("pause"), Command::Pause},
        {QStringLiteral("resume"), Command::Resume}, {QStringLiteral("resync"), Command::Resync},
        {QStringLiteral("clear-resync"), Command::ClearResync}, {QStringLiteral("sync"), Command::Sync},
        {QStringLiteral("unsaved"), Command::Unsaved}, {QStringLiteral("upload"), Command::Upload},
        {QStringLiteral("check"), Command::Check}, {QStringLiteral("repair"), Command::Repair},
        {QStringLiteral("report"), Command::Report},
        {QStringLiteral("help"), Command::Help}};
    return map;
}

// Which flags each subcommand accepts, so that a misplaced flag is an error rather than ignored.
QSet<QString> allowedFlags(Command c)
{
    const QSet<QString> common{QStringLiteral("--device"), QStringLiteral("--db"), QStringLiteral("--config")};
    const QSet<QString> actions{QStringLiteral("--all"), QStringLiteral("--dry-run")};
    switch (c) {
    case Command::Status: return common + QSet<QString>{QStringLiteral("--json")};
    case Command::Pause:
    case Command::Resume:
    case Command::Resync: return common + actions;
    case Command::ClearResync: return common + actions + QSet<QString>{QStringLiteral("--yes")};
    case Command::Sync: return common + QSet<QString>{QStringLiteral("--once"), QStringLiteral("--object")};
    case Command::Unsaved: return common + QSet<QString>{QStringLiteral("--json"), QStringLiteral("--discarded")};
    case Command::Upload: return common;
    case Command::Check:
        return common + QSet<QString>{QStringLiteral("--json"), QStringLiteral("--all"), QStringLiteral("--quick")};
    case Command::Repair: return common + QSet<QString>{QStringLiteral("--json"), QStringLiteral("--all")};
    case Command::Report: return common + QSet<QString>{QStringLiteral("--output")};
    case Command::Help: return {};
    }
    return {};
}

// Every option, once: its name and the field it sets (an option with a value sets a text field,
// a switch sets a bool).
struct Flag
{
    const char16_t *name;
    QString CliOptions::*text;
    bool CliOptions::*on;
};
constexpr Flag kFlags[] = {
    {u"--device", &CliOptions::devicePath, nullptr}, {u"--db", &CliOptions::dbPath, nullptr},
    {u"--config", &CliOptions::configPath, nullptr}, {u"--object", &CliOptions::syncObject, nullptr},
    {u"--json", nullptr, &CliOptions::json},         {u"--all", nullptr, &CliOptions::all},
    {u"--dry-run", nullptr, &CliOptions::dryRun},    {u"--yes", nullptr, &CliOptions::yes},
    {u"--once", nullptr, &CliOptions::once},         {u"--discarded", nullptr, &CliOptions::discarded},
    {u"--quick", nullptr, &CliOptions::quick},       {u"--output", &CliOptions::outputPath, nullptr}};

const Flag *findFlag(const QString &name)
{
    for (const Flag &f : kFlags) {
        if (name == QStringView(f.name))
            return &f;
    }
    return nullptr;
}

bool takesValue(const QString &flag)
{
    const Flag *f = findFlag(flag);
    return f && f->text;
}

} // namespace

std::optional<CliOptions> CliOptions::parse(const QStringList &arguments, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    CliOptions o;
    bool haveCommand = false;
    QStringList flagsSeen;
    QList<QPair<QString, QString>> flags; // checked once the command is known
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        if (arg == u"-h" || arg == u"--help") {
            o.command = Command::Help;
            return o;
        }
        if (arg == u"-y")
            arg = QStringLiteral("--yes");
        if (arg.startsWith(u"--")) {
            QString value;
            const qsizetype eq = arg.indexOf(u'=');
            const bool inlineValue = eq > 0;
            if (inlineValue) {
                value = arg.mid(eq + 1);
                arg = arg.left(eq);
            }
            if (takesValue(arg)) {
                if (!inlineValue) {
                    if (i + 1 >= arguments.size() || arguments.at(i + 1).startsWith(u"--"))
                        return fail(QStringLiteral("option %1 needs a value").arg(arg));
                    value = arguments.at(++i);
                }
                if (value.isEmpty())
                    return fail(QStringLiteral("option %1 needs a non-empty value").arg(arg));
            } else if (inlineValue) {
                return fail(QStringLiteral("option %1 takes no value").arg(arg));
            }
            if (flagsSeen.contains(arg))
                return fail(QStringLiteral("option %1 given twice").arg(arg));
            flagsSeen << arg;
            flags.append({arg, value});
            continue;
        }
        if (arg.startsWith(u'-') && arg.size() > 1)
            return fail(QStringLiteral("unknown option %1").arg(arg));
        if (!haveCommand) {
            if (!commands().contains(arg))
                return fail(QStringLiteral("unknown command \"%1\" (commands: status, pause, resume, resync, "
                                           "clear-resync, sync, unsaved, upload, check, repair, report)")
                                .arg(arg));
            o.command = commands().value(arg);
            haveCommand = true;
        } else {
            o.objects << arg;
        }
    }
    if (!haveCommand)
        return fail(QStringLiteral("no command given"));
    if (o.command == Command::Help)
        return o;

    const QSet<QString> allowed = allowedFlags(o.command);
    const QString commandName = commands().key(o.command);
    for (const auto &[flag, value] : flags) {
        const Flag *f = findFlag(flag);
        if (!f)
            return fail(QStringLiteral("unknown option %1").arg(flag));
        if (!allowed.contains(flag))
            return fail(QStringLiteral("option %1 does not apply to \"%2\"").arg(flag, commandName));
        if (f->text)
            o.*(f->text) = value;
        else
            o.*(f->on) = true;
    }

    switch (o.command) {
    case Command::Pause:
    case Command::Resume:
    case Command::Resync:
    case Command::ClearResync:
    case Command::Check:
    case Command::Repair:
        if (o.all && !o.objects.isEmpty())
            return fail(QStringLiteral("give object names or --all, not both"));
        if (!o.all && o.objects.isEmpty())
            return fail(QStringLiteral("\"%1\" needs an object name or --all").arg(commandName));
        break;
    case Command::Unsaved:
    case Command::Upload:
        break; // NAME... optional: every object when none
    default:
        if (!o.objects.isEmpty())
            return fail(QStringLiteral("unexpected argument \"%1\"").arg(o.objects.first()));
        break;
    }
    if ((o.command == Command::Sync || o.command == Command::Upload || o.command == Command::Check
            || o.command == Command::Repair)
        && o.devicePath.isEmpty())
        return fail(QStringLiteral("\"%1\" needs --device FILE").arg(commandName));
    return o;
}

QString CliOptions::usage()
{
    return QStringLiteral(
        "Usage: posdata COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n"
        "  status [--json]                        sync state of every object\n"
        "  pause (NAME... | --all) [--dry-run]    stop downloading the object(s)\n"
        "  resume (NAME... | --all) [--dry-run]   download the object(s) again\n"
        "  resync (NAME... | --all) [--dry-run]   re-download all records, keeping local data\n"
        "  clear-resync (NAME... | --all) [--dry-run] [--yes]\n"
        "                                         delete synced records (unsaved and in-use ones\n"
        "                                         stay), then re-download; asks unless --yes\n"
        "  sync --device FILE [--once] [--object NAME]\n"
        "                                         run the sync engine in this terminal\n"
        "  unsaved [NAME...] [--json] [--discarded]\n"
        "                                         records made or changed on this device and not\n"
        "                                         yet uploaded, with the server's refusal if any;\n"
        "                                         --discarded: those a person discarded on the\n"
        "                                         screen (kept 30 days), with what they held\n"
        "  upload --device FILE [NAME...]         upload them now (refused ones are tried again),\n"
        "                                         then refresh those objects\n"
        "  check --device FILE (NAME... | --all) [--json] [--quick]\n"
        "                                         where this device and the server differ, by their\n"
        "                                         Ids, without downloading the records; --quick\n"
        "                                         counts per Id range first (fewer calls, but blind\n"
        "                                         to as many missing as extra records in one range)\n"
        "  repair --device FILE (NAME... | --all) [--json]\n"
        "                                         check, then download only the missing records and\n"
        "                                         remove those the server no longer has (unsaved and\n"
        "                                         in-use ones stay)\n"
        "  report [--output FILE]                 a support report (versions, configuration digest,\n"
        "                                         status, counts, errors, storage, free space),\n"
        "                                         without tokens, e-mail addresses or phone numbers;\n"
        "                                         --output writes FILE (JSON) and its .txt twin\n"
        "\n"
        "Common options:\n"
        "  --db FILE       local store (default: the app's data folder, posdata.db)\n"
        "  --config FILE   sync objects file (default: the one built into the app)\n"
        "  --device FILE   device context (instance URL, client, token, outlet, shift)\n"
        "  -h, --help      this text\n"
        "\n"
        "Changes made while the app runs are picked up by it within a second.\n"
        "Exit status: 0 done, 1 failed, 2 bad command line.\n");
}

} // namespace posdata
