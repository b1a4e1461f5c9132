// SPDX-License-Identifier: MIT
// Till: sales and shifts as records, their outcomes as words on the till screen.
#include "till.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>

namespace {
const QString kOrder = QStringLiteral("s_c__order__c");
const QString kShift = QStringLiteral("s_c__shift__c");

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
} // namespace

Till::Till(posdatasync::Engine *engine, QObject *parent) : QObject(parent), m_engine(engine)
{
    connect(engine, &posdatasync::Engine::recordOutcome, this, &Till::onOutcome);
    connect(engine, &posdatasync::Engine::readyToSellChanged, this, &Till::changed);
    connect(engine, &posdatasync::Engine::deviceChanged, this, &Till::changed);
}

bool Till::readyToSell() const
{
    return m_engine && m_engine->readyToSell();
}

bool Till::shiftOpen() const
{
    return m_engine && !m_engine->shiftId().isEmpty();
}

quint64 Till::sell(double total)
{
    say(tr("Sale of %1: storing").arg(total, 0, 'f', 2));
    return m_engine->createRecord(kOrder, {{QStringLiteral("s_c__outlet__c"), m_engine->outletId()},
                                           {QStringLiteral("s_c__total__c"), total},
                                           {QStringLiteral("s_c__status__c"), QStringLiteral("Paid")},
                                           {QStringLiteral("s_c__order_date__c"), QDate::currentDate().toString(Qt::ISODate)},
                                           {QStringLiteral("s_c__item_count__c"), 1}});
}

quint64 Till::openShift()
{
    say(tr("Opening a shift"));
    m_shiftTicket = m_engine->createRecord(kShift, {{QStringLiteral("s_c__outlet__c"), m_engine->outletId()},
                                                    {QStringLiteral("s_c__start__c"), now()},
                                                    {QStringLiteral("s_c__status__c"), QStringLiteral("Open")}});
    return m_shiftTicket;
}

quint64 Till::closeShift()
{
    const QString shift = m_engine->shiftId();
    if (shift.isEmpty())
        return 0;
    m_shiftTicket = 0;
    const quint64 ticket = m_engine->updateRecord(kShift, shift, {{QStringLiteral("s_c__end__c"), now()},
                                                                  {QStringLiteral("s_c__status__c"), QStringLiteral("Closed")}});
    m_engine->closeShift();
    say(tr("Shift closed"));
    return ticket;
}

void Till::toggleShift()
{
    if (shiftOpen())
        closeShift();
    else
        openShift();
}

void Till::onOutcome(const posdatasync::RecordOutcome &o)
{
    using posdatasync::RecordStage;
    if (o.ticket != 0 && o.ticket == m_shiftTicket) {
        // The shift is kept on the device from the moment it is stored (under its local Id), and
        // under its Salesforce Id once uploaded, unless it was closed meanwhile.
        if (o.stage == RecordStage::Stored) {
            m_engine->openShift(o.id);
            say(tr("Shift open"));
        } else if (o.stage == RecordStage::Uploaded && m_engine->shiftId() == o.id) {
            m_engine->openShift(o.serverId);
        } else if (o.stage == RecordStage::Failed || o.stage == RecordStage::Refused) {
            say(tr("The shift could not be opened: %1").arg(o.message));
        }
        return;
    }
    if (o.object != kOrder)
        return;
    switch (o.stage) {
    case RecordStage::Stored:
        say(tr("Sale stored on the till"));
        break;
    case RecordStage::Failed:
        say(tr("Sale NOT stored: %1").arg(o.message));
        break;
    case RecordStage::Uploaded:
        say(tr("Sale uploaded to Salesforce (%1)").arg(o.serverId));
        break;
    case RecordStage::Refused:
        say(tr("Salesforce refused the sale: %1").arg(o.message));
        break;
    }
}

void Till::say(const QString &status)
{
    m_status = status;
    emit changed();
}
