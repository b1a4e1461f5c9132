// SPDX-License-Identifier: MIT
// The host's own till: sales and shifts, written through POS Data Sync's engine API.
#pragma once

#include <posdatasync/engine.h>

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

/// What the till screen binds to. A sale is a s_c__order__c record; a shift is a s_c__shift__c
/// record that the engine keeps on the device while it is open (Engine::openShift with its Id).
class Till : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("main.cpp makes the till")
    Q_PROPERTY(bool readyToSell READ readyToSell NOTIFY changed)
    Q_PROPERTY(bool shiftOpen READ shiftOpen NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed) ///< the last sale or shift, in words

public:
    explicit Till(posdatasync::Engine *engine, QObject *parent = nullptr);

    bool readyToSell() const;
    bool shiftOpen() const;
    QString status() const { return m_status; }

    /// Rings up a sale of `total` at this outlet; returns the engine's ticket (see recordOutcome).
    Q_INVOKABLE quint64 sell(double total);
    /// Opens a shift: a new shift record, kept on the device from the moment it is stored.
    Q_INVOKABLE quint64 openShift();
    /// Closes the open shift: its end time and status go to Salesforce, the engine lets it go.
    Q_INVOKABLE quint64 closeShift();
    Q_INVOKABLE void toggleShift();

signals:
    void changed();

private:
    void onOutcome(const posdatasync::RecordOutcome &outcome);
    void say(const QString &status);

    QPointer<posdatasync::Engine> m_engine;
    quint64 m_shiftTicket = 0; ///< the open shift's creation
    QString m_status;
};
