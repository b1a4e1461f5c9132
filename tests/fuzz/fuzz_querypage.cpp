// SPDX-License-Identifier: MIT
// libFuzzer target: differential test of QueryPage::parse (the hand-written SWAR scanner) against a
// reference reading of the same bytes built on nlohmann::json. The input is the response body.
//
// The reference is the contract of a query page, applied to nlohmann's DOM:
//  - the body is one JSON object (RFC 8259 grammar, UTF-8, no byte-order mark, no NUL byte:
//    nlohmann stops reading at one), strings without unpaired surrogate escapes;
//  - totalSize, if present, is an integer (at most 18 characters: a count, never 1.0 or 1e3);
//    done is true, false or null (null: absent); nextRecordsUrl is a string or null; records is an
//    array or null; any other member is ignored whatever its value;
//  - without records and without a non-negative totalSize it is not a query response;
//  - a page says more pages follow exactly when it has a non-empty nextRecordsUrl; done:false
//    without one is refused; done:true with one means more pages (the URL wins, reference 8.2.10);
//  - a key that appears twice where it decides something is refused rather than guessed: totalSize,
//    done, nextRecordsUrl, records at the top; Id, SystemModstamp, IsDeleted in a record (RFC 8259
//    leaves duplicate names unpredictable; the Id column and the stored payload must agree);
//  - keys are compared decoded: "\u0049d" is Id;
//  - each element of records is a record when it is an object whose Id is a non-empty string; any
//    other element is counted in skippedWithoutId. A record's SystemModstamp is its string value or
//    empty, IsDeleted is true only for the literal true;
//  - a record's payload is its own JSON text without the "attributes" member: it must parse alone
//    and mean the same as the record object less attributes (the same value under nlohmann). Only
//    the first attributes member is the server's; a repeated one is data and stays, so such a
//    payload means the record object as nlohmann reads it (the last attributes kept).
//    Where the scanner marks the Id's or SystemModstamp's bytes in the payload, those bytes are the
//    value's UTF-8.
//
// Where the two may differ (and nothing else may):
//  - nesting: the scanner refuses documents nested deeper than 64 levels; nlohmann has no limit. A
//    refusal is accepted when the reference finds more than 60 levels (the scanner counts from the
//    member values, the reference from the top object);
//  - numbers out of double range (1e999): nlohmann refuses them ("number overflow"); the scanner
//    only checks the grammar of numbers it does not read. No verdict is compared for such bodies.
// Any other difference (verdict, record list, Id, SystemModstamp, IsDeleted, payload meaning, the
// skipped count, totalSize, done, nextRecordsUrl) aborts with both readings printed.
#include "net/querypage.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

struct RefRecord
{
    std::string id;
    std::string modstamp;
    bool isDeleted = false;
    json payload; ///< the record object less "attributes"
};

struct RefPage
{
    int64_t totalSize = -1;
    bool done = true;
    std::string nextRecordsUrl;
    std::vector<RefRecord> records;
    int64_t skipped = 0;
};

enum class Verdict { Accept, Reject, Unspecified };

struct Reference
{
    Verdict verdict = Verdict::Reject;
    RefPage page;
    int maxDepth = 0;
    std::string why;
};

/// Records duplicate keys of the top object and of record objects, and the deepest nesting, while
/// nlohmann parses (its callback sees every key before the DOM keeps only the last one).
class DuplicateWatch
{
public:
    bool topDuplicate = false;
    bool recordDuplicate = false;
    int maxDepth = 0;
    std::vector<bool> attributesRepeated; ///< per record object, in order

