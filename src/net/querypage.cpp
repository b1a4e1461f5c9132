// SPDX-License-Identifier: MIT
// QueryPage::parse: the validating single-pass scanner of /query pages (JSON grammar, UTF-8, the
// three fields the store needs, each record's raw JSON kept as its payload).
#include "querypage.h"

#include <QtAlgorithms>
#include <QtEndian>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace posdata {

namespace {

constexpr int kMaxDepth = 64; // deeper nesting is an attack or a bug, not a Salesforce record

/// A strict JSON scanner over one buffer; on the first error it stops with a message.
class Scanner
{
public:
    Scanner(const char *begin, const char *end) : m_begin(begin), m_p(begin), m_end(end) { }

    QString error;

    bool fail(const char *what)
    {
        if (error.isEmpty())
            error = QStringLiteral("malformed JSON at byte %1: %2").arg(m_p - m_begin).arg(QLatin1String(what));
        return false;
    }

    void ws()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool atEnd() { ws(); return m_p >= m_end; }
    bool peek(char c) { ws(); return m_p < m_end && *m_p == c; }
    bool expect(char c)
    {
        ws();
        if (m_p >= m_end)
            return fail("unexpected end of body (truncated)");
        if (*m_p != c)
            return fail("unexpected character");
        ++m_p;
        return true;
    }
    const char *pos() const { return m_p; }

    /// What follows a member of an object or an element of an array: a ',' (another comes) or the
    /// `close` that ends it, either consumed; anything else fails.
    enum class Next { More, Closed, Failed };
    Next next(char close)
    {
        if (peek(',')) {
            ++m_p;
            return Next::More;
        }
        return expect(close) ? Next::Closed : Next::Failed;
    }

    /// Scans a string; [*b, *e) is its raw content, *escaped says whether it holds backslashes.
    bool string(const char **b, const char **e, bool *escaped)
    {
        if (!expect('"'))
            return false;
        *b = m_p;
        *escaped = false;
        while (true) {
            skipPlain();
            if (m_p >= m_end)
                return fail("unterminated string (truncated)");
            if (*m_p == '"') {
                *e = m_p++;
                return true;
            }
            if (static_cast<unsigned char>(*m_p) >= 0x80) {
                // A run of non-ASCII characters (a word in Cyrillic, say) is checked here in one go
                // rather than going back to skipPlain() for each character.
                do {
                    if (!utf8Sequence())
                        return fail("invalid UTF-8 in string");
                } while (m_p < m_end && static_cast<unsigned char>(*m_p) >= 0x80);
                continue;
            }
            if (*m_p == '\\') {
                *escaped = true;
                if (m_p + 1 >= m_end)
                    return fail("unterminated escape");
                const char c = m_p[1];
                if (c == 'u') {
                    const int unit = hex4(2);
                    if (unit < 0)
                        return fail("bad \\u escape");
                    m_p += 6;
                    // UTF-16 surrogates come in pairs: a lone one is no character (nlohmann refuses
                    // it; decoded, two different lone ones would give the same U+FFFD Id).
                    if (unit >= 0xDC00 && unit <= 0xDFFF)
                        return fail("unpaired surrogate in \\u escape");
                    if (unit >= 0xD800 && unit <= 0xDBFF) {
                        const int low = m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u' ? hex4(2) : -1;
                        if (low < 0xDC00 || low > 0xDFFF)
                            return fail("unpaired surrogate in \\u escape");
                        m_p += 6;
                    }
                } else if (std::strchr("\"\\/bfnrt", c) && c != 0) {
                    m_p += 2;
                } else {
                    return fail("bad escape");
                }
                continue;
            }
            return fail("control character in string");
        }
    }

    /// The four hex digits at m_p + offset as a number, or -1 (not four hex digits, or past the end).
    int hex4(int offset) const
    {
        if (m_end - m_p < offset + 4)
            return -1;
        int v = 0;
        for (int i = offset; i < offset + 4; ++i) {
            const char c = m_p[i];
            const int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f'         ? c - 'a' + 10
                : c >= 'A' && c <= 'F'         ? c - 'A' + 10
                                               : -1;
            if (d < 0)
                return -1;
            v = v * 16 + d;
        }
        return v;
    }

