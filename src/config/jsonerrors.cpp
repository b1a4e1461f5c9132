// SPDX-License-Identifier: MIT
#include "config/jsonerrors.h"

#include <algorithm>

namespace posdata {

QString describeJsonError(const QByteArray &json, const QJsonParseError &error)
{
    const qsizetype offset = std::clamp<qsizetype>(error.offset, 0, json.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (json.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    const qsizetype column = offset - lineStart + 1;
    return QStringLiteral("invalid JSON at line %1, column %2 (offset %3): %4")
        .arg(line)
        .arg(column)
        .arg(offset)
        .arg(error.errorString());
}

} // namespace posdata
