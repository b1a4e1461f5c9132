// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// A question before an action that loses something: a title that wraps, words that scroll when the
// window is short, then Cancel and the red action, side by side or stacked in a narrow column.
// The clear & resync and the discard confirmations are this dialog with their own words.
Dialog {
    id: dialog
    /// The red button's words ("Clear & resync", "Discard this change").
    property string confirmText
    /// What the dialog says, laid out in a column as wide as the dialog.
    default property alias content: column.data
    signal confirmed()

    modal: true
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 2 * Theme.pageMargin : Theme.maxDialogWidth, Theme.maxDialogWidth)
    height: Math.min(implicitHeight, parent ? parent.height - 2 * Theme.pageMargin : implicitHeight)
    padding: Theme.pageMargin
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

    // The words scroll when the window is too short for them (a 320 px column, a long name).
    contentItem: Flickable {
        implicitHeight: contentHeight
        contentHeight: column.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}
        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gapLarge
        }
    }

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
                text: dialog.confirmText
                destructive: true
                Layout.fillWidth: buttons.stacked
                Layout.row: 0
                Layout.column: buttons.stacked ? 0 : 2
                onClicked: {
                    dialog.confirmed()
                    dialog.close()
                }
            }
        }
    }
}
