// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One sync object on the Manage data list: status icon, name (elided; whole on press-and-hold), the
// count line ("Synced 1,234 of 2,000", or the download's own numbers while one runs), what the
// engine does ("Retrying in 30 s"), and on the right the status word, when it last synced and, in
// red, unsaved records Salesforce refused. A slim progress bar while it downloads.
ItemDelegate {
    id: row
    required property int index
    required property string name
    required property string statusText
    required property int status
    required property string countText
    required property string activityText
    required property string lastSyncedText
    required property bool downloading
    required property real progress
    required property string uploadFailedText
    required property string accessibleText

    // Where the texts start: the progress bar and the divider line up with them.
    readonly property real textInset: leftPadding + Theme.iconSize + Theme.gap + Theme.gapSmall

    implicitHeight: Math.max(Theme.rowHeight, implicitContentHeight + topPadding + bottomPadding)
    leftPadding: Theme.gapLarge
    rightPadding: Theme.gap
    topPadding: Theme.gap
    bottomPadding: Theme.gap + (row.downloading ? 6 : 0)
    Accessible.role: Accessible.Button
    Accessible.name: accessibleText
    // Narrow (a split-screen column): the status, last sync and refused uploads go under the counts.
    readonly property bool narrow: width < Theme.narrowWidth
    readonly property int sideAlignment: narrow ? Text.AlignLeft : Text.AlignRight
    // Beside the counts: at most 40 % of the row; under them: as wide as the column.
    readonly property real sideWidth: narrow ? Infinity : availableWidth * 0.4

    // No ids inside contentItem: it is a deferred property (qmllint).
    contentItem: RowLayout {
        spacing: Theme.gap + Theme.gapSmall
        StatusIcon {
            kind: row.status
        }
        GridLayout {
            columns: row.narrow ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: 2
            Layout.fillWidth: true
            ColumnLayout {
                spacing: 2
                Layout.fillWidth: true
                NameLabel {
                    objectName: "objectName"
                    holdSource: row
                    text: row.name
                    font: Theme.bodyStrong
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "countText"
                    text: row.countText
                    font: Theme.secondary
                    color: Theme.textSecondary
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "activityText"
                    visible: text.length > 0
                    text: row.activityText
                    font: Theme.secondary
                    color: Theme.textSecondary
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
            ColumnLayout {
                spacing: 2
                Layout.fillWidth: row.narrow
                Layout.maximumWidth: row.sideWidth
                Label {
                    objectName: "statusText"
                    text: row.statusText
                    font: Theme.secondaryStrong
                    color: Theme.statusColor(row.status)
                    wrapMode: Text.WordWrap
                    horizontalAlignment: row.sideAlignment
                    Layout.alignment: row.sideAlignment
                    Layout.fillWidth: row.narrow
                    Layout.maximumWidth: row.sideWidth
                }
                Label {
                    objectName: "lastSyncedText"
                    text: row.lastSyncedText
                    font: Theme.secondary
                    color: Theme.textSecondary
                    wrapMode: Text.WordWrap
                    horizontalAlignment: row.sideAlignment
                    Layout.alignment: row.sideAlignment
                    Layout.fillWidth: row.narrow
                    Layout.maximumWidth: row.sideWidth
                }
                Label {
                    objectName: "uploadFailedText"
                    visible: text.length > 0
                    text: row.uploadFailedText
                    font: Theme.secondaryStrong
                    color: Theme.destructive
                    wrapMode: Text.WordWrap
                    horizontalAlignment: row.sideAlignment
                    Layout.alignment: row.sideAlignment
                    Layout.fillWidth: row.narrow
                    Layout.maximumWidth: row.sideWidth
                }
            }
        }
        Label {
            text: "\u203a"
            font: Theme.glyph
            color: Theme.textSecondary
        }
    }

    ProgressBar {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: row.textInset
        anchors.rightMargin: Theme.gapLarge
        anchors.bottomMargin: 6
        visible: row.downloading
        indeterminate: row.progress < 0
        value: Math.max(0, row.progress)
        Accessible.ignored: true
    }
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: row.textInset
        height: 1
        color: Theme.divider
    }
}