    bool event(json::parse_event_t e, const json &parsed)
    {
        switch (e) {
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start:
            m_stack.push_back({e == json::parse_event_t::object_start, m_stack.empty() ? "" : m_stack.back().lastKey, {}, {}});
            maxDepth = std::max<int>(maxDepth, int(m_stack.size()));
            if (inRecord())
                attributesRepeated.push_back(false);
            break;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
            if (!m_stack.empty())
                m_stack.pop_back();
            break;
        case json::parse_event_t::key: {
            Level &l = m_stack.back();
            l.lastKey = parsed.get<std::string>();
            const bool again = !l.keys.insert(l.lastKey).second;
            if (!again)
                break;
            static const std::set<std::string> top{"totalSize", "done", "nextRecordsUrl", "records"};
            static const std::set<std::string> rec{"Id", "SystemModstamp", "IsDeleted"};
            if (m_stack.size() == 1 && top.count(l.lastKey))
                topDuplicate = true;
            if (inRecord() && rec.count(l.lastKey))
                recordDuplicate = true;
            if (inRecord() && l.lastKey == "attributes")
                attributesRepeated.back() = true;
            break;
        }
        case json::parse_event_t::value:
            break;
        }
        return true;
    }

private:
    /// The innermost container is an object element of the top object's "records" array.
    bool inRecord() const
    {
        return m_stack.size() == 3 && m_stack[0].isObject && !m_stack[1].isObject && m_stack[1].key == "records"
            && m_stack[2].isObject;
    }

    struct Level
    {
        bool isObject;
        std::string key; ///< the key this container is the value of (in its parent object)
        std::set<std::string> keys;
        std::string lastKey;
    };
    std::vector<Level> m_stack;
};

Reference reference(const uint8_t *data, size_t size)
{
    Reference r;
    if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
        r.why = "byte-order mark"; // nlohmann skips it; a query response never has one
        return r;
    }
    if (std::memchr(data, 0, size)) {
        // nlohmann takes a NUL byte for the end of the input (C strings) and ignores what follows;
        // in JSON a raw NUL is never valid (inside a string it is a control character).
        r.why = "NUL byte";
        return r;
    }
    DuplicateWatch watch;
    json doc;
    try {
        doc = json::parse(data, data + size,
                          [&watch](int, json::parse_event_t e, json &parsed) { return watch.event(e, parsed); });
    } catch (const json::exception &e) { // parse_error, or out_of_range for a number overflow
        r.maxDepth = watch.maxDepth;
        const std::string what = e.what();
        if (what.find("number overflow") != std::string::npos)
            r.verdict = Verdict::Unspecified;
        r.why = what;
        return r;
    }
    r.maxDepth = watch.maxDepth;
    auto reject = [&r](const char *why) {
        r.verdict = Verdict::Reject;
        r.why = why;
        return r;
    };
    if (!doc.is_object())
        return reject("not an object");
    if (watch.topDuplicate)
        return reject("duplicate top-level key");
    if (watch.recordDuplicate)
        return reject("duplicate record key");
    RefPage &p = r.page;
    bool sawDone = false, sawRecords = false;
    if (auto it = doc.find("totalSize"); it != doc.end()) {
        if (!it->is_number_integer()) // signed or unsigned; 1.0 and 1e3 are floats
            return reject("totalSize not an integer");
        if (it->dump().size() > 18)
            return reject("totalSize longer than 18 characters");
        p.totalSize = it->is_number_unsigned() ? int64_t(it->get<uint64_t>()) : it->get<int64_t>();
    }
    if (auto it = doc.find("done"); it != doc.end()) {
        if (it->is_boolean()) {
            p.done = it->get<bool>();
            sawDone = true;
        } else if (!it->is_null()) {
            return reject("done not a boolean");
        }
    }
    if (auto it = doc.find("nextRecordsUrl"); it != doc.end()) {
        if (it->is_string())
            p.nextRecordsUrl = it->get<std::string>();
        else if (!it->is_null())
            return reject("nextRecordsUrl not a string");
    }
    if (auto it = doc.find("records"); it != doc.end()) {
        sawRecords = true;
        if (it->is_array()) {
            size_t objectIndex = 0;
            for (const json &e : *it) {
                const bool attributesRepeated = e.is_object() && watch.attributesRepeated.at(objectIndex++);
                const auto id = e.is_object() ? e.find("Id") : e.end();
                if (!e.is_object() || id == e.end() || !id->is_string() || id->get<std::string>().empty()) {
                    ++p.skipped;
                    continue;
                }
                RefRecord rec;
                rec.id = id->get<std::string>();
                if (auto m = e.find("SystemModstamp"); m != e.end() && m->is_string())
                    rec.modstamp = m->get<std::string>();
                if (auto d = e.find("IsDeleted"); d != e.end() && d->is_boolean())
                    rec.isDeleted = d->get<bool>();
                rec.payload = e;
                if (!attributesRepeated)
                    rec.payload.erase("attributes");
                p.records.push_back(std::move(rec));
            }
        } else if (!it->is_null()) {
            return reject("records not an array");
        }
    }
    if (!sawRecords && p.totalSize < 0)
        return reject("not a query response");
    if (!sawDone)
        p.done = p.nextRecordsUrl.empty();
    if (p.done && !p.nextRecordsUrl.empty())
        p.done = false;
    if (!p.done && p.nextRecordsUrl.empty())
        return reject("done:false without nextRecordsUrl");
    r.verdict = Verdict::Accept;
    return r;
}

