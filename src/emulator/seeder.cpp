// SPDX-License-Identifier: MIT
// Seeder: the seeded objects and values, inserted in one transaction.
#include "emulator/seeder.h"

#include "soql/datetime.h"
#include "soql/ids.h"

#include <cmath>
#include <cstdio>

namespace emu {

using Row = OrgStore::Row;

namespace {
const char *kCities[] = {"Lisbon", "Porto", "Madrid", "Lyon", "Milan", "Berlin", "Vienna", "Prague"};
const char *kCategories[] = {"Beverages", "Snacks", "Dairy", "Bakery", "Produce", "Frozen", "Household", "Personal Care"};
const char *kNouns[] = {"Cola", "Lemonade", "Espresso", "Croissant", "Yogurt", "Apples", "Crisps", "Soap",
                        "Baguette", "Ice Cream", "Tea", "Cheddar", "Granola", "Orange Juice", "Muffin", "Shampoo"};
const char *kSizes[] = {"Small", "Regular", "Large", "Family Pack", "Twin Pack", "Value"};
const char *kFirst[] = {"Ana", "Bruno", "Carla", "David", "Elena", "Filipe", "Greta", "Hugo", "Ines", "Jonas",
                        "Klara", "Luis", "Marta", "Nuno", "Olga", "Pedro"};
const char *kLast[] = {"Silva", "Santos", "Garcia", "Muller", "Rossi", "Dubois", "Novak", "Costa", "Weber",
                       "Ferreira", "Martin", "Bianchi", "Schmidt", "Lopez", "Moreau", "Horvat"};
const char *kStatus[] = {"Open", "Paid", "Paid", "Paid", "Refunded", "Cancelled"};
const char *kWords[] = {"fresh", "crisp", "classic", "organic", "local", "premium", "everyday", "seasonal",
                        "smooth", "rich", "light", "zesty", "golden", "hand-picked", "slow-baked", "chilled"};

template<size_t N>
const char *pick(const char *(&arr)[N], uint64_t i)
{
    return arr[i % N];
}

uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

std::string pad(uint64_t n, int width)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(n));
    return buf;
}

std::string ean13(uint64_t n)
{
    std::string d = "400" + pad(n % 1000000000ULL, 9);
    int sum = 0;
    for (size_t i = 0; i < 12; ++i)
        sum += (d[i] - '0') * (i % 2 ? 3 : 1);
    d.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
    return d;
}

std::string description(uint64_t i, size_t targetLength)
{
    std::string s = "A ";
    uint64_t h = mix(i * 7 + 3);
    while (s.size() < targetLength) {
        s += pick(kWords, h);
        s += ' ';
        h = mix(h);
    }
    s.resize(targetLength);
    s += '.';
    return s;
}

struct Times
{
    std::string created, modified;
};

Times times(uint64_t i, int64_t stepMs, int64_t objectOffsetMs)
{
    const int64_t created = Seeder::kBaseMs + objectOffsetMs + static_cast<int64_t>(i) * stepMs;
    const int64_t modified = created + static_cast<int64_t>(mix(i) % 100000) * 1000;
    return {soql::formatDateTime(created - created % 1000), soql::formatDateTime(modified - modified % 1000)};
}

void setTimes(Row &row, uint64_t i, int64_t stepMs, int64_t offsetMs)
{
    const Times t = times(i, stepMs, offsetMs);
    row[2] = t.created;
    row[3] = t.modified;
    row[4] = t.modified;
    row[5] = int64_t{0};
}

double money(uint64_t h, int maxCents)
{
    return static_cast<double>(h % static_cast<uint64_t>(maxCents) + 99) / 100.0;
}

void seedProducts(OrgStore &store, const ObjectDef &obj, int64_t n, size_t descLength)
{
    for (int64_t k = 1; k <= n; ++k) {
        const auto i = static_cast<uint64_t>(k);
        const uint64_t h = mix(i);
        Row row(obj.schema.fields.size());
        row[1] = std::string(pick(kNouns, h)) + " " + pick(kSizes, h >> 8) + " " + pad(i, 6);
        setTimes(row, i, 20000, 0);
        row[6] = "SKU-" + pad(i, 7);
        row[7] = money(h >> 16, 5000);
        row[8] = std::string(pick(kCategories, h >> 24));
        row[9] = ean13(i);
        row[10] = description(i, descLength);
        row[11] = int64_t{i % 17 != 0};
        store.insertRow(obj, std::move(row), {});
    }
}
} // namespace

