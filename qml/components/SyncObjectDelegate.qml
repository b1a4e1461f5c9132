// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One sync object on the Manage data list: name, "Synced x of y", status icon and word (with "N
// failed to upload" under it when the server refused unsaved records), and a slim progress bar
// while it downloads. Tapping it opens the object's detail page.
ItemDelegate {
    id: row
    required property int index
    required property string name
    required property string statusText
    required property string statusKey
    required property url statusIcon
    required property string syncedText
    required property bool syncing
    required property real progress
    required property string timeLeftText
    required property string uploadFailedText
    required property string accessibleText

    implicitHeight: Theme.rowHeight
    leftPadding: 20
    rightPadding: 12
    Accessible.role: Accessible.Button
    Accessible.name: accessibleText

    contentItem: RowLayout {
        spacing: 16
        StatusIcon {
            statusKey: row.statusKey
            source: row.statusIcon
            size: 32
        }
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true
            Label {
                text: row.name
                font.pixelSize: 17
                font.weight: Font.Medium
                color: Theme.textPrimary
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: row.syncedText
                font.pixelSize: 14
                color: Theme.textSecondary
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        ColumnLayout {
            spacing: 2
            Label {
                text: row.statusText
                font.pixelSize: 15
                font.weight: Font.Medium
                color: Theme.statusColor(row.statusKey)
                Layout.alignment: Qt.AlignRight
            }
            Label {
                objectName: "uploadFailedText"
                visible: text.length > 0
                text: row.uploadFailedText
                font.pixelSize: 13
                font.weight: Font.Medium
                color: Theme.destructive
                Layout.alignment: Qt.AlignRight
            }
            Label {
                visible: text.length > 0
                text: row.timeLeftText
                font.pixelSize: 13
                color: Theme.textSecondary
                Layout.alignment: Qt.AlignRight
            }
        }
        Label {
            text: "\u203a"
            font.pixelSize: 30
            color: Theme.textSecondary
        }
    }

    ProgressBar {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: 68
        anchors.rightMargin: 20
        anchors.bottomMargin: 6
        visible: row.syncing
        indeterminate: row.progress < 0
        value: Math.max(0, row.progress)
        Accessible.ignored: true
    }
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: 68
        height: 1
        color: Theme.divider
    }
}
