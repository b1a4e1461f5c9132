// SPDX-License-Identifier: MIT
// checkwords.h: a check's result in the screen's words (translated, context "CheckWords").
#include "checkwords.h"

#include "errorgroups.h"

#include <QCoreApplication>
#include <QVariantMap>

namespace posdata {

namespace {

struct CheckWordsTr
{
    Q_DECLARE_TR_FUNCTIONS(CheckWords)
};

QVariantMap row(const QString &label, qint64 value, const QLocale &locale)
{
    return {{QStringLiteral("label"), label}, {QStringLiteral("value"), locale.toString(value)}};
}

} // namespace

CheckWords checkWords(const SyncObjectSnapshot &o, const QLocale &locale)
{
    const ObjectCheck &c = o.check;
    CheckWords w;
    switch (c.phase) {
    case ObjectCheck::Phase::None:
        return w;
    case ObjectCheck::Phase::Checking:
        w.sentence = CheckWordsTr::tr("Checking against Salesforce...");
        return w;
    case ObjectCheck::Phase::Repairing:
        w.sentence = CheckWordsTr::tr("Repairing: downloading and removing only the records that differ...");
        return w;
    case ObjectCheck::Phase::Refused:
        w.sentence = c.errorCode == QLatin1String("DOWNLOADING")
            ? CheckWordsTr::tr("Not checked: this object is downloading. Check again when the download has finished.")
            : CheckWordsTr::tr("Not checked: %1").arg(c.error);
        return w;
    case ObjectCheck::Phase::Failed:
        // errorKindSentence: "No connection to Salesforce.", "Salesforce did not answer (HTTP 503).", ...
        w.sentence = CheckWordsTr::tr("The check stopped: %1")
                         .arg(c.errorCode == QLatin1String("STORE")
                                  ? CheckWordsTr::tr("The data on this device could not be read or written.")
                                  : errorKindSentence(c.errorCode));
        return w; // partial counts would read as a result
    case ObjectCheck::Phase::Done:
        w.sentence = c.differs()
            ? CheckWordsTr::tr("This device differs from Salesforce. Repair downloads or removes only these records.")
            : CheckWordsTr::tr("This device matches Salesforce.");
        w.canRepair = c.differs();
        break;
    case ObjectCheck::Phase::Repaired:
        w.sentence = CheckWordsTr::tr("Repaired: %1 downloaded, %2 removed.")
                         .arg(locale.toString(c.downloaded), locale.toString(c.removed));
        w.rows.append(row(CheckWordsTr::tr("API calls"), c.apiCalls, locale));
        return w;
    }
    w.rows.append(row(CheckWordsTr::tr("Missing on this device"), c.missing, locale));
    w.rows.append(row(CheckWordsTr::tr("On this device, gone from Salesforce"), c.extra, locale));
    if (o.scoped)
        w.rows.append(row(CheckWordsTr::tr("On this device, outside its scope"), c.outsideScope, locale));
    w.rows.append(row(CheckWordsTr::tr("Unsaved records (kept)"), c.unsaved, locale));
    w.rows.append(row(CheckWordsTr::tr("API calls"), c.apiCalls, locale));
    return w;
}

} // namespace posdata