    /// Moves to the first '"', backslash, control byte or non-ASCII byte from here on (or the end),
    /// eight bytes a step: string contents are most of a page's bytes, and this loop most of the
    /// parse time. Non-ASCII bytes stop it so that string() checks their UTF-8.
    void skipPlain()
    {
        constexpr quint64 ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        while (m_end - m_p >= 8) {
            // Byte i of the buffer is byte i of v from the low end, whatever the CPU's byte order.
            const quint64 v = qFromLittleEndian<quint64>(m_p);
            const quint64 quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
            // Per byte: zero after the XOR (a quote or a backslash), below 0x20, or 0x80 and above.
            // The first two terms can also flag bytes above their first true hit (a borrow), never
            // below, and the last is exact, so the lowest hit is exact.
            const quint64 hits = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)
                                     | ((v - ones * 0x20) & ~v) | v)
                & highs;
            if (hits) {
                m_p += qCountTrailingZeroBits(hits) / 8;
                return;
            }
            m_p += 8;
        }
        while (m_p < m_end && *m_p != '"' && *m_p != '\\' && static_cast<unsigned char>(*m_p) >= 0x20
               && static_cast<unsigned char>(*m_p) < 0x80)
            ++m_p;
    }

    /// Steps over one well-formed UTF-8 sequence of two to four bytes (Unicode table 3-7: no
    /// overlong forms, no surrogates, nothing above U+10FFFF); false if the bytes here are not one.
    /// Invalid UTF-8 is refused because stored payloads are read back with QJsonDocument, which
    /// refuses them: a record kept with such bytes could never be read or edited.
    bool utf8Sequence()
    {
        // Table 3-7 row by row: the first byte's range, the sequence's length, the second byte's
        // range (the later bytes are always 80..BF).
        struct Row
        {
            unsigned char first, last, length, lo, hi;
        };
        static constexpr Row kTable37[] = {{0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF},
                                           {0xE1, 0xEC, 3, 0x80, 0xBF}, {0xED, 0xED, 3, 0x80, 0x9F},
                                           {0xEE, 0xEF, 3, 0x80, 0xBF}, {0xF0, 0xF0, 4, 0x90, 0xBF},
                                           {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F}};
        const auto at = [this](int i) { return static_cast<unsigned char>(m_p[i]); };
        const unsigned char b0 = at(0);
        const Row *row = nullptr;
        for (const Row &r : kTable37) {
            if (b0 >= r.first && b0 <= r.last) {
                row = &r;
                break;
            }
        }
        if (!row)
            return false;
        const int n = row->length;
        if (m_end - m_p < n || at(1) < row->lo || at(1) > row->hi)
            return false;
        for (int i = 2; i < n; ++i) {
            if (at(i) < 0x80 || at(i) > 0xBF)
                return false;
        }
        m_p += n;
        return true;
    }

    bool skipString()
    {
        const char *b, *e;
        bool esc;
        return string(&b, &e, &esc);
    }

    bool number(qint64 *out = nullptr)
    {
        ws();
        const char *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p >= m_end || !isdigit(static_cast<unsigned char>(*m_p)))
            return fail("bad number");
        if (*m_p == '0')
            ++m_p;
        else
            while (m_p < m_end && isdigit(static_cast<unsigned char>(*m_p)))
                ++m_p;
        bool integral = true;
        if (m_p < m_end && *m_p == '.') {
            integral = false;
            ++m_p;
            if (m_p >= m_end || !isdigit(static_cast<unsigned char>(*m_p)))
                return fail("bad number");
            while (m_p < m_end && isdigit(static_cast<unsigned char>(*m_p)))
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            integral = false;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p >= m_end || !isdigit(static_cast<unsigned char>(*m_p)))
                return fail("bad number");
            while (m_p < m_end && isdigit(static_cast<unsigned char>(*m_p)))
                ++m_p;
        }
        if (m_p >= m_end)
            return fail("number at end of body (truncated)");
        if (out) {
            if (!integral || m_p - start > 18)
                return fail("expected an integer");
            *out = QByteArray::fromRawData(start, m_p - start).toLongLong();
        }
        return true;
    }

    bool literal(const char *word)
    {
        ws();
        const size_t n = std::strlen(word);
        if (static_cast<size_t>(m_end - m_p) < n)
            return fail("truncated literal");
        if (std::memcmp(m_p, word, n) != 0)
            return fail("unexpected token");
        m_p += n;
        return true;
    }

    /// true/false/null; *value is set for true/false, *isNull for null.
    bool boolOrNull(bool *value, bool *isNull)
    {
        ws();
        *isNull = false;
        if (m_p < m_end && *m_p == 't') { *value = true; return literal("true"); }
        if (m_p < m_end && *m_p == 'f') { *value = false; return literal("false"); }
        if (m_p < m_end && *m_p == 'n') { *isNull = true; return literal("null"); }
        return fail("expected a boolean");
    }

    bool value(int depth)
    {
        if (depth > kMaxDepth)
            return fail("nesting too deep");
        ws();
        if (m_p >= m_end)
            return fail("unexpected end of body (truncated)");
        switch (*m_p) {
        case '"':
            return skipString();
        case '{': {
            ++m_p;
            if (peek('}')) { ++m_p; return true; }
            while (true) {
                if (!skipString() || !expect(':') || !value(depth + 1))
                    return false;
                if (const Next n = next('}'); n != Next::More)
                    return n == Next::Closed;
            }
        }
        case '[': {
            ++m_p;
            if (peek(']')) { ++m_p; return true; }
            while (true) {
                if (!value(depth + 1))
                    return false;
                if (const Next n = next(']'); n != Next::More)
                    return n == Next::Closed;
            }
        }
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default:
            return number();
        }
    }

