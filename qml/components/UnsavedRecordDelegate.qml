// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One unsaved record: its title (its Name, or its kind and display fields), what happened to it on
// this device and when, and where its upload stands: the server's refusal in words, or waiting to
// upload. A tap opens the record (its fields as sent, "Discard this change").
ItemDelegate {
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

    implicitHeight: Math.max(Theme.rowHeight, implicitContentHeight + topPadding + bottomPadding)
    leftPadding: Theme.gapLarge
    rightPadding: Theme.gap
    topPadding: Theme.gap + 2
    bottomPadding: Theme.gap + 2
    Accessible.role: Accessible.Button
    Accessible.name: accessibleText

    // No ids inside contentItem: it is a deferred property (qmllint).
    contentItem: RowLayout {
        spacing: Theme.gap + Theme.gapSmall

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
                holdSource: row
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
        Label {
            text: "\u203a"
            font: Theme.glyph
            color: Theme.textSecondary
        }
    }
    Rectangle {
        visible: row.index > 0
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: Theme.gapLarge + Theme.iconSize + Theme.gap + Theme.gapSmall
        height: 1
        color: Theme.divider
    }
}
