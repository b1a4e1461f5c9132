// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One object's unsaved records (created, changed or deleted on this device and not yet in
// Salesforce), each with where its upload stands, a total line under them, and "Retry upload" for
// the object. A tap on a record opens it (openRecord).
Page {
    id: page
    required property ManageDataController controller
    property string name
    // A property, not a child: Page's default property takes items (qmllint).
    readonly property UnsavedRecordListModel records: UnsavedRecordListModel {
        controller: page.controller
        name: page.name
    }
    signal backClicked()
    signal openRecord(string recordId)

    objectName: "unsavedRecordsPage"
    title: qsTr("Unsaved records")
    background: Rectangle { color: Theme.pageBackground }

    header: PageToolBar {
        title: qsTr("%1: unsaved records").arg(page.name)
        onBackClicked: page.backClicked()
        actions: [
            ActionButton {
                objectName: "retryUpload"
                text: qsTr("Retry upload")
                highlighted: true
                enabled: page.records.canRetry
                onClicked: page.records.retryUpload()
            }
        ]
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: Theme.gapLarge
        spacing: Theme.gap

        RowLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin + Theme.gapSmall
            Layout.rightMargin: Theme.pageMargin
            Label {
                objectName: "summary"
                text: page.records.loaded ? page.records.summaryText : qsTr("Loading unsaved records\u2026")
                font: Theme.secondary
                color: Theme.textSecondary
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            BusyIndicator {
                objectName: "uploadingIndicator"
                visible: page.records.uploading || page.records.retrying
                running: visible
                implicitWidth: Theme.iconSize
                implicitHeight: Theme.iconSize
            }
            Label {
                objectName: "uploadingText"
                visible: text.length > 0
                // The last retry or discard in words (a retry's progress, then its outcome), else a
                // running upload.
                text: page.records.noticeText.length > 0 ? page.records.noticeText
                                                    : page.records.uploading ? qsTr("Uploading\u2026") : ""
                wrapMode: Text.WordWrap
                Layout.maximumWidth: parent.width * 0.5
                font: Theme.secondary
                color: Theme.textSecondary
            }
        }
        MessageBanner {
            objectName: "pausedNote"
            visible: page.records.paused && page.records.count > 0
            text: qsTr("Syncing is paused for this object: its unsaved records upload when you resume syncing.")
            kind: StatusKind.Paused
            background: Theme.warningBackground
            borderColor: Theme.warningBorder
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        Card {
            clip: true
            visible: page.records.count > 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            // As tall as its records and the total, scrolling when the page is shorter.
            Layout.maximumHeight: list.contentHeight + total.implicitHeight + 2
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
            Layout.bottomMargin: Theme.pageMargin

            ListView {
                id: list
                objectName: "unsavedList"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.bottom: total.top
                anchors.margins: 1
                clip: true // it scrolls under the total
                model: page.records
                boundsBehavior: Flickable.StopAtBounds
                Accessible.role: Accessible.List
                Accessible.name: page.title
                ScrollIndicator.vertical: ScrollIndicator {}
                delegate: UnsavedRecordDelegate {
                    width: list.width
                    onClicked: page.openRecord(recordId)
                }
            }
            // The total under the records, on a divider of its own. Not the list's footer: with
            // ComponentBehavior Bound, Qt 6.4 fails to create a ListView footer ("Component is not
            // ready").
            Label {
                id: total
                objectName: "totalText"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                text: page.records.totalText
                font: Theme.secondaryStrong
                color: Theme.textPrimary
                wrapMode: Text.WordWrap
                padding: Theme.gapLarge
                topPadding: Theme.gap
                bottomPadding: Theme.gap
                Rectangle {
                    anchors.top: parent.top
                    anchors.left: parent.left
                    anchors.right: parent.right
                    height: 1
                    color: Theme.divider
                }
            }
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }
}
