// SPDX-License-Identifier: MIT
#pragma once

// IdSpace: one object's Salesforce Ids as numbers, so that a full download can be split into Id
// ranges of about equal size and a range can be split again when another one finishes early.

#include <QString>
#include <QStringList>

#include <optional>

namespace posdata {

/// The Ids of one object between its smallest and its largest Id, as the server returned them.
///
/// A Salesforce Id is a 3-character key prefix and 12 base-62 characters (15 characters, case
/// significant), plus 3 checksum characters in the 18-character form. Within one prefix the 12
/// characters are read as a number (digits < upper case < lower case, the ASCII order, so numbers
/// and strings order alike); split points are made from such numbers, in the 18-character form the
/// server answers with. Nothing here decides what a range holds: the server compares, so a split
/// point that the server orders differently than we do only makes two ranges overlap; ranges whose
/// first starts unbounded and whose last ends unbounded cover every record whatever the order.
class IdSpace
{
public:
    /// The space from `first` to `last` (both inclusive): nullopt when either is not an Id, their
    /// key prefixes differ, or `last` is before `first`.
    static std::optional<IdSpace> between(const QString &first, const QString &last);

    const QString &first() const { return m_first; }
    const QString &last() const { return m_last; }

    /// Up to `parts` - 1 ascending split points spread evenly over the space, each strictly after
    /// `first` and at most `last`: `parts` ranges [.., p1), [p1, p2), ... [pn, ..). Fewer (none) when the
    /// space has fewer Ids than that.
    QStringList splitPoints(int parts) const;

    /// Split points for a download of `records` records in pages of `pageSize`: up to `parts` ranges
    /// of whole pages each but the last, if the records lie evenly over the Ids. They do exactly when
    /// every Id from first to last is a record, as Ids made one after another are (a catalogue
    /// loaded in one go): then no range but the last ends with a part page, and a download costs the
    /// pages of one cursor. Otherwise a guess as good as the even spread, which it is for records < 1.
    QStringList pageSplitPoints(int parts, qint64 records, int pageSize) const;

    /// Where to split the Ids from `next` (the first one not read yet) up to `to` (exclusive; empty
    /// means past `last`) if `records` records lie on every `ids` Ids: after about half of the pages
    /// they hold, a whole number of them, so that the first part ends with a full page. Empty when
    /// they hold fewer than two pages, or either Id is not of this space; halfway when the density is
    /// unknown (`records` or `ids` < 1).
    QString pageMidpoint(const QString &next, const QString &to, qint64 records, qint64 ids, int pageSize) const;

    /// The Id right after `id` (empty when it is not of this space).
    QString following(const QString &id) const;

    /// How many Ids there are from `from` to `to`, both included (0 when `to` is before `from` or
    /// either is not of this space; at most the largest qint64).
    qint64 count(const QString &from, const QString &to) const;

    /// `next` is the Id right after `id`: no Id of this space can lie strictly between them (false
    /// when either is not of this space). A range [lo, next) whose page ended with `id` is complete.
    bool adjacent(const QString &id, const QString &next) const;

    /// How far into the space `id` lies: 0 at `first`, 1 at `last`, clamped to [0, 1]; an Id of another
    /// prefix (or not an Id) gives -1. For estimates only (records left in a range).
    double fraction(const QString &id) const;

private:
    /// 62^12 < 2^72: 12 base-62 characters need more than 64 bits (a GCC and Clang extension).
    __extension__ typedef unsigned __int128 Number;
    IdSpace(QString prefix, QString first, QString last, Number low, Number high);
    std::optional<Number> numberOf(const QString &id) const;
    QString idOf(Number n) const;

    QString m_prefix;
    QString m_first;
    QString m_last;
    Number m_low = 0;
    Number m_high = 0;
};

} // namespace posdata
