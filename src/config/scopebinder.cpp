// SPDX-License-Identifier: MIT
#include "config/scopebinder.h"

#include "soql/soql.h"

namespace posdata {

namespace {

bool isIdentStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isIdentPart(QChar c)
{
    return isIdentStart(c) || (c >= u'0' && c <= u'9');
}

// Walks the condition once; calls onVariable(name) for each bind variable and onText(chunk) for
// everything else, so one scanner serves both listing and binding. String literals ('...' with
// backslash escapes) are passed through untouched: a colon inside a literal is data, not a variable.
template<typename OnText, typename OnVariable>
void scan(const QString &s, OnText onText, OnVariable onVariable)
{
    qsizetype i = 0;
    qsizetype textStart = 0;
    const qsizetype n = s.size();
    while (i < n) {
        const QChar c = s.at(i);
        if (c == u'\'') {
            ++i;
            while (i < n && s.at(i) != u'\'') {
                if (s.at(i) == u'\\' && i + 1 < n)
                    ++i;
                ++i;
            }
            if (i < n)
                ++i;
        } else if (c == u':' && i + 1 < n && isIdentStart(s.at(i + 1))) {
            onText(QStringView(s).mid(textStart, i - textStart));
            qsizetype j = i + 1;
            while (j < n && isIdentPart(s.at(j)))
                ++j;
            if (!onVariable(s.mid(i + 1, j - i - 1)))
                return;
            i = j;
            textStart = j;
        } else {
            ++i;
        }
    }
    onText(QStringView(s).mid(textStart));
}

} // namespace

QStringList ScopeBinder::variables(const QString &condition)
{
    QStringList out;
    scan(condition, [](QStringView) {}, [&out](const QString &name) {
        if (!out.contains(name))
            out << name;
        return true;
    });
    return out;
}

std::optional<QString> ScopeBinder::bind(const QString &condition, const QHash<QString, QString> &values,
                                         QString *missing)
{
    QString out;
    bool ok = true;
    scan(condition, [&out](QStringView text) { out += text; }, [&](const QString &name) {
        const auto it = values.constFind(name);
        if (it == values.constEnd()) {
            if (missing)
                *missing = name;
            ok = false;
            return false;
        }
        out += QString::fromStdString(soql::quoteString(it->toStdString()));
        return true;
    });
    if (!ok)
        return std::nullopt;
    return out;
}

} // namespace posdata
