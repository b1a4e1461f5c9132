// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One sync object: its status, local and server counts, unsaved records (a tap opens their list
// when there are some), last sync and errors, with the per-object pause/resume and More actions.
Page {
    id: page
    required property ManageDataController controller
    property string name
    readonly property alias detail: detail
    signal backClicked()
    signal openUnsaved(string name)

    objectName: "objectDetailPage"
    title: name
    background: Rectangle { color: Theme.pageBackground }

    SyncObjectDetail {
        id: detail
        controller: page.controller
        name: page.name
    }

    header: PageToolBar {
        title: page.name
        onBackClicked: page.backClicked()
        actions: [
            ActionButton {
                objectName: "primaryAction"
                visible: text.length > 0
                text: detail.primaryActionText
                highlighted: true
                onClicked: detail.triggerPrimaryAction()
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
                        objectName: "resyncItem"
                        text: qsTr("Resync existing records")
                        onTriggered: page.controller.resync(page.name)
                    }
                    MenuEntry {
                        objectName: "clearResyncItem"
                        text: qsTr("Clear & resync records")
                        onTriggered: page.controller.requestClearPlan([page.name])
                    }
                }
            }
        ]
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        boundsBehavior: Flickable.StopAtBounds
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            x: (flick.width - width) / 2
            y: Theme.pageMargin
            width: Math.min(flick.width - 2 * Theme.pageMargin, Theme.maxContentWidth)
            spacing: 12

            Rectangle {
                color: Theme.card
                radius: 8
                border.color: Theme.divider
                Layout.fillWidth: true
                implicitHeight: fields.implicitHeight
                ColumnLayout {
                    id: fields
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0
                    DetailField { objectName: "objectField"; label: qsTr("Object"); value: page.name }
                    DetailField {
                        objectName: "statusField"
                        label: qsTr("Status")
                        value: detail.statusText
                        note: detail.uploadFailedText
                        showIcon: detail.found
                        statusKey: detail.statusKey
                        iconSource: detail.statusIcon
                    }
                    DetailField { objectName: "localField"; label: qsTr("Local records"); value: detail.localText }
                    DetailField { objectName: "serverField"; label: qsTr("Server records"); value: detail.serverText }
                    DetailField {
                        objectName: "serverAllField"
                        visible: detail.scoped
                        label: qsTr("Server records (all)")
                        value: detail.serverAllText
                    }
                    DetailField {
                        objectName: "unsavedField"
                        label: qsTr("Unsaved records")
                        value: detail.unsavedText
                        note: detail.uploadFailedText
                        clickable: detail.hasUnsaved
                        onClicked: page.openUnsaved(page.name)
                    }
                    DetailField {
                        objectName: "lastSyncedField"
                        label: qsTr("Last synced")
                        value: detail.lastSyncedText
                        lastInGroup: !detail.syncing
                    }
                    Item {
                        visible: detail.syncing
                        Layout.fillWidth: true
                        implicitHeight: 64
                        ColumnLayout {
                            anchors.fill: parent
                            anchors.margins: 20
                            anchors.topMargin: 12
                            spacing: 6
                            ProgressBar {
                                indeterminate: detail.progress < 0
                                value: Math.max(0, detail.progress)
                                Layout.fillWidth: true
                                Accessible.name: detail.syncedText
                            }
                            Label {
                                text: detail.progressText
                                font.pixelSize: 14
                                color: Theme.textSecondary
                            }
                        }
                    }
                }
            }

            Label {
                text: qsTr("Sync errors")
                font.pixelSize: 18
                font.weight: Font.Medium
                color: Theme.textPrimary
                topPadding: 12
                Accessible.role: Accessible.Heading
            }
            Rectangle {
                color: Theme.card
                radius: 8
                border.color: Theme.divider
                Layout.fillWidth: true
                implicitHeight: errorColumn.implicitHeight
                ColumnLayout {
                    id: errorColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0
                    Label {
                        objectName: "noErrors"
                        visible: detail.errors.length === 0
                        text: qsTr("No sync errors")
                        font.pixelSize: 16
                        color: Theme.textSecondary
                        padding: 20
                    }
                    Repeater {
                        objectName: "errorList"
                        model: detail.errors
                        delegate: Item {
                            id: errorItem
                            required property var modelData
                            required property int index
                            Layout.fillWidth: true
                            implicitHeight: errorText.implicitHeight + 52
                            Accessible.role: Accessible.StaticText
                            Accessible.name: modelData.text + ", " + modelData.timeText
                            RowLayout {
                                anchors.fill: parent
                                anchors.margins: 16
                                anchors.leftMargin: 20
                                spacing: 16
                                StatusIcon { statusKey: "incomplete"; size: 24; Layout.alignment: Qt.AlignTop }
                                ColumnLayout {
                                    spacing: 4
                                    Layout.fillWidth: true
                                    Label {
                                        id: errorText
                                        text: errorItem.modelData.text
                                        wrapMode: Text.WordWrap
                                        font.pixelSize: 16
                                        color: Theme.textPrimary
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        text: errorItem.modelData.timeText
                                        font.pixelSize: 13
                                        color: Theme.textSecondary
                                    }
                                }
                            }
                            Rectangle {
                                visible: errorItem.index > 0
                                anchors.top: parent.top
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.leftMargin: 20
                                height: 1
                                color: Theme.divider
                            }
                        }
                    }
                }
            }
        }
    }
}
