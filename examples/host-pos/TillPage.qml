// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import HostPos

// The till: sell, open or close the shift, and what happened last.
Page {
    id: page
    required property Till till
    signal settingsClicked()

    objectName: "tillPage"
    title: qsTr("Till")
    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                text: page.title
                font.pixelSize: 22
                leftPadding: 16
                Layout.fillWidth: true
            }
            ToolButton {
                objectName: "settingsButton"
                text: qsTr("Settings")
                onClicked: page.settingsClicked()
            }
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        spacing: 16
        Label {
            objectName: "readyLabel"
            text: page.till.readyToSell ? qsTr("Ready to sell") : qsTr("Getting the till's data\u2026")
            Layout.alignment: Qt.AlignHCenter
        }
        Button {
            objectName: "sellButton"
            text: qsTr("Sell 12.50")
            highlighted: true
            enabled: page.till.readyToSell && page.till.shiftOpen
            onClicked: page.till.sell(12.5)
            Layout.alignment: Qt.AlignHCenter
        }
        Switch {
            objectName: "shiftSwitch"
            text: page.till.shiftOpen ? qsTr("Shift open") : qsTr("Shift closed")
            checked: page.till.shiftOpen
            enabled: page.till.readyToSell
            onToggled: page.till.toggleShift()
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            objectName: "statusLabel"
            text: page.till.status
            Layout.alignment: Qt.AlignHCenter
        }
    }
}
