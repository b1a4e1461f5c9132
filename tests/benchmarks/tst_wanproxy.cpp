// SPDX-License-Identifier: MIT
// Sanity checks of the WAN benchmark's link (benchmarks/wan-proxy), the real binary over loopback: it
// refuses anything but loopback, carries bytes intact and counts them, and its shaping only ever slows
// bytes down by at least what it promises (the round trip on every exchange, the bandwidth shared by all
// connections). Lower bounds only: shaping can only slow down, so these cannot be flaky on a busy host;
// how close the link comes to its model is a benchmark's question, not a test's.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <random>
#include <spawn.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

/// Reads what fd has until EOF or `waitMs` without a byte; up to the first '\n' when `oneLine`.
std::string readFrom(int fd, bool oneLine, int waitMs = 10000)
{
    std::string out;
    char c = 0;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, waitMs) <= 0 || read(fd, &c, 1) != 1)
            return out;
        if (oneLine && c == '\n')
            return out;
        out += c;
    }
}

/// The proxy as a child process: its first stdout line is its address.
class ProxyProcess
{
public:
    explicit ProxyProcess(std::vector<std::string> args)
    {
        int out[2], err[2];
        EXPECT_EQ(pipe(out), 0);
        EXPECT_EQ(pipe(err), 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_adddup2(&actions, err[1], 2);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addclose(&actions, err[0]);
        args.insert(args.begin(), WAN_PROXY_PATH);
        std::vector<char *> argv;
        for (std::string &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        EXPECT_EQ(posix_spawn(&m_pid, WAN_PROXY_PATH, &actions, nullptr, argv.data(), environ), 0);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        close(err[1]);
        m_out = out[0];
        m_err = err[0];
        address = readFrom(m_out, true);
    }

    ~ProxyProcess()
    {
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
        close(m_out);
        close(m_err);
    }

    uint16_t port() const { return static_cast<uint16_t>(std::stoi(address.substr(address.rfind(':') + 1))); }

    /// The SIGUSR1 report, the proxy still running.
    std::string snapshot()
    {
        kill(m_pid, SIGUSR1);
        return readFrom(m_out, true);
    }

    /// SIGTERM; the report line and the exit status.
    std::string stop(int *status)
    {
        kill(m_pid, SIGTERM);
        return finish(status);
    }

    /// Waits for the process to end by itself: what it wrote and its exit status.
    std::string finish(int *status, std::string *errors = nullptr)
    {
        const std::string out = readFrom(m_out, false);
        if (errors)
            *errors = readFrom(m_err, false);
        int raw = 0;
        waitpid(m_pid, &raw, 0);
        m_pid = -1;
        *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        return out;
    }

    std::string address;

private:
    pid_t m_pid = -1;
    int m_out = -1;
    int m_err = -1;
};

/// A figure from the report's JSON line ("name":number).
double reported(const std::string &line, const std::string &name)
{
    const size_t at = line.find("\"" + name + "\":");
    return at == std::string::npos ? -1 : std::stod(line.substr(at + name.size() + 3));
}

int listenLoopback(uint16_t *port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
    EXPECT_EQ(listen(fd, 16), 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    *port = ntohs(a.sin_port);
    return fd;
}

int connectLoopback(uint16_t port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
    return fd;
}

bool sendAll(int fd, const char *data, size_t n)
{
    while (n > 0) {
        const ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
        if (w <= 0)
            return false;
        data += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

/// Reads exactly n bytes (fewer on EOF or error).
std::string receive(int fd, size_t n)
{
    std::string out(n, '\0');
    size_t got = 0;
    while (got < n) {
        const ssize_t r = recv(fd, out.data() + got, n - got, 0);
        if (r <= 0)
            break;
        got += static_cast<size_t>(r);
    }
    out.resize(got);
    return out;
}

/// The server behind the proxy: accepts `connections` connections, each handled on its own thread.
class Upstream
{
public:
    template<typename Handler>
    Upstream(int connections, Handler handler)
    {
        m_listen = listenLoopback(&port);
        m_acceptor = std::thread([this, connections, handler] {
            for (int i = 0; i < connections; ++i) {
                const int fd = accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
                if (fd < 0)
                    return;
                m_handlers.emplace_back([fd, handler] {
                    handler(fd);
                    close(fd);
                });
            }
        });
    }

    ~Upstream()
    {
        shutdown(m_listen, SHUT_RDWR);
        m_acceptor.join();
        for (std::thread &t : m_handlers)
            t.join();
        close(m_listen);
    }

    uint16_t port = 0;

private:
    int m_listen = -1;
    std::thread m_acceptor;
    std::vector<std::thread> m_handlers;
};

void echo(int fd)
{
    char buf[65536];
    for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;)
        if (!sendAll(fd, buf, static_cast<size_t>(n)))
            return;
    shutdown(fd, SHUT_WR);
}

std::string target(uint16_t port)
{
    return "127.0.0.1:" + std::to_string(port);
}

TEST(WanProxy, RefusesToListenOnOrForwardToAnythingButLoopbackAndBadValues)
{
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--to", "127.0.0.1:9", "--listen", "0.0.0.0:0"}, "0.0.0.0 is not a loopback address"},
        {{"--to", "192.168.1.1:80"}, "192.168.1.1 is not a loopback address"},
        {{"--to", "[::ffff:10.0.0.1]:80"}, "is not a loopback address"},
        {{"--to", "127.0.0.1:9", "--listen", "[::]:0"}, "is not a loopback address"},
        {{"--to", "example.com:80"}, "names are not resolved"},
        {{"--to", "127.0.0.1:0"}, "port, not 0"},
        {{"--to", "127.0.0.1:70000"}, "not a port"},
        {{"--to", "127.0.0.1:9", "--rtt-ms", "-5"}, "--rtt-ms '-5' is out of range"},
        {{"--to", "127.0.0.1:9", "--mbit", "fast"}, "--mbit 'fast' is out of range"},
        {{"--to", "127.0.0.1:9", "--handshake-rtts", "1.5"}, "out of range"},
        {{"--rtt-ms", "100"}, "--to is required"},
        {{"--to"}, "--to needs a value"},
    };
    for (const auto &[args, why] : cases) {
        ProxyProcess proxy(args);
        int status = 0;
        std::string errors;
        proxy.finish(&status, &errors);
        EXPECT_EQ(status, 2) << args[0] << " " << args.back();
        EXPECT_TRUE(proxy.address.empty()) << "it listened: " << proxy.address;
        EXPECT_NE(errors.find(why), std::string::npos) << errors;
    }
}

TEST(WanProxy, CarriesBytesIntactBothWaysWithHalfCloseAndReportsThem)
{
    Upstream server(1, echo);
    ProxyProcess proxy({"--to", target(server.port), "--rtt-ms", "0", "--mbit", "0", "--handshake-rtts", "0"});
    ASSERT_FALSE(proxy.address.empty());
    std::string data(1 << 20, '\0');
    std::mt19937 rng(7);
    for (char &c : data)
        c = static_cast<char>(rng());
    const int fd = connectLoopback(proxy.port());
    std::thread writer([&] {
        sendAll(fd, data.data(), data.size());
        shutdown(fd, SHUT_WR); // the echo server sees EOF only through the proxy's half-close
    });
    const std::string back = receive(fd, data.size() + 1); // +1: returns at the echo's EOF
    writer.join();
    close(fd);
    EXPECT_TRUE(back == data) << "got " << back.size() << " of " << data.size() << " bytes, or other bytes";
    const std::string snapshot = proxy.snapshot();
    EXPECT_NE(snapshot.find("\"event\":\"snapshot\""), std::string::npos) << snapshot;
    int status = -1;
    const std::string report = proxy.stop(&status);
    EXPECT_EQ(status, 0);
    EXPECT_NE(report.find("\"event\":\"final\""), std::string::npos) << report;
    EXPECT_EQ(reported(report, "upBytes"), data.size()) << report;
    EXPECT_EQ(reported(report, "downBytes"), data.size()) << report;
    EXPECT_EQ(reported(report, "connections"), 1) << report;
}

TEST(WanProxy, AddsTheRoundTripToEveryExchangeAndTheHandshakeToANewConnection)
{
    constexpr double rttMs = 150;
    Upstream server(1, echo);
    ProxyProcess proxy({"--to", target(server.port), "--rtt-ms", "150", "--mbit", "0", "--handshake-rtts", "1"});
    ASSERT_FALSE(proxy.address.empty());
    const Clock::time_point connected = Clock::now();
    const int fd = connectLoopback(proxy.port());
    ASSERT_TRUE(sendAll(fd, "x", 1));
    EXPECT_EQ(receive(fd, 1), "x");
    // A new connection: the handshake's round trip, then the request's.
    EXPECT_GE(msSince(connected), 2 * rttMs);
    for (int i = 0; i < 4; ++i) {
        // Data on an open connection waits too: the stream is delayed, not only its set-up.
        const Clock::time_point sent = Clock::now();
        ASSERT_TRUE(sendAll(fd, "ping", 4));
        EXPECT_EQ(receive(fd, 4), "ping");
        EXPECT_GE(msSince(sent), rttMs) << "exchange " << i;
    }
    shutdown(fd, SHUT_WR);
    EXPECT_EQ(receive(fd, 1), ""); // the echo's FIN came back through the proxy
    close(fd);
}

TEST(WanProxy, BandwidthIsSharedByAllConnectionsInEachDirection)
{
    // 8 Mbit/s = 1,000,000 bytes/s each way; two connections of 250,000 bytes each way need >= 0.5 s
    // per direction together (0.25 s each if the limit were per connection).
    constexpr size_t perConnection = 250000;
    constexpr double bytesPerMs = 1000;
    std::atomic<size_t> received{0};
    std::atomic<int64_t> lastUpByteNs{0};
    Upstream server(2, [&](int fd) {
        // Takes the client's bytes, then sends as many back.
        const std::string in = receive(fd, perConnection);
        received += in.size();
        lastUpByteNs = std::max<int64_t>(lastUpByteNs, Clock::now().time_since_epoch().count());
        const std::string out(perConnection, 'd');
        sendAll(fd, out.data(), out.size());
    });
    ProxyProcess proxy({"--to", target(server.port), "--rtt-ms", "0", "--mbit", "8", "--handshake-rtts", "0"});
    ASSERT_FALSE(proxy.address.empty());
    const Clock::time_point start = Clock::now();
    std::vector<std::thread> clients;
    std::atomic<size_t> downloaded{0};
    for (int i = 0; i < 2; ++i)
        clients.emplace_back([&] {
            const int fd = connectLoopback(proxy.port());
            const std::string up(perConnection, 'u');
            sendAll(fd, up.data(), up.size());
            downloaded += receive(fd, perConnection).size();
            close(fd);
        });
    for (std::thread &t : clients)
        t.join();
    const double allMs = msSince(start);
    ASSERT_EQ(received, 2 * perConnection);
    ASSERT_EQ(downloaded, 2 * perConnection);
    const double upMs = std::chrono::duration<double, std::milli>(Clock::time_point(Clock::duration(lastUpByteNs.load())) - start).count();
    EXPECT_GE(upMs, 2 * perConnection / bytesPerMs) << "client -> server";
    // Each direction has its own link: the answers could only start once their requests had arrived.
    EXPECT_GE(allMs, 2 * perConnection / bytesPerMs + perConnection / bytesPerMs) << "both ways";
    int status = -1;
    const std::string report = proxy.stop(&status);
    EXPECT_GE(reported(report, "downLinkSeconds"), 0.5) << report;
    EXPECT_GE(reported(report, "upLinkSeconds"), 0.5) << report;
}

} // namespace
