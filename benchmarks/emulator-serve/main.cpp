// SPDX-License-Identifier: MIT
// Serving benchmark: starts sf-emulator (--seed scale) as a child process and, with one keep-alive
// client (no gzip), either pulls every page of s_c__product__c through nextRecordsUrl, first page
// included (--mode chain, the default), or downloads it in Id ranges of keyset pages and times the
// queries a range download needs (--mode range). Reports records/s and the server's CPU time per
// record (from /proc/<pid>/stat, so the client's work is not counted).
// The query is the engine's own (SoqlBuilder over the bundled sync-objects.json, /queryAll), or with
// --fields all every field in canonical order on /query (the ready-JSON case before any field list was).
#include "config/soqlbuilder.h"
#include "config/syncconfig.h"
#include "soql/ids.h"

#include <QDateTime>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SF_EMULATOR_PATH
#define SF_EMULATOR_PATH "sf-emulator"
#endif

extern char **environ;

namespace {
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

double processCpuSeconds(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t close = content.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream rest(content.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stoull(field);
        if (i == 15)
            stime = std::stoull(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double selfCpuSeconds()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
           + static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

std::string encoded(const std::string &soql)
{
    return QUrl::toPercentEncoding(QString::fromStdString(soql)).toStdString();
}

// The engine's field list for the products (Id, SystemModstamp, IsDeleted, then the config's fields),
// or every field in canonical order.
std::string selectList(const std::string &fields)
{
    if (fields == "all")
        return "Id,Name,CreatedDate,LastModifiedDate,SystemModstamp,IsDeleted,s_c__sku__c,s_c__price__c,"
               "s_c__category__c,s_c__barcode__c,s_c__description__c,s_c__active__c";
    QString error;
    const auto config = posdata::loadBundledSyncConfig(&error);
    const posdata::SyncObjectConfig *product = config ? config->find(u"s_c__product__c") : nullptr;
    if (!product) {
        std::cerr << "no s_c__product__c in the bundled sync-objects.json: " << error.toStdString() << "\n";
        return {};
    }
    return product->queryFields(true).join(u", ").toStdString();
}

// The chain's first page: what the engine sends for a full download of the products, or every field.
std::string firstPagePath(const std::string &fields, std::string *soql)
{
    if (fields == "all") {
        *soql = "SELECT " + selectList(fields) + " FROM s_c__product__c ORDER BY SystemModstamp,Id";
        return "/services/data/v62.0/query?q=" + encoded(*soql);
    }
    QString error;
    const auto config = posdata::loadBundledSyncConfig(&error);
    const posdata::SyncObjectConfig *product = config ? config->find(u"s_c__product__c") : nullptr;
    const auto builder = product ? posdata::SoqlBuilder::create(*product, QHash<QString, QString>{}, &error) : std::nullopt;
    if (!builder) {
        std::cerr << "cannot build the engine's query: " << error.toStdString() << "\n";
        return {};
    }
    // As the engine's first download: from the start, tombstones included, through /queryAll.
    *soql = builder->delta(QDateTime(), true).toStdString();
    return "/services/data/v62.0/queryAll?q=" + encoded(*soql);
}

struct Options
{
    std::string emulator = SF_EMULATOR_PATH;
    std::string records = "200000";
    std::string fields = "engine";
    std::string mode = "chain";
    int batch = 2000;
    int ranges = 4;
    bool printQuery = false;
};

/// The emulator child process and a keep-alive client with a token.
class Session
{
public:
    bool start(const Options &o)
    {
        int out[2];
        if (pipe(out) != 0)
            return false;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        const char *args[] = {o.emulator.c_str(), "--seed", "scale", "--records", o.records.c_str(), "--port", "0", nullptr};
        const auto seedStart = Clock::now();
        if (posix_spawn(&m_pid, o.emulator.c_str(), &actions, nullptr, const_cast<char **>(args), environ) != 0) {
            std::cerr << "cannot start " << o.emulator << "\n";
            return false;
        }
        close(out[1]);
        std::string url;
        char ch;
        while (read(out[0], &ch, 1) == 1 && ch != '\n')
            url.push_back(ch);
        close(out[0]);
        std::printf("seed scale %s records: ready in %.2f s\n", o.records.c_str(), secondsSince(seedStart));
        if (url.empty()) {
            std::cerr << "sf-emulator printed no URL\n";
            return false;
        }
        m_client = std::make_unique<httplib::Client>(url);
        m_client->set_decompress(false);
        m_client->set_url_encode(false);
        m_client->set_keep_alive(true);
        m_client->set_read_timeout(120, 0);
        auto tok = m_client->Post("/services/oauth2/token",
                                  "grant_type=refresh_token&refresh_token=pos-demo-refresh&client_id=pos-demo",
                                  "application/x-www-form-urlencoded");
        if (!tok || tok->status != 200) {
            std::cerr << "token refresh failed\n";
            return false;
        }
        m_headers = {{"Authorization", "Bearer " + nlohmann::json::parse(tok->body)["access_token"].get<std::string>()},
                     {"Sforce-Query-Options", "batchSize=" + std::to_string(o.batch)}};
        m_body.reserve(size_t{4} << 20);
        return true;
    }
    ~Session()
    {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
        }
    }
    pid_t pid() const { return m_pid; }

    /// GET into one reused buffer (a fresh 1.3 MB string per page made the client spend most of its
    /// CPU in page faults, time taken from the server's cores); nullptr when it failed.
    const std::string *get(const std::string &path)
    {
        m_body.clear();
        auto r = m_client->Get(path.c_str(), m_headers, [this](const char *data, size_t length) {
            m_body.append(data, length);
            return true;
        });
        if (!r || r->status != 200) {
            std::cerr << "GET " << path.substr(0, 200) << " failed: "
                      << (r ? std::to_string(r->status) + " " + m_body.substr(0, 300) : httplib::to_string(r.error())) << "\n";
            return nullptr;
        }
        return &m_body;
    }

private:
    pid_t m_pid = 0;
    std::unique_ptr<httplib::Client> m_client;
    httplib::Headers m_headers;
    std::string m_body;
};

long long countRecords(const std::string &body)
{
    long long n = 0;
    for (size_t p = body.find("{\"attributes\""); p != std::string::npos; p = body.find("{\"attributes\"", p + 13))
        ++n;
    return n;
}

int chain(Session &s, const Options &o)
{
    std::string soql;
    std::string path = firstPagePath(o.fields, &soql);
    if (path.empty())
        return 1;
    const double serverCpu0 = processCpuSeconds(s.pid()), clientCpu0 = selfCpuSeconds();
    const auto t0 = Clock::now();
    long long total = 0, pages = 0, bytes = 0;
    double firstPage = 0;
    while (!path.empty()) {
        const std::string *body = s.get(path);
        if (!body)
            return 1;
        if (++pages == 1)
            firstPage = secondsSince(t0);
        bytes += static_cast<long long>(body->size());
        total += countRecords(*body);
        const size_t k = body->find("\"nextRecordsUrl\":\"");
        path = k == std::string::npos ? std::string() : body->substr(k + 18, body->find('"', k + 18) - k - 18);
    }
    const double seconds = secondsSince(t0);
    const double serverCpu = processCpuSeconds(s.pid()) - serverCpu0, clientCpu = selfCpuSeconds() - clientCpu0;
    std::printf("query (%s fields): %s\n", o.fields.c_str(), soql.c_str());
    std::printf("pulled %lld records in %lld pages (%.1f MB, %.0f bytes/record) in %.3f s\n", total, pages,
                static_cast<double>(bytes) / 1e6, static_cast<double>(bytes) / static_cast<double>(total ? total : 1), seconds);
    std::printf("throughput: %.0f records/s (first page, which runs the query: %.3f s)\n",
                static_cast<double>(total) / seconds, firstPage);
    std::printf("server CPU: %.3f s = %.2f us/record; client CPU: %.3f s\n", serverCpu,
                serverCpu * 1e6 / static_cast<double>(total ? total : 1), clientCpu);
    return total > 0 ? 0 : 1;
}

// Median milliseconds of `runs` GETs of one query; -1 when one failed. *body keeps the last answer.
double medianMs(Session &s, const std::string &path, int runs, std::string *body)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t = Clock::now();
        const std::string *b = s.get(path);
        if (!b)
            return -1;
        ms.push_back(secondsSince(t) * 1000);
        *body = *b;
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// A range download as the engine would do one: the ends (ORDER BY Id LIMIT 1 each way), the table split
// into Id ranges, each range counted (COUNT()) and pulled in keyset pages (`Id > last AND Id < end
// ORDER BY Id LIMIT batch`, no cursor), on /query and on /queryAll.
int range(Session &s, const Options &o)
{
    const std::string list = selectList(o.fields);
    if (list.empty())
        return 1;
    const long long n = std::stoll(o.records);
    std::string body;
    for (const std::string resource : {"query", "queryAll"}) {
        const std::string base = "/services/data/v62.0/" + resource + "?q=";
        for (const std::string dir : {"ASC", "DESC"}) {
            const double ms = medianMs(s, base + encoded("SELECT Id FROM s_c__product__c ORDER BY Id " + dir + " LIMIT 1"), 5, &body);
            std::printf("%s ORDER BY Id %s LIMIT 1: %.2f ms median of 5\n", resource.c_str(), dir.c_str(), ms);
            if (ms < 0)
                return 1;
            const std::string end = soql::makeId("a02", static_cast<uint64_t>(dir == "ASC" ? 1 : n));
            if (body.find("\"Id\":\"" + end + "\"") == std::string::npos) {
                std::fprintf(stderr, "%s ORDER BY Id %s LIMIT 1 did not answer %s: %s\n", resource.c_str(), dir.c_str(),
                             end.c_str(), body.substr(0, 300).c_str());
                return 1;
            }
        }
        // Bounds from the seeded Ids (a fixed-width counter 1..n, so they split the table evenly); the
        // last bound is one past the last Id, so every range is [lo, hi).
        std::vector<std::string> bounds;
        for (int r = 0; r <= o.ranges; ++r)
            bounds.push_back(soql::makeId("a02", static_cast<uint64_t>(1 + n * r / o.ranges)));
        double countMs = 0;
        const double serverCpu0 = processCpuSeconds(s.pid());
        const auto t0 = Clock::now();
        long long total = 0, pages = 0;
        for (int r = 0; r < o.ranges; ++r) {
            const std::string lo = bounds[static_cast<size_t>(r)], hi = bounds[static_cast<size_t>(r + 1)];
            const auto tc = Clock::now();
            if (!s.get(base + encoded("SELECT COUNT() FROM s_c__product__c WHERE Id >= '" + lo + "' AND Id < '" + hi + "'")))
                return 1;
            countMs += secondsSince(tc) * 1000;
            std::string after;
            while (true) {
                const std::string from = after.empty() ? "Id >= '" + lo + "'" : "Id > '" + after + "'";
                const std::string *page = s.get(base + encoded("SELECT " + list + " FROM s_c__product__c WHERE " + from + " AND Id < '"
                                                               + hi + "' ORDER BY Id LIMIT " + std::to_string(o.batch)));
                if (!page)
                    return 1;
                ++pages;
                const long long got = countRecords(*page);
                total += got;
                if (got < o.batch)
                    break;
                const size_t at = page->rfind("\"Id\":\"");
                after = page->substr(at + 6, 18);
            }
        }
        const double seconds = secondsSince(t0);
        const double serverCpu = processCpuSeconds(s.pid()) - serverCpu0;
        std::printf("%s: %d ranges, COUNT() %.1f ms each on average; pulled %lld records in %lld keyset pages in %.3f s "
                    "= %.0f records/s; server CPU %.2f us/record\n",
                    resource.c_str(), o.ranges, countMs / o.ranges, total, pages, seconds, static_cast<double>(total) / seconds,
                    serverCpu * 1e6 / static_cast<double>(total ? total : 1));
        if (total != n) {
            std::fprintf(stderr, "%s: expected %lld records, got %lld\n", resource.c_str(), n, total);
            return 1;
        }
    }
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--print-query") {
            o.printQuery = true;
            continue;
        }
        const bool known = a == "--fields" || a == "--records" || a == "--emulator" || a == "--batch" || a == "--mode"
                           || a == "--ranges";
        if (i + 1 >= argc || !known) {
            std::cerr << "usage: bench_emulator_serve [--mode chain|range] [--fields engine|all] [--records N] [--batch N] "
                         "[--ranges N] [--emulator PATH] [--print-query]\n";
            return 2;
        }
        const std::string v = argv[++i];
        if (a == "--fields")
            o.fields = v;
        else if (a == "--records")
            o.records = v;
        else if (a == "--emulator")
            o.emulator = v;
        else if (a == "--mode")
            o.mode = v;
        else if (a == "--ranges")
            o.ranges = std::max(1, std::stoi(v));
        else
            o.batch = std::stoi(v);
    }
    if (o.printQuery) {
        std::string soql;
        if (firstPagePath(o.fields, &soql).empty())
            return 1;
        std::cout << soql << "\n";
        return 0;
    }
    if (o.mode != "chain" && o.mode != "range") {
        std::cerr << "--mode must be chain or range, not " << o.mode << "\n";
        return 2;
    }
    Session session;
    if (!session.start(o))
        return 1;
    return o.mode == "range" ? range(session, o) : chain(session, o);
}
