// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// Asks before a clear & resync: the product page's warning, then what goes, what stays and what
// downloads, from the engine's plan. Opens by itself when the controller has a plan to confirm.
Dialog {
    id: dialog
    required property ManageDataController controller

    modal: true
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 2 * Theme.pageMargin : Theme.maxDialogWidth, Theme.maxDialogWidth)
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.pageMargin : implicitHeight)
    padding: Theme.pageMargin
    title: controller.clearPlanTitle
    // The title wraps: an object's name can be long, and a portrait window narrow.
    header: Label {
        objectName: "dialogTitle"
        text: dialog.title
        font: Theme.title
        color: Theme.textPrimary
        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
        padding: Theme.pageMargin
        bottomPadding: 0
    }
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    Connections {
        target: dialog.controller
        function onClearPlanChanged() {
            if (dialog.controller.clearPlanPending && !dialog.opened)
                dialog.open()
            else if (!dialog.controller.clearPlanPending && dialog.opened)
                dialog.close()
        }
    }
    onClosed: if (controller.clearPlanPending) controller.cancelClearPlan()

    // The words scroll when the window is too short for them (a 320 px column, a long name).
    contentItem: Flickable {
        implicitHeight: contentHeight
        contentHeight: contentItem.childrenRect.height
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}
        ColumnLayout {
            width: parent.width
            spacing: Theme.gapLarge
            Label {
                text: dialog.controller.clearPlanWarning
                wrapMode: Text.WordWrap
                font: Theme.body
                color: Theme.textPrimary
                Layout.fillWidth: true
            }
            Pane {
                padding: Theme.gap
                Layout.fillWidth: true
                background: Rectangle {
                    color: Theme.pageBackground
                    radius: Theme.radius
                }
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.gapSmall + 4
                    Label {
                        objectName: "deleteText"
                        text: "\u2022 " + dialog.controller.clearPlanDeleteText
                        color: Theme.destructive
                        font: Theme.bodyStrong
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "keepUnsavedText"
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        text: "\u2022 " + dialog.controller.clearPlanKeepUnsavedText
                        font: Theme.body
                        color: Theme.textPrimary
                    }
                    Label {
                        objectName: "keepInUseText"
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        text: "\u2022 " + dialog.controller.clearPlanKeepInUseText
                        font: Theme.body
                        color: Theme.textPrimary
                    }
                    Label {
                        objectName: "downloadText"
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        text: "\u2022 " + dialog.controller.clearPlanDownloadText
                        font: Theme.body
                        color: Theme.textPrimary
                    }
                }
            }
        }
    }

    // The two buttons side by side, or one above the other when they do not fit (a 320 px column).
    footer: Item {
        implicitHeight: buttons.implicitHeight + Theme.pageMargin + Theme.gapLarge
        GridLayout {
            id: buttons
            readonly property bool stacked: cancel.implicitWidth + confirm.implicitWidth + columnSpacing
                                            > dialog.availableWidth
            anchors.fill: parent
            anchors.leftMargin: Theme.pageMargin
            anchors.rightMargin: Theme.pageMargin
            anchors.topMargin: Theme.pageMargin
            anchors.bottomMargin: Theme.gapLarge
            columns: stacked ? 1 : 3
            columnSpacing: Theme.gap
            rowSpacing: Theme.gapSmall
            Item {
                visible: !buttons.stacked
                Layout.fillWidth: true
            }
            ActionButton {
                id: cancel
                objectName: "cancelButton"
                text: qsTr("Cancel")
                flat: true
                Layout.fillWidth: buttons.stacked
                Layout.row: buttons.stacked ? 1 : 0
                Layout.column: buttons.stacked ? 0 : 1
                onClicked: dialog.close()
            }
            ActionButton {
                id: confirm
                objectName: "confirmButton"
                text: dialog.controller.clearPlanConfirmText
                destructive: true
                Layout.fillWidth: buttons.stacked
                Layout.row: 0
                Layout.column: buttons.stacked ? 0 : 2
                onClicked: {
                    dialog.controller.confirmClearPlan()
                    dialog.close()
                }
            }
        }
    }
}
