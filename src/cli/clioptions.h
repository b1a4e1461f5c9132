// SPDX-License-Identifier: MIT
// CliOptions: the parsed `posdata` command line.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace posdata {

/// The parsed `posdata` command line: one subcommand, its targets and the common options.
struct CliOptions
{
    enum class Command { Help, Status, Pause, Resume, Resync, ClearResync, Sync, Unsaved, Upload, Check, Repair, Report };

    Command command = Command::Help;
    QString devicePath; ///< --device FILE (needed by sync)
    QString dbPath; ///< --db FILE; empty = defaultDatabasePath()
    QString configPath; ///< --config FILE; empty = the bundled sync-objects.json
    QStringList objects; ///< NAME arguments of pause/resume/resync/clear-resync/unsaved/upload
    QString syncObject; ///< sync --object NAME
    QString outputPath; ///< report --output FILE
    bool all = false; ///< --all
    bool json = false; ///< status/unsaved --json
    bool discarded = false; ///< unsaved --discarded: the records a person discarded instead
    bool yes = false; ///< clear-resync --yes
    bool dryRun = false; ///< --dry-run (pause/resume/resync/clear-resync)
    bool once = false; ///< sync --once
    bool quick = false; ///< check --quick: counts per Id range first, not every Id (can miss pairs)

    /// Parses the arguments after the program name. On a usage error returns nullopt and sets *error
    /// to one sentence (the caller prints it with the usage hint and exits with 2).
    static std::optional<CliOptions> parse(const QStringList &arguments, QString *error);

    /// The full help text.
    static QString usage();
};

} // namespace posdata
