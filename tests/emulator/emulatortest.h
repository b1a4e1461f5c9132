// SPDX-License-Identifier: MIT
// The emulator tests' shared fixture: an in-process EmulatorServer (seed "small") reached over
// loopback with cpp-httplib's client, plus raw-socket helpers for what a client library would hide.
#pragma once

#include "emulator/emulatorserver.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace emutest {

using nlohmann::json;

inline const std::string kV = "/services/data/v62.0";

/// Query-string encoding as clients do it: space as +, the rest percent-encoded.
std::string enc(const std::string &s);

/// The Ids of a query page's records, in order.
std::vector<std::string> idsOf(const json &page);

/// A --data file in a new folder of its own under the temp folder; the folder goes with this.
class DataFile
{
public:
    DataFile();
    ~DataFile();
    DataFile(const DataFile &) = delete;
    DataFile &operator=(const DataFile &) = delete;
    const std::string &path() const { return m_file; }

private:
    std::filesystem::path m_dir;
    std::string m_file;
};

/// An emulator on the data file `file` with `seed` (what `sf-emulator --seed S --data F` opens),
/// initialised; nullptr and a test failure when it cannot be.
std::unique_ptr<emu::Emulator> openOrg(const std::string &file, const std::string &seed);

class EmulatorTest : public ::testing::Test
{
protected:
    void SetUp() override { startServer({}); }

    void startServer(emu::EmulatorOptions o)
    {
        server.reset();
        o.seed = o.seed == "demo" ? "small" : o.seed;
        server = std::make_unique<emu::EmulatorServer>(o);
        std::string error;
        ASSERT_TRUE(server->start(&error)) << error;
        client = std::make_unique<httplib::Client>(server->url());
        client->set_read_timeout(10, 0);
        client->set_url_encode(false); // the tests encode; httplib would turn + into %2B
        token = refresh();
    }

    std::string refresh()
    {
        auto r = client->Post("/services/oauth2/token",
                              "grant_type=refresh_token&refresh_token=pos-demo-refresh&client_id=pos-demo",
                              "application/x-www-form-urlencoded");
        if (!r || r->status != 200)
            return {};
        return json::parse(r->body)["access_token"].get<std::string>();
    }

    httplib::Headers auth(httplib::Headers extra = {}) const
    {
        extra.emplace("Authorization", "Bearer " + token);
        return extra;
    }

    httplib::Result get(const std::string &path, httplib::Headers extra = {})
    {
        return client->Get(path.c_str(), auth(std::move(extra)));
    }

    json getJson(const std::string &path, int expectStatus = 200, httplib::Headers extra = {})
    {
        auto r = get(path, std::move(extra));
        EXPECT_TRUE(r) << path;
        if (!r)
            return {};
        EXPECT_EQ(r->status, expectStatus) << path << " " << r->body;
        EXPECT_EQ(r->get_header_value("Content-Type"), "application/json;charset=UTF-8");
        return json::parse(r->body);
    }

    json query(const std::string &soql, int expectStatus = 200, const std::string &resource = "query",
               httplib::Headers extra = {})
    {
        return getJson(kV + "/" + resource + "?q=" + enc(soql), expectStatus, std::move(extra));
    }

    httplib::Result send(const std::string &method, const std::string &path, const json &body)
    {
        const std::string b = body.dump();
        if (method == "POST")
            return client->Post(path.c_str(), auth(), b, "application/json");
        if (method == "PATCH")
            return client->Patch(path.c_str(), auth(), b, "application/json");
        return client->Delete(path.c_str(), auth(), b, "application/json");
    }

    json queryAllFirst()
    {
        return query("SELECT Id, IsDeleted FROM s_c__product__c ORDER BY Id", 200, "queryAll",
                     {{"Sforce-Query-Options", "batchSize=200"}});
    }

    static std::string errorCode(const json &body)
    {
        return body.is_array() && !body.empty() ? body[0].value("errorCode", "") : "";
    }

    std::unique_ptr<emu::EmulatorServer> server;
    std::unique_ptr<httplib::Client> client;
    std::string token;
};

// Reads a raw HTTP answer to the end of the connection: headers, then however much body came.
struct RawAnswer
{
    std::string head, body;
    long contentLength = -1;
    int status() const;
    /// The value of a response header (any case), "" when absent.
    std::string header(const std::string &name) const;
};

/// A blocking TCP socket connected to 127.0.0.1:`port`, or -1; the caller closes it.
int connectTo(uint16_t port);

/// Sends `request` as is on a fresh loopback connection to `port` and reads until the server closes
/// it (or 10 s pass).
RawAnswer rawRequest(uint16_t port, const std::string &request);

} // namespace emutest
