// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One object's unsaved records (created, changed or deleted on this device and not yet in
// Salesforce), each with where its upload stands, and "Retry upload" for the object.
Page {
    id: page
    required property ManageDataController controller
    property string name
    readonly property alias records: records
    signal backClicked()

    objectName: "unsavedRecordsPage"
    title: qsTr("Unsaved records")
    background: Rectangle { color: Theme.pageBackground }

    UnsavedRecordListModel {
        id: records
        controller: page.controller
        name: page.name
    }

    header: PageToolBar {
        title: qsTr("%1: unsaved records").arg(page.name)
        onBackClicked: page.backClicked()
        actions: [
            ActionButton {
                objectName: "retryUpload"
                text: qsTr("Retry upload")
                highlighted: true
                enabled: records.canRetry
                onClicked: records.retryUpload()
            }
        ]
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: 16
        spacing: 12

        RowLayout {
            spacing: 12
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin + 4
            Layout.rightMargin: Theme.pageMargin
            Label {
                objectName: "summary"
                text: records.loaded ? records.summaryText : qsTr("Loading unsaved records\u2026")
                font.pixelSize: 14
                color: Theme.textSecondary
                Layout.fillWidth: true
            }
            BusyIndicator {
                objectName: "uploadingIndicator"
                visible: records.uploading
                running: visible
                implicitWidth: 28
                implicitHeight: 28
            }
            Label {
                visible: records.uploading
                text: qsTr("Uploading\u2026")
                font.pixelSize: 14
                color: Theme.textSecondary
            }
        }
        MessageBanner {
            objectName: "pausedNote"
            visible: records.paused && records.count > 0
            text: qsTr("Syncing is paused for this object: its unsaved records upload when you resume syncing.")
            statusKey: "paused"
            background: Theme.warningBackground
            borderColor: Theme.warningBorder
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        Rectangle {
            color: Theme.card
            radius: 8
            border.color: Theme.divider
            clip: true
            visible: records.count > 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
            Layout.bottomMargin: Theme.pageMargin

            ListView {
                id: list
                objectName: "unsavedList"
                anchors.fill: parent
                anchors.margins: 1
                model: records
                boundsBehavior: Flickable.StopAtBounds
                Accessible.role: Accessible.List
                Accessible.name: page.title
                ScrollIndicator.vertical: ScrollIndicator {}
                delegate: UnsavedRecordDelegate {
                    width: list.width
                }
            }
        }
        Item {
            visible: records.count === 0
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }
}
