// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One "label: value" line of the object detail page. A `note` shows in red under the value (it
// never replaces it), `secondary` in grey ("Checked 3 min ago"); a `clickable` field opens more on
// a tap, and a chevron says so. A name value elides (whole on press-and-hold); others wrap.
Item {
    id: field
    property string label
    property string value
    property string note
    property string secondary
    property int statusKind: StatusKind.Incomplete
    property bool showIcon: false
    property bool lastInGroup: false
    property bool clickable: false
    property bool valueIsName: false
    signal clicked()

    implicitHeight: Math.max(Theme.fieldHeight, row.implicitHeight + 2 * Theme.gap)
    Layout.fillWidth: true
    Accessible.role: clickable ? Accessible.Button : Accessible.StaticText
    Accessible.name: label + ": " + value + (note.length > 0 ? ", " + note : "")
    Accessible.onPressAction: if (clickable) field.clicked()

    Rectangle {
        anchors.fill: parent
        visible: tap.pressed
        color: Theme.pressed
    }
    MouseArea {
        id: tap
        anchors.fill: parent
        enabled: field.clickable
        onClicked: field.clicked()
        onPressAndHold: valueName.reveal()
    }

    RowLayout {
        id: row
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.gapLarge
        anchors.rightMargin: field.clickable ? Theme.gap : Theme.gapLarge
        spacing: Theme.gap
        Label {
            objectName: "fieldLabel"
            text: field.label
            font: Theme.body
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
            Layout.maximumWidth: row.width * 0.45
            Layout.alignment: Qt.AlignTop
        }
        Item { Layout.fillWidth: true; implicitHeight: 1 }
        StatusIcon {
            visible: field.showIcon
            kind: field.statusKind
            size: Theme.iconSizeSmall
            Layout.alignment: Qt.AlignTop
        }
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: field.valueIsName
            Layout.maximumWidth: row.width * 0.55
            NameLabel {
                id: valueName
                objectName: "fieldValueName"
                visible: field.valueIsName
                text: field.value
                font: Theme.bodyStrong
                horizontalAlignment: Text.AlignRight
                Layout.fillWidth: true
            }
            Label {
                objectName: "fieldValue"
                visible: !field.valueIsName
                text: field.value
                font: Theme.bodyStrong
                color: Theme.textPrimary
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignRight
                Layout.alignment: Qt.AlignRight
                Layout.maximumWidth: row.width * 0.55
            }
            Label {
                objectName: "note"
                visible: field.note.length > 0
                text: field.note
                font: Theme.secondaryStrong
                color: Theme.destructive
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignRight
                Layout.alignment: Qt.AlignRight
                Layout.maximumWidth: row.width * 0.55
            }
            Label {
                objectName: "secondary"
                visible: field.secondary.length > 0
                text: field.secondary
                font: Theme.secondary
                color: Theme.textSecondary
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignRight
                Layout.alignment: Qt.AlignRight
                Layout.maximumWidth: row.width * 0.55
            }
        }
        Label {
            visible: field.clickable
            text: "\u203a"
            font: Theme.glyph
            color: Theme.textSecondary
        }
    }
    Rectangle {
        visible: !field.lastInGroup
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: Theme.gapLarge
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.divider
    }
}
