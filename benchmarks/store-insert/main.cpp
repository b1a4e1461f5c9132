// SPDX-License-Identifier: MIT
// Inserts N generated records (~540 bytes each) in 2000-record pages into a temp file, through
// LocalStore::applyPage and through the raw sqlite3 C API with one prepared statement (the floor),
// and prints seconds and records/s.
// Usage: bench-store-insert [--scattered] [--variants=store,storeqt,batch,raw,rawwr,rawmulti,live] [N ...]
// (default 100000 1000000; storeqt: applyPage on its QSqlQuery write path; live: the cost of one
// writeLiveState() and one liveState() read beside it, on a store of N records).

#include "store/localstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariantList>
#include <cstdio>
#include <sqlite3.h>

namespace {

constexpr int PageSize = 2000;

QByteArray payloadFor(qint64 i, const QString &id, const QString &modstamp)
{
    QByteArray p
        = QStringLiteral("{\"attributes\":{\"type\":\"s_c__product__c\",\"url\":\"/services/data/v59.0/"
                         "sobjects/s_c__product__c/%1\"},\"Id\":\"%1\",\"Name\":\"Product %2\","
                         "\"SystemModstamp\":\"%3\",\"s_c__price__c\":%4,\"s_c__description__c\":\"")
              .arg(id)
              .arg(i)
              .arg(modstamp)
              .arg(double(i % 10000) / 100.0)
              .toUtf8();
    while (p.size() < 538)
        p.append(char('a' + (p.size() + i) % 26));
    p.append("\"}");
    return p;
}

bool g_scattered = false;

QString idFor(qint64 i)
{
    if (!g_scattered)
        return QStringLiteral("a0B5g%1AAA").arg(i, 10, 10, QLatin1Char('0'));
    // --scattered: Ids out of key order (records modified long after creation), the worst case
    // for the (obj, id) index. A multiplicative scramble is a bijection on 32 bits: still unique.
    const quint64 scrambled = (quint64(i) * 2654435761ULL) & 0xffffffffULL;
    return QStringLiteral("a0B5g%1AAA").arg(scrambled, 10, 10, QLatin1Char('0'));
}

QString modstampFor(qint64 i)
{
    return QStringLiteral("2026-11-%1T03:%2:%3.000+0000")
        .arg(1 + (i / 3600000) % 28, 2, 10, QLatin1Char('0'))
        .arg((i / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(i % 60, 2, 10, QLatin1Char('0'));
}

QVector<posdata::IncomingRecord> makePage(qint64 first, qint64 count)
{
    QVector<posdata::IncomingRecord> page;
    page.reserve(count);
    for (qint64 i = first; i < first + count; ++i) {
        posdata::IncomingRecord r;
        r.id = idFor(i);
        r.systemModstamp = modstampFor(i);
        r.payload = payloadFor(i, r.id, r.systemModstamp);
        page.append(std::move(r));
    }
    return page;
}

void report(const char *what, qint64 n, qint64 ms)
{
    const double s = double(ms) / 1000.0;
    std::printf("%-28s %9lld records  %7.2f s  %10.0f records/s\n", what, static_cast<long long>(n), s,
        s > 0 ? double(n) / s : 0.0);
    std::fflush(stdout);
}

bool benchStore(const QString &path, qint64 n, posdata::LocalStore::WritePath writePath)
{
    posdata::StoreError err;
    auto store = posdata::LocalStore::open(path, posdata::LocalStore::Mode::ReadWrite, &err, writePath);
    if (!store) {
        std::fprintf(stderr, "open: %s\n", qPrintable(err.message));
        return false;
    }
    // The engine passes the generation its download started with; a fresh object's is 0.
    const qint64 generation = store->objectState(QStringLiteral("s_c__product__c")).generation;
    // Pages are generated before timing: the engine's JSON parsing is not the store's cost.
    qint64 ms = 0;
    for (qint64 first = 0; first < n; first += PageSize) {
        const auto page = makePage(first, std::min<qint64>(PageSize, n - first));
        QElapsedTimer t;
        t.start();
        const auto res = store->applyPage(
            QStringLiteral("s_c__product__c"), page, { page.last().systemModstamp, page.last().id }, generation, &err);
        ms += t.elapsed();
        if (!err.ok() || res.inserted != page.size()) {
            std::fprintf(stderr, "applyPage: %s\n", qPrintable(err.message));
            return false;
        }
    }
    report(store->writePath() == posdata::LocalStore::WritePath::QtSql ? "LocalStore::applyPage, QtSql"
                                                                      : "LocalStore::applyPage",
        n, ms);
    const bool counted = store->objectState(QStringLiteral("s_c__product__c")).localCount == n;
    store.reset();
    // The page size is a new-file choice of LocalStore::open(): show which one the file got.
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *q = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &q, nullptr) == SQLITE_OK
            && sqlite3_step(q) == SQLITE_ROW)
            std::printf("  (store page size %d bytes)\n", sqlite3_column_int(q, 0));
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return counted;
}

/// What the engine's live state costs (written about twice a second during a download): LiveCalls
/// writes of a ~2 KB JSON object on a store of n records, each followed by a read from a ReadOnly
/// store beside it, as `posdata status` does.
bool benchLive(const QString &path, qint64 n)
{
    constexpr int LiveCalls = 2000;
    posdata::StoreError err;
    auto store = posdata::LocalStore::open(path, posdata::LocalStore::Mode::ReadWrite, &err);
    const QString object = QStringLiteral("s_c__product__c");
    for (qint64 first = 0; store && err.ok() && first < n; first += PageSize) {
        const auto page = makePage(first, std::min<qint64>(PageSize, n - first));
        store->applyPage(object, page, { page.last().systemModstamp, page.last().id }, 0, &err);
    }
    auto reader = store && err.ok() ? posdata::LocalStore::open(path, posdata::LocalStore::Mode::ReadOnly, &err)
                                    : nullptr;
    if (!reader) {
        std::fprintf(stderr, "live: %s\n", qPrintable(err.message));
        return false;
    }
    QByteArray json = "{\"state\":\"downloading\",\"objects\":[";
    for (int i = 0; i < 20; ++i)
        json += QStringLiteral(R"(%1{"name":"s_c__object%2__c","done":%3,"total":1000000,"rate":123456.7})")
                    .arg(i ? "," : "")
                    .arg(i)
                    .arg(i * 50000)
                    .toUtf8();
    json += "]}";
    qint64 writeNs = 0, readNs = 0;
    for (int i = 0; i < LiveCalls; ++i) {
        QElapsedTimer t;
        t.start();
        const bool written = store->writeLiveState(json, &err);
        writeNs += t.nsecsElapsed();
        t.restart();
        const auto live = reader->liveState();
        readNs += t.nsecsElapsed();
        if (!written || !live || live->json != json) {
            std::fprintf(stderr, "live: %s\n", written ? "read back something else" : qPrintable(err.message));
            return false;
        }
    }
    std::printf("%-28s %9lld records  %5lld-byte state  writeLiveState %6.1f us/call  liveState %6.1f us/call\n",
        "live state", static_cast<long long>(n), static_cast<long long>(json.size()),
        double(writeNs) / LiveCalls / 1000.0, double(readNs) / LiveCalls / 1000.0);
    return true;
}

/// QSqlQuery::execBatch on the same schema, insert only: execBatch cannot report per-row outcomes
/// (inserted vs. skipped), so it only shows whether batching would be worth that loss.
bool benchExecBatch(const QString &path, qint64 n)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench_batch"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const char *sql :
            { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-32768",
                "CREATE TABLE records (obj INTEGER NOT NULL, id TEXT NOT NULL, modstamp TEXT NOT NULL,"
                " state INTEGER NOT NULL, seen_gen INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY "
                "(obj, id))" })
            ok = ok && q.exec(QLatin1String(sql));
        QSqlQuery ins(db);
        ok = ok
            && ins.prepare(
                QStringLiteral("INSERT OR IGNORE INTO records(obj, id, modstamp, state, seen_gen, payload)"
                               " VALUES (1, ?, ?, 0, 1, ?)"));
        qint64 ms = 0;
        for (qint64 first = 0; first < n && ok; first += PageSize) {
            const auto page = makePage(first, std::min<qint64>(PageSize, n - first));
            QVariantList ids, stamps, payloads;
            QElapsedTimer t;
            t.start();
            for (const auto &r : page) {
                ids.append(r.id);
                stamps.append(r.systemModstamp);
                payloads.append(r.payload);
            }
            ok = db.transaction();
            ins.addBindValue(ids);
            ins.addBindValue(stamps);
            ins.addBindValue(payloads);
            ok = ok && ins.execBatch() && db.commit();
            ms += t.elapsed();
        }
        if (ok)
            report("QSqlQuery::execBatch", n, ms);
        else
            std::fprintf(stderr, "execBatch: %s\n", qPrintable(ins.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench_batch"));
    return ok;
}

bool check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        return false;
    }
    return true;
}