private:
    const char *m_begin;
    const char *m_p;
    const char *m_end;
};

/// The UTF-8 bytes as text, all of them: QString::fromUtf8 drops a leading U+FEFF (it takes it for a
/// byte-order mark), but inside a JSON string it is a character like any other.
QString utf8(const char *b, qsizetype n)
{
    if (n >= 3 && uchar(b[0]) == 0xEF && uchar(b[1]) == 0xBB && uchar(b[2]) == 0xBF)
        return QChar(0xFEFF) + utf8(b + 3, n - 3);
    return QString::fromUtf8(b, n);
}

QString decode(const char *b, const char *e, bool escaped)
{
    if (!escaped)
        return utf8(b, e - b);
    QString out;
    out.reserve(e - b);
    QByteArray plain;
    for (const char *p = b; p < e; ++p) {
        if (*p != '\\') {
            plain += *p;
            continue;
        }
        out += utf8(plain.constData(), plain.size());
        plain.clear();
        const char c = *++p;
        switch (c) {
        case 'b': out += QChar(u'\b'); break;
        case 'f': out += QChar(u'\f'); break;
        case 'n': out += QChar(u'\n'); break;
        case 'r': out += QChar(u'\r'); break;
        case 't': out += QChar(u'\t'); break;
        case 'u':
            out += QChar(static_cast<char16_t>(QByteArray(p + 1, 4).toUShort(nullptr, 16)));
            p += 4;
            break;
        default: out += QLatin1Char(c); break;
        }
    }
    out += utf8(plain.constData(), plain.size());
    return out;
}

/// The members of an object that must appear once, a bit each: the second of one fails the scan
/// with `what`.
class SeenOnce
{
public:
    explicit SeenOnce(Scanner &s)
        : m_s(s)
    {
    }
    bool operator()(unsigned bit, const char *what)
    {
        if (m_seen & bit)
            return m_s.fail(what);
        m_seen |= bit;
        return true;
    }

private:
    Scanner &m_s;
    unsigned m_seen = 0;
};

/// A member name as JSON means it: raw bytes when it has no escapes (almost always), else decoded,
/// so that "\u0049d" is Id for the scanner as for any other JSON reader.
class Key
{
public:
    Key(const char *b, const char *e, bool escaped) : m_b(b), m_e(e)
    {
        if (escaped) {
            m_decoded = decode(b, e, true).toUtf8();
            m_b = m_decoded.constData();
            m_e = m_b + m_decoded.size();
        }
    }

