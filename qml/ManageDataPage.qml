// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// Settings > Manage data: every sync object with its counts and status, the pause/resume primary
// action and the More actions menu.
Page {
    id: page
    required property ManageDataController controller
    property bool backVisible: true
    signal backClicked()
    signal openDetail(string name)

    objectName: "manageDataPage"
    title: qsTr("Manage data")
    background: Rectangle { color: Theme.pageBackground }

    header: PageToolBar {
        title: page.title
        backVisible: page.backVisible
        onBackClicked: page.backClicked()
        actions: [
            ActionButton {
                objectName: "primaryAction"
                visible: text.length > 0
                text: page.controller.primaryActionText
                highlighted: true
                onClicked: page.controller.triggerPrimaryAction()
            },
            ToolButton {
                id: moreButton
                objectName: "moreActions"
                text: "\u22ee"
                font.pixelSize: 26
                implicitWidth: 56
                implicitHeight: 56
                Accessible.name: qsTr("More actions")
                onClicked: moreMenu.open()
                Menu {
                    id: moreMenu
                    objectName: "moreMenu"
                    y: moreButton.height
                    x: moreButton.width - width
                    MenuEntry {
                        objectName: "resyncAllItem"
                        text: qsTr("Resync all existing records")
                        onTriggered: page.controller.resyncAll()
                    }
                    MenuEntry {
                        objectName: "clearResyncAllItem"
                        text: qsTr("Clear & resync all records")
                        onTriggered: page.controller.requestClearPlan([])
                    }
                }
            }
        ]
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: 16
        spacing: 12

        MessageBanner {
            objectName: "engineErrorBanner"
            visible: page.controller.engineErrorText.length > 0
            text: page.controller.engineErrorText
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        PausedBanner {
            objectName: "pausedBanner"
            visible: page.controller.pausedBannerVisible
            text: page.controller.pausedBannerText
            onActionClicked: page.controller.resumeAll()
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        Label {
            text: page.controller.ready ? page.controller.summaryText : qsTr("Loading sync status\u2026")
            font.pixelSize: 14
            color: Theme.textSecondary
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin + 4
            Layout.rightMargin: Theme.pageMargin
        }
        Rectangle {
            color: Theme.card
            radius: 8
            border.color: Theme.divider
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
            Layout.bottomMargin: Theme.pageMargin

            ListView {
                id: list
                objectName: "objectList"
                anchors.fill: parent
                anchors.margins: 1
                model: page.controller.objects
                reuseItems: true
                cacheBuffer: Theme.rowHeight * 6
                boundsBehavior: Flickable.StopAtBounds
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Sync objects")
                ScrollIndicator.vertical: ScrollIndicator {}
                delegate: SyncObjectDelegate {
                    width: list.width
                    onClicked: page.openDetail(name)
                }
            }
        }
    }
}
