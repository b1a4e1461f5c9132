// SPDX-License-Identifier: MIT
// IdSpace (see idspace.h): base-62 arithmetic on the 12 characters after an Id's key prefix.
#include "config/idspace.h"

#include "soql/ids.h"

#include <limits>

namespace posdata {

namespace {

constexpr int kPrefixLength = 3;
constexpr int kDigits = 12; // after the prefix, in the 15-character form
constexpr int kBase = 62;

int digitOf(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'A' && u <= u'Z')
        return 10 + (u - u'A');
    if (u >= u'a' && u <= u'z')
        return 36 + (u - u'a');
    return -1;
}

QChar charOf(int digit)
{
    if (digit < 10)
        return QChar(u'0' + digit);
    if (digit < 36)
        return QChar(u'A' + (digit - 10));
    return QChar(u'a' + (digit - 36));
}

bool isId(const QString &id)
{
    if (id.size() != 15 && id.size() != 18)
        return false;
    for (const QChar c : id)
        if (digitOf(c) < 0)
            return false;
    return true;
}

} // namespace

IdSpace::IdSpace(QString prefix, QString first, QString last, Number low, Number high)
    : m_prefix(std::move(prefix)), m_first(std::move(first)), m_last(std::move(last)), m_low(low), m_high(high)
{
}

std::optional<IdSpace> IdSpace::between(const QString &first, const QString &last)
{
    if (!isId(first) || !isId(last) || first.left(kPrefixLength) != last.left(kPrefixLength))
        return std::nullopt;
    IdSpace space(first.left(kPrefixLength), first, last, 0, 0);
    const std::optional<Number> low = space.numberOf(first), high = space.numberOf(last);
    if (!low || !high || *high < *low)
        return std::nullopt;
    space.m_low = *low;
    space.m_high = *high;
    return space;
}

std::optional<IdSpace::Number> IdSpace::numberOf(const QString &id) const
{
    if (!isId(id) || id.left(kPrefixLength) != m_prefix)
        return std::nullopt;
    Number n = 0;
    for (int i = kPrefixLength; i < kPrefixLength + kDigits; ++i)
        n = n * kBase + Number(digitOf(id.at(i)));
    return n;
}

QString IdSpace::idOf(Number n) const
{
    QString digits(kDigits, u'0');
    for (int i = kDigits - 1; i >= 0; --i) {
        digits[i] = charOf(int(n % kBase));
        n /= kBase;
    }
    // The 18-character form, as the server writes Ids: the checksum encodes the case of the 15.
    return QString::fromStdString(soql::to18((m_prefix + digits).toStdString()));
}

QStringList IdSpace::splitPoints(int parts) const
{
    QStringList out;
    const Number width = m_high - m_low;
    if (parts < 2)
        return out;
    // Point i at low + width * i / parts: strictly after `first` needs width * i >= parts.
    Number previous = m_low;
    for (int i = 1; i < parts; ++i) {
        const Number point = m_low + width / Number(parts) * Number(i) + width % Number(parts) * Number(i) / Number(parts);
        if (point <= previous)
            continue; // fewer Ids than parts: no empty range
        out << idOf(point);
        previous = point;
    }
    return out;
}

QStringList IdSpace::pageSplitPoints(int parts, qint64 records, int pageSize) const
{
    if (records < 1 || pageSize < 1)
        return splitPoints(parts);
    QStringList out;
    const Number ids = m_high - m_low + 1;
    const qint64 pages = (records + pageSize - 1) / pageSize;
    Number previous = m_low;
    for (int i = 1; i < parts; ++i) {
        // Range i starts with page pages * i / parts: that many pages of records before it, at
        // `ids / records` Ids a record (rounded; exact when they are equal).
        const Number before = Number(pages * i / parts) * Number(pageSize);
        const Number point = m_low + (before * ids + Number(records) / 2) / Number(records);
        if (point <= previous || point > m_high)
            continue; // fewer Ids than parts: no empty range
        out << idOf(point);
        previous = point;
    }
    return out;
}

QString IdSpace::pageMidpoint(const QString &next, const QString &to, qint64 records, qint64 ids, int pageSize) const
{
    const std::optional<Number> a = numberOf(next);
    const std::optional<Number> b = to.isEmpty() ? std::optional<Number>(m_high + 1) : numberOf(to);
    if (!a || !b || *b <= *a + 1)
        return {};
    if (records < 1 || ids < 1 || pageSize < 1)
        return idOf(*a + (*b - *a) / 2); // no density: halfway
    const Number left = ((*b - *a) * Number(records) + Number(ids) / 2) / Number(ids);
    const Number pages = (left + Number(pageSize) - 1) / Number(pageSize);
    if (pages < 2)
        return {};
    const Number point = *a + (pages / 2 * Number(pageSize) * Number(ids) + Number(records) / 2) / Number(records);
    return point > *a && point < *b ? idOf(point) : QString();
}

QString IdSpace::following(const QString &id) const
{
    const std::optional<Number> n = numberOf(id);
    return n ? idOf(*n + 1) : QString();
}

qint64 IdSpace::count(const QString &from, const QString &to) const
{
    const std::optional<Number> a = numberOf(from), b = numberOf(to);
    if (!a || !b || *b < *a)
        return 0;
    const Number n = *b - *a + 1;
    return n > Number(std::numeric_limits<qint64>::max()) ? std::numeric_limits<qint64>::max() : qint64(n);
}

bool IdSpace::adjacent(const QString &id, const QString &next) const
{
    const std::optional<Number> a = numberOf(id);
    const std::optional<Number> b = numberOf(next);
    return a && b && *b == *a + 1;
}

double IdSpace::fraction(const QString &id) const
{
    const std::optional<Number> n = numberOf(id);
    if (!n)
        return -1;
    if (*n <= m_low || m_high == m_low)
        return *n <= m_low ? 0.0 : 1.0;
    if (*n >= m_high)
        return 1.0;
    return double(*n - m_low) / double(m_high - m_low);
}

} // namespace posdata
