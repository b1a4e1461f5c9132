// SPDX-License-Identifier: MIT
// Benchmark (a program, not a test): the parse floor of the initial sync. Reads every dumped page
// file (benchmarks/yardstick/dump_pages.py) into memory first, then times only the engine's own
// page parser, posdata::QueryPage::parse, over them: no I/O, no store, nothing else.
// Prints one JSON line per repetition and a summary line with the best repetition. The C allocator is
// set up as the engine sets it (src/sync/allocator.h); --default-allocator leaves glibc's defaults.
//   bench-parse-floor PAGES_DIR [--repeat N] [--default-allocator]
#include "net/querypage.h"
#include "sync/allocator.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char **argv)
{
    QString dirPath;
    int repeat = 3;
    bool tuneAllocator = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--default-allocator") == 0)
            tuneAllocator = false;
        else if (argv[i][0] != '-' && dirPath.isEmpty())
            dirPath = QString::fromLocal8Bit(argv[i]);
        else {
            std::fprintf(stderr, "usage: bench-parse-floor PAGES_DIR [--repeat N] [--default-allocator]\n");
            return 2;
        }
    }
    if (dirPath.isEmpty()) {
        std::fprintf(stderr, "usage: bench-parse-floor PAGES_DIR [--repeat N] [--default-allocator]\n");
        return 2;
    }
    if (tuneAllocator)
        posdata::allocator::keepFreedMemory();
    const QStringList names = QDir(dirPath).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    std::vector<QByteArray> pages;
    pages.reserve(static_cast<size_t>(names.size()));
    qint64 bytes = 0;
    for (const QString &name : names) {
        QFile f(QDir(dirPath).filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(f.fileName()));
            return 1;
        }
        pages.push_back(f.readAll());
        bytes += pages.back().size();
    }
    if (pages.empty()) {
        std::fprintf(stderr, "no *.json pages in %s\n", qPrintable(dirPath));
        return 1;
    }

    double best = 0;
    qint64 records = 0;
    for (int r = 0; r < repeat; ++r) {
        records = 0;
        qint64 payloadBytes = 0;
        QElapsedTimer clock;
        clock.start();
        for (const QByteArray &body : pages) {
            QString error;
            // The parsed page is dropped at once, as the engine drops it after applyPage().
            const auto page = posdata::QueryPage::parse(body, &error);
            if (!page) {
                std::fprintf(stderr, "parse failed: %s\n", qPrintable(error));
                return 1;
            }
            records += page->records.size();
            for (const auto &rec : page->records)
                payloadBytes += rec.payload.size();
        }
        const double seconds = clock.nsecsElapsed() / 1e9;
        if (r == 0 || seconds < best)
            best = seconds;
        std::printf("{\"repetition\":%d,\"pages\":%zu,\"records\":%lld,\"bytes\":%lld,\"payloadBytes\":%lld,"
                    "\"seconds\":%.3f,\"recordsPerSecond\":%.0f}\n",
                    r + 1, pages.size(), static_cast<long long>(records), static_cast<long long>(bytes),
                    static_cast<long long>(payloadBytes), seconds, seconds > 0 ? records / seconds : 0.0);
    }
    std::printf("{\"best\":true,\"records\":%lld,\"seconds\":%.3f,\"recordsPerSecond\":%.0f,\"MBperSecond\":%.1f}\n",
                static_cast<long long>(records), best, best > 0 ? records / best : 0.0,
                best > 0 ? bytes / best / 1e6 : 0.0);
    return 0;
}
