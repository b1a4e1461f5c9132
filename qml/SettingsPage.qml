// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// A small Settings shell: the entry into Manage data.
Page {
    id: page
    signal manageDataClicked()

    objectName: "settingsPage"
    title: qsTr("Settings")
    background: Rectangle { color: Theme.pageBackground }
    header: PageToolBar {
        title: page.title
        backVisible: false
    }

    Rectangle {
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.topMargin: Theme.pageMargin
        width: Math.min(parent.width - 2 * Theme.pageMargin, Theme.maxContentWidth)
        height: entry.height + 2
        color: Theme.card
        radius: 8
        border.color: Theme.divider

        ItemDelegate {
            id: entry
            objectName: "manageDataEntry"
            x: 1
            y: 1
            width: parent.width - 2
            implicitHeight: Theme.rowHeight
            leftPadding: 20
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Manage data")
            onClicked: page.manageDataClicked()
            contentItem: RowLayout {
                spacing: 16
                ColumnLayout {
                    spacing: 2
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("Manage data")
                        font.pixelSize: 17
                        font.weight: Font.Medium
                        color: Theme.textPrimary
                    }
                    Label {
                        text: qsTr("Sync status of the data on this device")
                        font.pixelSize: 14
                        color: Theme.textSecondary
                    }
                }
                Label {
                    text: "\u203a"
                    font.pixelSize: 30
                    color: Theme.textSecondary
                }
            }
        }
    }
}
