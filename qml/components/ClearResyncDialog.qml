// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// Asks before a clear & resync: the product page's warning, then what goes, what stays and what
// downloads, from the engine's plan. Opens by itself when the controller has a plan to confirm.
ConfirmDialog {
    id: dialog
    required property ManageDataController controller

    title: controller.clearPlanTitle
    confirmText: controller.clearPlanConfirmText
    onConfirmed: controller.confirmClearPlan()

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
