// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One sync object: its status and what the engine does, local and server counts (with how old the
// server count is), a scoped object's scope in words, its storage (and the database's), the last integrity check (Check, Repair), unsaved records (a tap opens their list when there are some), last sync and its
// errors grouped by kind, with the per-object pause/resume and More actions.
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
            MoreActionsButton {
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
                MenuEntry {
                    objectName: "checkItem"
                    text: qsTr("Check")
                    enabled: !detail.checkBusy
                    onTriggered: detail.check()
                }
            }
        ]
    }

    Flickable {
        id: flick
        objectName: "detailFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            x: (flick.width - width) / 2
            y: Theme.pageMargin
            width: Math.min(flick.width - 2 * Theme.pageMargin, Theme.maxContentWidth)
            spacing: Theme.gap

            MessageBanner {
                objectName: "lowSpaceBanner"
                background: Theme.warningBackground // a warning: nothing went wrong yet
                borderColor: Theme.warningBorder
                visible: page.controller.lowSpaceText.length > 0
                text: page.controller.lowSpaceText
                Layout.fillWidth: true
            }
            Card {
                Layout.fillWidth: true
                implicitHeight: fields.implicitHeight
                ColumnLayout {
                    id: fields
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0
                    DetailField {
                        objectName: "objectField"
                        label: qsTr("Object")
                        value: page.name
                        valueIsName: true
                    }
                    DetailField {
                        objectName: "statusField"
                        label: qsTr("Status")
                        value: detail.statusText
                        note: detail.uploadFailedText
                        // While a download runs its numbers show under the bar instead.
                        secondary: detail.downloading ? "" : detail.activityText
                        showIcon: detail.found
                        statusKind: detail.statusKind
                    }
                    DetailField { objectName: "localField"; label: qsTr("Local records"); value: detail.localText }
                    DetailField {
                        objectName: "serverField"
                        label: qsTr("Server records")
                        value: detail.serverText
                        secondary: detail.serverCheckedText
                    }
                    DetailField {
                        objectName: "serverAllField"
                        visible: detail.scoped
                        label: qsTr("Server records (all)")
                        value: detail.serverAllText
                    }
                    DetailField {
                        objectName: "scopeField"
                        visible: detail.scopeText.length > 0
                        label: qsTr("Scope")
                        value: detail.scopeText
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
                        objectName: "storageField"
                        visible: detail.storageText.length > 0
                        label: qsTr("On this device")
                        value: detail.storageText
                        // The whole database and what is left: a download needs room for what is missing.
                        secondary: page.controller.databaseText.length > 0
                                   ? qsTr("Database %1").arg(page.controller.databaseText) : ""
                    }
                    DetailField {
                        objectName: "lastSyncedField"
                        label: qsTr("Last synced")
                        value: detail.lastSyncedText
                        lastInGroup: !detail.downloading
                    }
                    ColumnLayout {
                        visible: detail.downloading
                        spacing: Theme.gapSmall + 2
                        Layout.fillWidth: true
                        Layout.margins: Theme.gapLarge
                        Layout.topMargin: Theme.gap
                        ProgressBar {
                            indeterminate: detail.progress < 0
                            value: Math.max(0, detail.progress)
                            Layout.fillWidth: true
                            Accessible.name: detail.progressText
                        }
                        Label {
                            objectName: "progressText"
                            text: detail.progressText
                            font: Theme.secondary
                            color: Theme.textSecondary
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }

            Label {
                visible: detail.checkShown
                text: qsTr("Check")
                font: Theme.heading
                color: Theme.textPrimary
                topPadding: Theme.gap
                Accessible.role: Accessible.Heading
            }
            Card {
                objectName: "checkCard"
                visible: detail.checkShown
                Layout.fillWidth: true
                implicitHeight: checkColumn.implicitHeight
                ColumnLayout {
                    id: checkColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0
                    RowLayout {
                        spacing: Theme.gap
                        Layout.fillWidth: true
                        Layout.margins: Theme.gapLarge
                        BusyIndicator {
                            visible: detail.checkBusy
                            running: visible
                            Layout.preferredWidth: Theme.iconSizeSmall * 1.5
                            Layout.preferredHeight: Theme.iconSizeSmall * 1.5
                        }
                        Label {
                            objectName: "checkText"
                            text: detail.checkText
                            font: Theme.bodyStrong
                            color: Theme.textPrimary
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                    Repeater {
                        objectName: "checkRows"
                        model: detail.checkRows
                        delegate: DetailField {
                            required property var modelData
                            required property int index
                            label: modelData.label
                            value: modelData.value
                            lastInGroup: index === detail.checkRows.length - 1 && !detail.canRepair
                        }
                    }
                    ActionButton {
                        objectName: "repairButton"
                        visible: detail.canRepair
                        text: qsTr("Repair")
                        highlighted: true
                        onClicked: detail.repair()
                        Layout.alignment: Qt.AlignRight
                        Layout.margins: Theme.gapLarge
                    }
                }
            }

            Label {
                text: qsTr("Sync errors")
                font: Theme.heading
                color: Theme.textPrimary
                topPadding: Theme.gap
                Accessible.role: Accessible.Heading
            }
            Card {
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
                        font: Theme.body
                        color: Theme.textSecondary
                        padding: Theme.gapLarge
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Repeater {
                        objectName: "errorList"
                        model: detail.errors
                        delegate: Item {
                            id: errorItem
                            required property var modelData
                            required property int index
                            readonly property string line: modelData.line
                            readonly property string next: modelData.next
                            readonly property string raw: modelData.raw
                            Layout.fillWidth: true
                            implicitHeight: errorRow.implicitHeight + 2 * Theme.gap + 4
                            Accessible.role: Accessible.StaticText
                            Accessible.name: next.length > 0 ? line + ". " + next : line
                            RowLayout {
                                id: errorRow
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.verticalCenter: parent.verticalCenter
                                anchors.leftMargin: Theme.gapLarge
                                anchors.rightMargin: Theme.gapLarge
                                spacing: Theme.gap + 4
                                StatusIcon {
                                    kind: StatusKind.Incomplete
                                    size: Theme.iconSizeSmall
                                    Layout.alignment: Qt.AlignTop
                                }
                                ColumnLayout {
                                    spacing: Theme.gapSmall
                                    Layout.fillWidth: true
                                    Label {
                                        objectName: "errorLine"
                                        text: errorItem.line
                                        wrapMode: Text.WordWrap
                                        font: Theme.bodyStrong
                                        color: Theme.textPrimary
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        objectName: "errorNext"
                                        visible: text.length > 0
                                        text: errorItem.next
                                        wrapMode: Text.WordWrap
                                        font: Theme.body
                                        color: Theme.textPrimary
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        objectName: "errorRaw"
                                        text: errorItem.raw
                                        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                                        font: Theme.secondary
                                        color: Theme.textSecondary
                                        Layout.fillWidth: true
                                    }
                                }
                            }
                            Rectangle {
                                visible: errorItem.index > 0
                                anchors.top: parent.top
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.leftMargin: Theme.gapLarge
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
