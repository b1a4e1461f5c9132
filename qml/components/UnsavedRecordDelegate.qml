// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One unsaved record: its name (or Id), what happened to it on this device and when, and where
// its upload stands: the server's refusal in words, or waiting to upload.
Item {
    id: row
    required property int index
    required property string recordId
    required property string title
    required property string kindText
    required property string whenText
    required property bool failed
    required property string uploadText
    required property int attempts
    required property string attemptsText
    required property string accessibleText

    implicitHeight: Math.max(Theme.rowHeight, content.implicitHeight + 28)
    Accessible.role: Accessible.StaticText
    Accessible.name: accessibleText

    RowLayout {
        id: content
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: 20
        anchors.rightMargin: 20
        spacing: 16

        // Refused records carry the red mark the error list uses; waiting ones an upload arrow.
        Item {
            implicitWidth: 28
            implicitHeight: 28
            Layout.alignment: Qt.AlignTop
            StatusIcon {
                visible: row.failed
                anchors.fill: parent
                statusKey: "incomplete"
                size: 28
            }
            Label {
                visible: !row.failed
                anchors.centerIn: parent
                text: "\u2191"
                font.pixelSize: 22
                color: Theme.textSecondary
            }
        }
        ColumnLayout {
            spacing: 3
            Layout.fillWidth: true
            RowLayout {
                spacing: 12
                Layout.fillWidth: true
                Label {
                    objectName: "recordTitle"
                    text: row.title
                    font.pixelSize: 17
                    font.weight: Font.Medium
                    color: Theme.textPrimary
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "recordWhen"
                    text: row.whenText
                    font.pixelSize: 14
                    color: Theme.textSecondary
                }
            }
            RowLayout {
                spacing: 12
                Layout.fillWidth: true
                Label {
                    objectName: "recordKind"
                    text: row.kindText
                    font.pixelSize: 14
                    color: Theme.textSecondary
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "recordAttempts"
                    visible: text.length > 0
                    text: row.attemptsText
                    font.pixelSize: 14
                    color: Theme.textSecondary
                }
            }
            Label {
                objectName: "recordUpload"
                text: row.uploadText
                wrapMode: Text.WordWrap
                font.pixelSize: 15
                color: row.failed ? Theme.destructive : Theme.textSecondary
                Layout.fillWidth: true
            }
        }
    }
    Rectangle {
        visible: row.index > 0
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: 64
        height: 1
        color: Theme.divider
    }
}
