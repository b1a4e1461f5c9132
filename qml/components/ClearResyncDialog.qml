// SPDX-License-Identifier: MIT
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
    width: Math.min(parent ? parent.width - 48 : 600, 600)
    padding: 24
    title: controller.clearPlanTitle
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

    contentItem: ColumnLayout {
        spacing: 16
        Label {
            text: dialog.controller.clearPlanWarning
            wrapMode: Text.WordWrap
            font.pixelSize: 16
            color: Theme.textPrimary
            Layout.fillWidth: true
        }
        Pane {
            padding: 12
            Layout.fillWidth: true
            background: Rectangle {
                color: Theme.pageBackground
                radius: 8
            }
            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: 8
                Label {
                    objectName: "deleteText"
                    text: "\u2022 " + dialog.controller.clearPlanDeleteText
                    color: Theme.destructive
                    font.pixelSize: 16
                    font.weight: Font.Medium
                }
                Label {
                    objectName: "keepUnsavedText"
                    text: "\u2022 " + dialog.controller.clearPlanKeepUnsavedText
                    font.pixelSize: 16
                    color: Theme.textPrimary
                }
                Label {
                    objectName: "keepInUseText"
                    text: "\u2022 " + dialog.controller.clearPlanKeepInUseText
                    font.pixelSize: 16
                    color: Theme.textPrimary
                }
                Label {
                    objectName: "downloadText"
                    text: "\u2022 " + dialog.controller.clearPlanDownloadText
                    font.pixelSize: 16
                    color: Theme.textPrimary
                }
            }
        }
    }

    footer: Item {
        implicitHeight: 80
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 24
            anchors.rightMargin: 24
            anchors.bottomMargin: 16
            spacing: 12
            Item { Layout.fillWidth: true }
            ActionButton {
                objectName: "cancelButton"
                text: qsTr("Cancel")
                flat: true
                onClicked: dialog.close()
            }
            ActionButton {
                objectName: "confirmButton"
                text: dialog.controller.clearPlanConfirmText
                destructive: true
                onClicked: {
                    dialog.controller.confirmClearPlan()
                    dialog.close()
                }
            }
        }
    }
}