    bool is(const char *name) const
    {
        const size_t n = std::strlen(name);
        return static_cast<size_t>(m_e - m_b) == n && std::memcmp(m_b, name, n) == 0;
    }

private:
    const char *m_b;
    const char *m_e;
    QByteArray m_decoded;
};

/// One element of "records": an object whose Id, SystemModstamp and IsDeleted are read.
/// Returns false on a grammar error; *usable false when it has no Id.
bool record(Scanner &s, IncomingRecord *rec, bool *usable)
{
    *usable = false;
    if (!s.peek('{'))
        return s.value(1); // not an object: valid JSON maybe, but not a record
    const char *start = s.pos();
    s.expect('{');
    if (s.peek('}')) {
        s.expect('}');
        return true;
    }
    // The "attributes" member (the object's type and the record's URL: metadata the store knows
    // from the object and the Id) is cut out of the stored payload: ~110 of a product's ~650
    // bytes, which the store would otherwise write twice (WAL and database file).
    // [cutBegin, cutEnd) is that member with one of the commas around it.
    const char *cutBegin = nullptr, *cutEnd = nullptr, *lastComma = nullptr;
    // Each key the store reads must appear once: with two Ids, which one is the record? (Readers
    // disagree on duplicate names, RFC 8259 section 4.) A repeated one refuses the page. Not
    // attributes: only the first is the server's metadata, a second one is kept as data.
    SeenOnce once(s);
    while (true) {
        const char *kb, *ke;
        bool kesc;
        const char *memberBegin = s.peek('"') ? s.pos() : nullptr;
        if (!s.string(&kb, &ke, &kesc) || !s.expect(':'))
            return false;
        const Key key(kb, ke, kesc);
        if (key.is("attributes") && !cutBegin && memberBegin) {
            if (!s.value(2))
                return false;
            if (s.peek(',')) {
                cutBegin = memberBegin;
                cutEnd = s.pos() + 1;
            } else {
                cutBegin = lastComma ? lastComma : memberBegin;
                cutEnd = s.pos();
            }
        } else if (key.is("Id") || key.is("SystemModstamp")) {
            const bool isId = key.is("Id");
            if (!(isId ? once(2, "key \"Id\" repeated in a record")
                       : once(4, "key \"SystemModstamp\" repeated in a record")))
                return false;
            if (s.peek('"')) {
                const char *vb, *ve;
                bool vesc;
                if (!s.string(&vb, &ve, &vesc))
                    return false;
                (isId ? rec->id : rec->systemModstamp) = decode(vb, ve, vesc);
                // Marked only when the bytes are the string's UTF-8 for sure: no escape, plain ASCII
                // (an invalid UTF-8 byte would decode to U+FFFD and differ from what is stored).
                const bool same = !vesc && std::all_of(vb, ve, [](char c) { return uchar(c) < 0x80; });
                (isId ? rec->idAt : rec->modstampAt) = same ? qint32(vb - start) : -1;
                (isId ? rec->idSize : rec->modstampSize) = same ? qint32(ve - vb) : 0;
            } else if (!s.value(2)) {
                return false;
            }
        } else if (key.is("IsDeleted")) {
            if (!once(8, "key \"IsDeleted\" repeated in a record"))
                return false;
            bool v = false, isNull = false;
            if (s.peek('t') || s.peek('f') || s.peek('n')) {
                if (!s.boolOrNull(&v, &isNull))
                    return false;
                rec->isDeleted = v && !isNull;
            } else if (!s.value(2)) {
                return false;
            }
        } else if (!s.value(2)) {
            return false;
        }
        if (s.peek(',')) {
            lastComma = s.pos();
            s.expect(',');
            continue;
        }
        if (!s.expect('}'))
            return false;
        break;
    }
    if (!cutBegin) {
        rec->payload = QByteArray(start, s.pos() - start);
    } else {
        const qsizetype head = cutBegin - start, cut = cutEnd - cutBegin, tail = s.pos() - cutEnd;
        rec->payload = QByteArray(head + tail, Qt::Uninitialized);
        std::memcpy(rec->payload.data(), start, head);
        std::memcpy(rec->payload.data() + head, cutEnd, tail);
        for (qint32 *at : { &rec->idAt, &rec->modstampAt })
            if (*at >= head)
                *at = *at >= head + cut ? qint32(*at - cut) : -1;
    }
    *usable = !rec->id.isEmpty();
    return true;
}

} // namespace

