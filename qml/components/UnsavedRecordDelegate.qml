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
        anchors.leftMargin: Theme.gapLarge
        anchors.rightMargin: Theme.gapLarge
        spacing: Theme.gap + 4

        // Refused records carry the red mark the error list uses; waiting ones an upload arrow.
        Item {
            implicitWidth: Theme.iconSize
            implicitHeight: Theme.iconSize
            Layout.alignment: Qt.AlignTop
            StatusIcon {
                visible: row.failed
                anchors.fill: parent
                kind: StatusKind.Incomplete
                size: Theme.iconSize
            }
            Label {
                visible: !row.failed
                anchors.centerIn: parent
                text: "\u2191"
                font: Theme.glyph
                color: Theme.textSecondary
            }
        }
        ColumnLayout {
            spacing: 3
            Layout.fillWidth: true
            NameLabel {
                objectName: "recordTitle"
                text: row.title
                font: Theme.bodyStrong
                Layout.fillWidth: true
            }
            // What happened, when, and how often it was refused: on one line, or wrapped.
            Flow {
                spacing: Theme.gap
                Layout.fillWidth: true
                Label {
                    objectName: "recordKind"
                    width: Math.min(implicitWidth, parent.width)
                    text: row.kindText
                    font: Theme.secondary
                    color: Theme.textSecondary
                    wrapMode: Text.WordWrap
                }
                Label {
                    objectName: "recordWhen"
                    width: Math.min(implicitWidth, parent.width)
                    text: row.whenText
                    font: Theme.secondary
                    color: Theme.textSecondary
                    wrapMode: Text.WordWrap
                }
                Label {
                    objectName: "recordAttempts"
                    visible: text.length > 0
                    width: Math.min(implicitWidth, parent.width)
                    text: row.attemptsText
                    font: Theme.secondary
                    color: Theme.textSecondary
                    wrapMode: Text.WordWrap
                }
            }
            Label {
                objectName: "recordUpload"
                text: row.uploadText
                wrapMode: Text.WordWrap
                font: Theme.secondary
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
        anchors.leftMargin: Theme.gapLarge + Theme.iconSize + Theme.gap + 4
        height: 1
        color: Theme.divider
    }
}