std::string Seeder::outletId(int n)
{
    return soql::makeId("a00", static_cast<uint64_t>(n));
}

bool Seeder::seed(OrgStore &store, const ObjectCatalog &catalog, const std::string &name, int64_t records,
                  std::string *error)
{
    struct Counts
    {
        int64_t outlets, shifts, contacts, products, orders;
    };
    Counts c{};
    if (name == "demo")
        c = {20, 2000, 20000, 100000, 200000};
    else if (name == "small")
        c = {3, 30, 200, 1000, 2000};
    else if (name == "scale")
        c = {0, 0, 0, records > 0 ? records : 1000000, 0};
    else if (name != "none") {
        if (error)
            *error = "unknown seed '" + name + "' (use demo, small, scale or none)";
        return false;
    }
    const ObjectDef &outlet = *catalog.find("s_c__outlet__c");
    const ObjectDef &shift = *catalog.find("s_c__shift__c");
    const ObjectDef &contact = *catalog.find("Contact");
    const ObjectDef &product = *catalog.find("s_c__product__c");
    const ObjectDef &order = *catalog.find("s_c__order__c");

    store.begin();
    for (int64_t k = 1; k <= c.outlets; ++k) {
        const auto i = static_cast<uint64_t>(k);
        Row row(outlet.schema.fields.size());
        row[1] = "Outlet " + std::to_string(k) + " " + pick(kCities, i - 1);
        setTimes(row, i, 60000, 0);
        row[6] = "O-" + std::to_string(k);
        row[7] = std::string(pick(kCities, i - 1));
        row[8] = int64_t{1};
        store.insertRow(outlet, std::move(row), {});
    }
    for (int64_t k = 1; k <= c.shifts; ++k) {
        const auto i = static_cast<uint64_t>(k);
        Row row(shift.schema.fields.size());
        setTimes(row, i, 30000, 1000);
        row[6] = outletId(static_cast<int>((i - 1) % static_cast<uint64_t>(c.outlets)) + 1);
        const int64_t start = kBaseMs + static_cast<int64_t>(i) * 3600000;
        row[7] = soql::formatDateTime(start);
        row[8] = soql::formatDateTime(start + 8 * 3600000);
        row[9] = std::string(i % 5 == 0 ? "Open" : "Closed");
        store.insertRow(shift, std::move(row), {});
    }
    for (int64_t k = 1; k <= c.contacts; ++k) {
        const auto i = static_cast<uint64_t>(k);
        const uint64_t h = mix(i + 1000);
        Row row(contact.schema.fields.size());
        setTimes(row, i, 15000, 2000);
        const std::string first = pick(kFirst, h), last = pick(kLast, h >> 8);
        row[6] = first;
        row[7] = last;
        row[8] = first + "." + last + "." + std::to_string(k) + "@example.com";
        for (auto &ch : std::get<std::string>(row[8]))
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        row[9] = "+351 21 " + pad(h % 10000000, 7);
        store.insertRow(contact, std::move(row), {});
    }
    seedProducts(store, product, c.products, name == "scale" ? 150 : 190);
    for (int64_t k = 1; k <= c.orders; ++k) {
        const auto i = static_cast<uint64_t>(k);
        const uint64_t h = mix(i + 77);
        Row row(order.schema.fields.size());
        setTimes(row, i, 10000, 3000);
        row[6] = outletId(static_cast<int>((i - 1) % static_cast<uint64_t>(c.outlets)) + 1);
        row[7] = c.contacts > 0 && i % 3 == 0 ? soql::SqlValue{soql::makeId("003", h % static_cast<uint64_t>(c.contacts) + 1)}
                                              : soql::SqlValue{};
        row[8] = money(h, 20000);
        row[9] = std::string(pick(kStatus, h >> 20));
        row[10] = std::get<std::string>(row[2]).substr(0, 10);
        row[11] = static_cast<int64_t>(h % 12 + 1);
        row[12] = "seed-" + pad(i, 9);
        store.insertRow(order, std::move(row), {});
    }
    store.markSeeded(name);
    store.commit();
    store.createIndexes();
    return true;
}

} // namespace emu
