// SPDX-License-Identifier: MIT
// Serving benchmark: starts sf-emulator (--seed scale) as a child process, pulls every page of
// s_c__product__c with one keep-alive client (no gzip), first page included, and reports records/s
// plus the server's CPU time per record (from /proc/<pid>/stat, so the client's work is not counted).
// The query is the engine's own (SoqlBuilder over the bundled sync-objects.json, /queryAll), or with
// --fields all every field in canonical order on /query (the ready-JSON case before any field list was).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "config/soqlbuilder.h"
#include "config/syncconfig.h"

#include <QDateTime>
#include <QUrl>

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

// The first page's path: what the engine sends for a full download of the products, or every field.
std::string firstPagePath(const std::string &fields, std::string *soql)
{
    if (fields == "all") {
        *soql = "SELECT Id,Name,CreatedDate,LastModifiedDate,SystemModstamp,IsDeleted,s_c__sku__c,s_c__price__c,"
                "s_c__category__c,s_c__barcode__c,s_c__description__c,s_c__active__c FROM s_c__product__c ORDER BY "
                "SystemModstamp,Id";
        return "/services/data/v62.0/query?q=" + QUrl::toPercentEncoding(QString::fromStdString(*soql)).toStdString();
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
    return "/services/data/v62.0/queryAll?q=" + QUrl::toPercentEncoding(QString::fromStdString(*soql)).toStdString();
}

double selfCpuSeconds()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
           + static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}
} // namespace

int main(int argc, char **argv)
{
    std::string emulator = SF_EMULATOR_PATH;
    std::string records = "200000";
    std::string fields = "engine";
    int batch = 2000;
    bool printQuery = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--print-query") {
            printQuery = true;
            continue;
        }
        if (i + 1 >= argc || (a != "--fields" && a != "--records" && a != "--emulator" && a != "--batch")) {
            std::cerr << "usage: bench_emulator_serve [--fields engine|all] [--records N] [--batch N] [--emulator PATH] "
                         "[--print-query]\n";
            return 2;
        }
        const std::string v = argv[++i];
        if (a == "--fields")
            fields = v;
        else if (a == "--records")
            records = v;
        else if (a == "--emulator")
            emulator = v;
        else
            batch = std::stoi(v);
    }
    if (printQuery) {
        std::string soql;
        if (firstPagePath(fields, &soql).empty())
            return 1;
        std::cout << soql << "\n";
        return 0;
    }
    int out[2];
    if (pipe(out) != 0)
        return 1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string seedArg = "scale";
    const char *args[] = {emulator.c_str(), "--seed", seedArg.c_str(), "--records", records.c_str(), "--port", "0", nullptr};
    pid_t pid = 0;
    const auto seedStart = std::chrono::steady_clock::now();
    if (posix_spawn(&pid, emulator.c_str(), &actions, nullptr, const_cast<char **>(args), environ) != 0) {
        std::cerr << "cannot start " << emulator << "\n";
        return 1;
    }
    close(out[1]);
    std::string url;
    char ch;
    while (read(out[0], &ch, 1) == 1 && ch != '\n')
        url.push_back(ch);
    const double seedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - seedStart).count();
    if (url.empty()) {
        std::cerr << "sf-emulator printed no URL\n";
        return 1;
    }
    httplib::Client client(url);
    client.set_decompress(false);
    client.set_url_encode(false);
    client.set_keep_alive(true);
    client.set_read_timeout(60, 0);
    auto tok = client.Post("/services/oauth2/token", "grant_type=refresh_token&refresh_token=pos-demo-refresh&client_id=pos-demo",
                           "application/x-www-form-urlencoded");
    if (!tok || tok->status != 200) {
        std::cerr << "token refresh failed\n";
        kill(pid, SIGTERM);
        return 1;
    }
    const httplib::Headers headers = {
        {"Authorization", "Bearer " + nlohmann::json::parse(tok->body)["access_token"].get<std::string>()},
        {"Sforce-Query-Options", "batchSize=" + std::to_string(batch)}};
    std::string soql;
    std::string path = firstPagePath(fields, &soql);
    if (path.empty()) {
        kill(pid, SIGTERM);
        return 1;
    }
    const double serverCpu0 = processCpuSeconds(pid), clientCpu0 = selfCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    long long total = 0, pages = 0, bytes = 0;
    double firstPage = 0;
    // One body buffer for every page: a fresh 1.3 MB string per page made the client spend most of
    // its CPU in page faults (freed and mapped again each page), time taken from the server's cores.
    std::string body;
    body.reserve(size_t{4} << 20);
    while (!path.empty()) {
        body.clear();
        auto r = client.Get(path.c_str(), headers, [&body](const char *data, size_t length) {
            body.append(data, length);
            return true;
        });
        if (!r || r->status != 200) {
            std::cerr << "page failed: " << (r ? std::to_string(r->status) : httplib::to_string(r.error())) << "\n";
            kill(pid, SIGTERM);
            return 1;
        }
        if (++pages == 1)
            firstPage = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        bytes += static_cast<long long>(body.size());
        for (size_t p = body.find("{\"attributes\""); p != std::string::npos; p = body.find("{\"attributes\"", p + 13))
            ++total;
        const size_t k = body.find("\"nextRecordsUrl\":\"");
        path = k == std::string::npos ? std::string() : body.substr(k + 18, body.find('"', k + 18) - k - 18);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double serverCpu = processCpuSeconds(pid) - serverCpu0, clientCpu = selfCpuSeconds() - clientCpu0;
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    std::printf("seed scale %s records: ready in %.2f s\n", records.c_str(), seedSeconds);
    std::printf("query (%s fields): %s\n", fields.c_str(), soql.c_str());
    std::printf("pulled %lld records in %lld pages (%.1f MB, %.0f bytes/record) in %.3f s\n", total, pages,
                static_cast<double>(bytes) / 1e6, static_cast<double>(bytes) / static_cast<double>(total ? total : 1), seconds);
    std::printf("throughput: %.0f records/s (first page, which runs the query: %.3f s)\n",
                static_cast<double>(total) / seconds, firstPage);
    std::printf("server CPU: %.3f s = %.2f us/record; client CPU: %.3f s\n", serverCpu,
                serverCpu * 1e6 / static_cast<double>(total ? total : 1), clientCpu);
    return total > 0 ? 0 : 1;
}