[[noreturn]] void diverge(const std::string &what, const QByteArray &body, const Reference &ref, const QString &error)
{
    std::fprintf(stderr, "DIVERGENCE: %s\nreference: %s (depth %d)\nscanner error: %s\nbody (%lld bytes): %.*s\n",
                 what.c_str(), ref.why.c_str(), ref.maxDepth, error.toStdString().c_str(),
                 static_cast<long long>(body.size()), int(std::min<qsizetype>(body.size(), 2000)), body.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A detached copy, so that ASan sees reads past the body's last byte (fromRawData would share it).
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<posdata::QueryPage> page = posdata::QueryPage::parse(body, &error);
    const Reference ref = reference(data, size);

    if (!page) {
        if (error.isEmpty())
            diverge("refused without a message", body, ref, error);
        if (ref.verdict == Verdict::Accept && !(ref.maxDepth > 60 && error.contains(QLatin1String("nesting too deep"))))
            diverge("scanner refused a page the reference accepts", body, ref, error);
        return 0;
    }
    if (ref.verdict == Verdict::Unspecified)
        return 0;
    if (ref.verdict == Verdict::Reject)
        diverge("scanner accepted a page the reference refuses", body, ref, error);

    const RefPage &want = ref.page;
    if (page->totalSize != want.totalSize)
        diverge("totalSize", body, ref, error);
    if (page->done != want.done)
        diverge("done", body, ref, error);
    if (page->nextRecordsUrl.toUtf8().toStdString() != want.nextRecordsUrl)
        diverge("nextRecordsUrl", body, ref, error);
    if (page->skippedWithoutId != want.skipped)
        diverge("skippedWithoutId", body, ref, error);
    if (size_t(page->records.size()) != want.records.size())
        diverge("record count", body, ref, error);
    for (qsizetype i = 0; i < page->records.size(); ++i) {
        const posdata::IncomingRecord &got = page->records.at(i);
        const RefRecord &exp = want.records.at(size_t(i));
        if (got.id.toUtf8().toStdString() != exp.id)
            diverge("Id of record " + std::to_string(i), body, ref, error);
        if (got.systemModstamp.toUtf8().toStdString() != exp.modstamp)
            diverge("SystemModstamp of record " + std::to_string(i), body, ref, error);
        if (got.isDeleted != exp.isDeleted)
            diverge("IsDeleted of record " + std::to_string(i), body, ref, error);
        const json payload = json::parse(got.payload.constBegin(), got.payload.constEnd(), nullptr, false);
        if (payload.is_discarded())
            diverge("payload of record " + std::to_string(i) + " is not JSON: " + got.payload.toStdString(), body,
                    ref, error);
        if (payload != exp.payload)
            diverge("payload of record " + std::to_string(i) + " means something else: " + got.payload.toStdString(),
                    body, ref, error);
        // Marked bytes are what the store writes as the Id and SystemModstamp columns.
        const auto marked = [&](qint32 at, qint32 n, const QString &value, const char *what) {
            if (at < 0) {
                if (n != 0)
                    diverge(std::string(what) + " size without a position", body, ref, error);
                return;
            }
            if (n < 0 || qsizetype(at) + n > got.payload.size() || got.payload.mid(at, n) != value.toUtf8())
                diverge(std::string(what) + " marked at the wrong bytes of record " + std::to_string(i), body, ref,
                        error);
        };
        marked(got.idAt, got.idSize, got.id, "Id");
        marked(got.modstampAt, got.modstampSize, got.systemModstamp, "SystemModstamp");
    }
    return 0;
}