/// Rows per INSERT statement of the `rawmulti` variant: one statement step for many rows.
constexpr int MultiRows = 50;

bool benchRaw(const QString &path, qint64 n, bool withoutRowid, int rowsPerStatement = 1)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    const char *setup
        = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;"
          "CREATE TABLE records (obj INTEGER NOT NULL, id TEXT NOT NULL, modstamp TEXT NOT NULL,"
          " state INTEGER NOT NULL, seen_gen INTEGER NOT NULL, payload BLOB NOT NULL,"
          " PRIMARY KEY (obj, id));";
    // RAW_PRAGMAS (e.g. "PRAGMA page_size=8192;") runs before the schema: pragma experiments.
    const QByteArray pragmas = qgetenv("RAW_PRAGMAS");
    if (!check(db, sqlite3_exec(db, pragmas.constData(), nullptr, nullptr, nullptr), "pragmas"))
        return false;
    // The WITHOUT ROWID variant used to create the same rowid table; the flag now reaches the schema.
    const QByteArray schema
        = withoutRowid ? QByteArray(setup).replace("(obj, id));", "(obj, id)) WITHOUT ROWID;") : QByteArray(setup);
    if (!check(db, sqlite3_exec(db, schema.constData(), nullptr, nullptr, nullptr), "setup"))
        return false;
    const auto prepare = [&](int rows, sqlite3_stmt **stmt) {
        QByteArray sql("INSERT OR IGNORE INTO records(obj, id, modstamp, state, seen_gen, payload) VALUES ");
        for (int r = 0; r < rows; ++r)
            sql += r ? ", (1, ?, ?, 0, 1, ?)" : "(1, ?, ?, 0, 1, ?)";
        return check(db, sqlite3_prepare_v2(db, sql.constData(), -1, stmt, nullptr), "prepare");
    };
    sqlite3_stmt *ins = nullptr, *multi = nullptr;
    if (!prepare(1, &ins) || (rowsPerStatement > 1 && !prepare(rowsPerStatement, &multi)))
        return false;
    qint64 ms = 0;
    bool ok = true;
    for (qint64 first = 0; first < n && ok; first += PageSize) {
        const auto page = makePage(first, std::min<qint64>(PageSize, n - first));
        QVector<QByteArray> ids, stamps;
        for (const auto &r : page) {
            ids.append(r.id.toUtf8());
            stamps.append(r.systemModstamp.toUtf8());
        }
        QElapsedTimer t;
        t.start();
        ok = check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
        for (qsizetype i = 0; i < page.size() && ok;) {
            const bool many = multi && page.size() - i >= rowsPerStatement;
            sqlite3_stmt *stmt = many ? multi : ins;
            for (int r = 0; r < (many ? rowsPerStatement : 1); ++r, ++i) {
                sqlite3_bind_text(stmt, 3 * r + 1, ids[i].constData(), int(ids[i].size()), SQLITE_STATIC);
                sqlite3_bind_text(stmt, 3 * r + 2, stamps[i].constData(), int(stamps[i].size()), SQLITE_STATIC);
                sqlite3_bind_blob(stmt, 3 * r + 3, page[i].payload.constData(),
                    int(page[i].payload.size()), SQLITE_STATIC);
            }
            ok = check(db, sqlite3_step(stmt), "insert");
            sqlite3_reset(stmt);
        }
        ok = ok && check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
        ms += t.elapsed();
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(multi);
    sqlite3_close(db);
    if (ok)
        report(withoutRowid ? (multi ? "raw WITHOUT ROWID, 50 rows" : "raw sqlite3 WITHOUT ROWID")
                : multi     ? "raw sqlite3, 50 rows/INSERT"
                            : "raw sqlite3 (floor)",
            n, ms);
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QList<qint64> sizes;
    QByteArrayList variants = { "store", "batch", "raw", "rawwr" };
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--scattered")
            g_scattered = true;
        else if (arg.startsWith("--variants="))
            variants = arg.mid(11).split(',');
        else
            sizes.append(arg.toLongLong());
    }
    if (sizes.isEmpty())
        sizes = { 100000, 1000000 };
    // BENCH_DIR=/dev/shm separates CPU cost from the disk's.
    const QByteArray base = qgetenv("BENCH_DIR");
    QTemporaryDir dir(base.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench-store-XXXXXX")
                                     : QString::fromLocal8Bit(base) + QStringLiteral("/bench-store-XXXXXX"));
    if (!dir.isValid())
        return 1;
    std::printf("record payload %lld bytes, pages of %d, Ids %s\n",
        static_cast<long long>(payloadFor(0, idFor(0), modstampFor(0)).size()), PageSize,
        g_scattered ? "scattered" : "in key order");
    int run = 0;
    for (qint64 n : sizes) {
        if ((variants.contains("store")
                && !benchStore(dir.filePath(QStringLiteral("store%1.db").arg(run)), n,
                    posdata::LocalStore::WritePath::Auto))
            || (variants.contains("storeqt")
                && !benchStore(dir.filePath(QStringLiteral("storeqt%1.db").arg(run)), n,
                    posdata::LocalStore::WritePath::QtSql))
            || (variants.contains("batch")
                && !benchExecBatch(dir.filePath(QStringLiteral("batch%1.db").arg(run)), n))
            || (variants.contains("raw")
                && !benchRaw(dir.filePath(QStringLiteral("raw%1.db").arg(run)), n, false))
            || (variants.contains("rawwr")
                && !benchRaw(dir.filePath(QStringLiteral("rawwr%1.db").arg(run)), n, true))
            || (variants.contains("rawmulti")
                && !benchRaw(dir.filePath(QStringLiteral("rawmulti%1.db").arg(run)), n, false, MultiRows))
            || (variants.contains("rawwrmulti")
                && !benchRaw(dir.filePath(QStringLiteral("rawwrmulti%1.db").arg(run)), n, true, MultiRows))
            || (variants.contains("live") && !benchLive(dir.filePath(QStringLiteral("live%1.db").arg(run)), n)))
            return 1;
        ++run;
    }
    return 0;
}
