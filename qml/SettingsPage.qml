// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
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
        radius: Theme.radius
        border.color: Theme.divider

        ItemDelegate {
            id: entry
            objectName: "manageDataEntry"
            x: 1
            y: 1
            width: parent.width - 2
            implicitHeight: Math.max(Theme.rowHeight, implicitContentHeight + topPadding + bottomPadding)
            leftPadding: Theme.gapLarge
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Manage data")
            onClicked: page.manageDataClicked()
            contentItem: RowLayout {
                spacing: Theme.gap + Theme.gapSmall
                ColumnLayout {
                    spacing: 2
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("Manage data")
                        font: Theme.bodyStrong
                        color: Theme.textPrimary
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("Sync status of the data on this device")
                        font: Theme.secondary
                        color: Theme.textSecondary
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                }
                Label {
                    text: "\u203a"
                    font: Theme.glyph
                    color: Theme.textSecondary
                }
            }
        }
    }
}
