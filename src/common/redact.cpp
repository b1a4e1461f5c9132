// SPDX-License-Identifier: MIT
// redactSecret(): the one place that scrubs a secret out of outgoing text.
#include "common/redact.h"

#include <QRegularExpression>

namespace posdata {

QString redactSecret(QString text, QStringView secret)
{
    if (secret.isEmpty())
        return text;
    text.replace(secret.toString(), kRedacted.toString(), Qt::CaseInsensitive);
    return text;
}

QString redactPersonal(QString text)
{
    static const QRegularExpression email(QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"));
    static const QRegularExpression phone(QStringLiteral("(?<![\\w.-])\\+?\\(?\\d(?:[ ./()-]{0,2}\\d){6,14}(?![\\w-])"));
    static const QRegularExpression isoDate(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}"));
    text.replace(email, QStringLiteral("<email>"));
    QString out;
    qsizetype from = 0;
    for (auto it = phone.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (isoDate.match(m.captured()).hasMatch())
            continue;
        out += QStringView(text).mid(from, m.capturedStart() - from);
        out += QStringLiteral("<phone>");
        from = m.capturedEnd();
    }
    out += QStringView(text).mid(from);
    return out;
}

} // namespace posdata
