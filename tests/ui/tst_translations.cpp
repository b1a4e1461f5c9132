// SPDX-License-Identifier: MIT
// The screen's German and French: every text translated (the .ts files, placeholders kept), and
// the compiled translations found at run time under the contexts the code looks them up by, with
// plurals and the locale's number formats.
#include "ui/errorgroups.h"
#include "ui/managedatacontroller.h"
#include "ui/syncformatter.h"
#include "ui/translations.h"

#include "sync/syncwords.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

using namespace posdata;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 12), QTime(10, 0), Qt::UTC);

// Switches the application's language for one test and back to English (gtest_main's) after it.
class Language
{
public:
    explicit Language(const QString &language)
    {
        QString error;
        ok = installTranslations(*QCoreApplication::instance(), uiLocale(language), &error);
        EXPECT_TRUE(ok) << error.toStdString();
    }
    ~Language() { installTranslations(*QCoreApplication::instance(), uiLocale(QStringLiteral("en"))); }
    Language(const Language &) = delete;
    Language &operator=(const Language &) = delete;
    bool ok = false;
};

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QStringList forms; ///< the translation, or its plural forms
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            if (!m.source.isEmpty())
                out.append(m);
            m = Message{context, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes", false, {}};
        } else if (name == u"source") {
            m.source = xml.readElementText();
        } else if (name == u"translation") {
            m.unfinished = xml.attributes().value(QLatin1String("type")) == u"unfinished";
            if (!m.numerus)
                m.forms.append(xml.readElementText());
        } else if (name == u"numerusform") {
            m.forms.append(xml.readElementText());
        }
    }
    if (!m.source.isEmpty())
        out.append(m);
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

// The placeholders of a text, sorted: %1, %2, %n, %Ln.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(?:n|\\d)"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured();
    out.sort();
    return out;
}

/// The controller's ready-to-sell line for a product required for selling, 40 % in, 100 s to go.
QString readyToSellLine(SyncStatus status, const QLocale &locale)
{
    ManageDataController controller;
    controller.setClock([] { return kNow; });
    controller.setLocale(locale);
    SyncObjectSnapshot o;
    o.name = QStringLiteral("s_c__product__c");
    o.status = status;
    o.requiredForSale = true;
    o.progressDone = 400;
    o.progressTotal = 1000;
    o.secondsLeft = 100;
    EngineSnapshot s;
    s.objects.append(o);
    controller.applySnapshot(s);
    return controller.readyToSellText();
}

} // namespace

TEST(Translations, GermanAndFrenchAreCompleteWithTheirPlaceholders)
{
    for (const char *language : {"de", "fr"}) {
        QString error;
        const QList<Message> messages
            = readTs(QStringLiteral(POSDATA_I18N_DIR "/posdata_%1.ts").arg(QLatin1String(language)), &error);
        ASSERT_TRUE(error.isEmpty()) << error.toStdString();
        ASSERT_GT(messages.size(), 100) << language;
        for (const Message &m : messages) {
            const std::string where = std::string(language) + " " + m.context.toStdString() + ": "
                + m.source.toStdString();
            EXPECT_FALSE(m.unfinished) << where;
            EXPECT_EQ(m.forms.size(), m.numerus ? 2 : 1) << where; // German and French: one and many
            QStringList wanted = placeholders(m.source);
            for (const QString &form : m.forms) {
                EXPECT_FALSE(form.trimmed().isEmpty()) << where;
                // The singular may say "once" instead of the number; every other placeholder stays.
                QStringList got = placeholders(form);
                if (m.numerus && &form == &m.forms.constFirst() && !got.contains(u"%n") && !got.contains(u"%Ln")) {
                    wanted.removeAll(QStringLiteral("%n"));
                    wanted.removeAll(QStringLiteral("%Ln"));
                }
                EXPECT_EQ(got, wanted) << where << " -> " << form.toStdString();
                wanted = placeholders(m.source);
            }
        }
    }
}