std::optional<QueryPage> QueryPage::parse(const QByteArray &body, QString *error)
{
    QueryPage page;
    Scanner s(body.constData(), body.constData() + body.size());
    bool sawDone = false;
    bool sawRecords = false;
    auto failed = [&]() -> std::optional<QueryPage> {
        if (error)
            *error = s.error.isEmpty() ? QStringLiteral("malformed query response") : s.error;
        return std::nullopt;
    };
    if (!s.expect('{'))
        return failed();
    // As in records: a member that decides what the page is appears once (two "records" arrays, or a
    // nextRecordsUrl and then null, have no one meaning).
    SeenOnce once(s);
    if (!s.peek('}')) {
        while (true) {
            const char *kb, *ke;
            bool kesc;
            if (!s.string(&kb, &ke, &kesc) || !s.expect(':'))
                return failed();
            const Key key(kb, ke, kesc);
            if (key.is("totalSize")) {
                if (!once(1, "key \"totalSize\" repeated") || !s.number(&page.totalSize))
                    return failed();
            } else if (key.is("done")) {
                bool isNull = false;
                if (!once(2, "key \"done\" repeated") || !s.boolOrNull(&page.done, &isNull))
                    return failed();
                sawDone = !isNull;
            } else if (key.is("nextRecordsUrl")) {
                if (!once(4, "key \"nextRecordsUrl\" repeated"))
                    return failed();
                if (s.peek('"')) {
                    const char *vb, *ve;
                    bool vesc;
                    if (!s.string(&vb, &ve, &vesc))
                        return failed();
                    page.nextRecordsUrl = decode(vb, ve, vesc);
                } else if (!s.literal("null")) {
                    return failed();
                }
            } else if (key.is("records")) {
                if (!once(8, "key \"records\" repeated"))
                    return failed();
                sawRecords = true;
                if (s.peek('n')) {
                    if (!s.literal("null")) // COUNT() over SOAP style: records null
                        return failed();
                } else {
                    if (!s.expect('['))
                        return failed();
                    page.records.reserve(2000);
                    if (s.peek(']')) {
                        s.expect(']');
                    } else {
                        while (true) {
                            IncomingRecord rec;
                            bool usable = false;
                            if (!record(s, &rec, &usable))
                                return failed();
                            if (usable)
                                page.records.push_back(std::move(rec));
                            else
                                ++page.skippedWithoutId;
                            if (const Scanner::Next n = s.next(']'); n != Scanner::Next::More) {
                                if (n == Scanner::Next::Failed)
                                    return failed();
                                break;
                            }
                        }
                    }
                }
            } else if (!s.value(1)) {
                return failed();
            }
            if (const Scanner::Next n = s.next('}'); n != Scanner::Next::More) {
                if (n == Scanner::Next::Failed)
                    return failed();
                break;
            }
        }
    } else {
        s.expect('}');
    }
    if (!s.atEnd()) {
        s.fail("trailing bytes after the JSON value");
        return failed();
    }
    if (!sawRecords && page.totalSize < 0) {
        if (error)
            *error = QStringLiteral("not a query response (no records, no totalSize)");
        return std::nullopt;
    }
    // Reference 8.2.10: never trust done alone; a next page exists only with a nextRecordsUrl.
    if (!sawDone)
        page.done = page.nextRecordsUrl.isEmpty();
    if (page.done && !page.nextRecordsUrl.isEmpty())
        page.done = false;
    if (!page.done && page.nextRecordsUrl.isEmpty()) {
        if (error)
            *error = QStringLiteral("query response says more pages follow but has no nextRecordsUrl");
        return std::nullopt;
    }
    return page;
}

} // namespace posdata
