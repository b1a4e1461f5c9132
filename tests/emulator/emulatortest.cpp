// SPDX-License-Identifier: MIT
// The emulator tests' shared helpers: query encoding, a page's Ids and raw HTTP over a socket.
#include "emulatortest.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <cstdio>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace emutest {

DataFile::DataFile()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "emu-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        ADD_FAILURE() << "cannot create a folder from " << pattern << ": " << std::strerror(errno);
        return;
    }
    m_dir = pattern;
    m_file = (m_dir / "org.db").string();
}

DataFile::~DataFile()
{
    std::error_code ignored; // a folder left behind in /tmp is no reason to fail a test
    if (!m_dir.empty())
        std::filesystem::remove_all(m_dir, ignored);
}

std::unique_ptr<emu::Emulator> openOrg(const std::string &file, const std::string &seed)
{
    emu::EmulatorOptions o;
    o.seed = seed;
    o.dataFile = file;
    auto e = std::make_unique<emu::Emulator>(o);
    std::string error;
    if (!e->init(&error)) {
        ADD_FAILURE() << file << " (seed " << seed << "): " << error;
        return nullptr;
    }
    return e;
}

std::vector<std::string> idsOf(const json &page)
{
    std::vector<std::string> out;
    for (const auto &r : page["records"])
        out.push_back(r["Id"]);
    return out;
}

std::string enc(const std::string &s)
{
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == ',' || c == '(' || c == ')')
            out.push_back(static_cast<char>(c));
        else if (c == ' ')
            out.push_back('+');
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

int connectTo(uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

RawAnswer rawRequest(uint16_t port, const std::string &request)
{
    RawAnswer a;
    const int fd = connectTo(port);
    if (fd < 0)
        return a;
    size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += static_cast<size_t>(n);
    }
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string all;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
        all.append(buf, static_cast<size_t>(n));
    ::close(fd);
    const size_t end = all.find("\r\n\r\n");
    if (end == std::string::npos)
        return a;
    a.head = all.substr(0, end);
    a.body = all.substr(end + 4);
    std::string lower = a.head;
    for (auto &c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t cl = lower.find("content-length:");
    if (cl != std::string::npos)
        a.contentLength = std::stol(lower.substr(cl + 15));
    return a;
}

int RawAnswer::status() const
{
    // "HTTP/1.1 200 OK"
    return head.size() >= 12 ? std::atoi(head.substr(9, 3).c_str()) : 0;
}

std::string RawAnswer::header(const std::string &name) const
{
    std::string lowerHead = head, lowerName = name + ":";
    for (auto &c : lowerHead)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto &c : lowerName)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t at = lowerHead.find("\r\n" + lowerName);
    if (at == std::string::npos)
        return {};
    size_t begin = at + 2 + lowerName.size();
    const size_t end = head.find("\r\n", begin);
    std::string value = head.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    value.erase(0, value.find_first_not_of(' '));
    return value;
}

} // namespace emutest