TEST(Translations, GermanWordsNumbersAndPluralsAtRunTime)
{
    Language de(QStringLiteral("de"));
    ASSERT_TRUE(de.ok);
    const QLocale l = QLocale();
    EXPECT_EQ(l.language(), QLocale::German);
    // SyncFormatter, with the locale's digits.
    EXPECT_EQ(SyncFormatter::syncedText(1234, 2000, l), "Synchronisiert 1.234 von 2.000");
    EXPECT_EQ(SyncFormatter::statusText(SyncStatus::SubsetSynced), "Teilmenge synchronisiert");
    EXPECT_EQ(SyncFormatter::unsavedCountText(1, l), "1 nicht gespeicherter Datensatz");
    EXPECT_EQ(SyncFormatter::unsavedCountText(1234, l), "1.234 nicht gespeicherte Datensätze");
    EXPECT_EQ(SyncFormatter::refusedTimesText(3, l), "3-mal abgelehnt");
    // The error table and its grouping.
    EXPECT_EQ(errorKindSentence("NETWORK"), "Salesforce ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung.");
    EXPECT_EQ(errorKindSentence("HTTP_503"), "Salesforce hat nicht geantwortet (HTTP 503).");
    const QList<ErrorGroup> groups = groupErrors({{"HTTP_503", {}, kNow.addSecs(-60), {}}, {"HTTP_503", {}, kNow, {}}});
    ASSERT_EQ(groups.size(), 1);
    EXPECT_EQ(errorGroupLine(groups.at(0), kNow, l),
              "Salesforce hat nicht geantwortet (HTTP 503) – 2-mal, zuletzt "
                  + l.toString(kNow.toLocalTime().time(), QLocale::ShortFormat));
    // The shared words of src/sync.
    SyncObjectSnapshot o;
    o.syncing = true;
    o.activity = SyncActivity::Resyncing;
    o.progressDone = 12000;
    o.progressTotal = 100007;
    o.lastSynced = kNow.addSecs(-3600);
    EXPECT_EQ(syncwords::activity(o, kNow, l), "Neu synchronisiert: 12.000 von 100.007");
    o.lastSynced = {}; // never synced: the first download
    EXPECT_EQ(syncwords::activity(o, kNow, l), "Wird geladen: 12.000 von 100.007");
    EXPECT_EQ(syncwords::age(kNow.addSecs(-300), kNow, l), "vor 5 Min.");
    // The controller's summary: plurals by %Ln.
    ManageDataController controller;
    controller.setClock([] { return kNow; });
    controller.setLocale(l);
    EngineSnapshot s;
    for (int i = 0; i < 5; ++i) {
        SyncObjectSnapshot obj;
        obj.name = QStringLiteral("o%1").arg(i);
        obj.status = i < 2 ? SyncStatus::Syncing : i == 2 ? SyncStatus::Incomplete : SyncStatus::FullySynced;
        s.objects.append(obj);
    }
    controller.applySnapshot(s);
    EXPECT_EQ(controller.summaryText(), "5 Objekte \u00b7 2 werden synchronisiert \u00b7 1 unvollständig");
    // The ready-to-sell line.
    EXPECT_EQ(readyToSellLine(SyncStatus::Syncing, l), "Noch nicht bereit: Product 40 %, etwa 2 Min.");
    EXPECT_EQ(readyToSellLine(SyncStatus::Paused, l), "Noch nicht bereit: Product pausiert");
}

TEST(Translations, FrenchWordsNumbersAndPluralsAtRunTime)
{
    Language fr(QStringLiteral("fr"));
    ASSERT_TRUE(fr.ok);
    const QLocale l = QLocale();
    EXPECT_EQ(l.language(), QLocale::French);
    const QString group = l.groupSeparator(); // a narrow no-break space in French
    EXPECT_EQ(SyncFormatter::syncedText(1234, 2000, l),
              QStringLiteral("Synchronisés\u00a0: 1") + group + "234 sur 2" + group + "000");
    EXPECT_EQ(SyncFormatter::statusText(SyncStatus::Incomplete), "Incomplet");
    // French counts 0 and 1 as singular.
    EXPECT_EQ(SyncFormatter::unsavedCountText(0, l), "0 enregistrement non sauvegardé");
    EXPECT_EQ(SyncFormatter::unsavedCountText(2, l), "2 enregistrements non sauvegardés");
    EXPECT_EQ(errorKindSentence("INVALID_FIELD"),
              "Un champ synchronisé par cet objet n'est pas disponible dans Salesforce.");
    EXPECT_EQ(syncwords::retry(kNow.addSecs(30), kNow, l), "Nouvel essai dans 30 s");
    EXPECT_EQ(readyToSellLine(SyncStatus::Syncing, l),
              QStringLiteral("Pas encore prêt\u00a0: Product 40\u00a0%, environ 2\u00a0min"));
}

TEST(Translations, AnUnknownLanguageIsRefusedAndTheSystemLocaleIsTheDefault)
{
    EXPECT_EQ(uiLocale(QStringLiteral("xx")), QLocale::c());
    EXPECT_EQ(uiLanguages(), QStringList({"en", "de", "fr"}));
    // No --lang: the system's locale, "C" read as en_US.
    const QLocale system = uiLocale({});
    if (QLocale::system().language() == QLocale::C)
        EXPECT_EQ(system, QLocale(QLocale::English, QLocale::UnitedStates));
    else
        EXPECT_EQ(system, QLocale::system());
}
