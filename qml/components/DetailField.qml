// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One "label: value" line of the object detail page. A `note` shows in red beside the value (it
// never replaces it); a `clickable` field opens more on a tap, and a chevron says so.
Item {
    id: field
    property string label
    property string value
    property string note
    property string statusKey
    property url iconSource
    property bool showIcon: false
    property bool lastInGroup: false
    property bool clickable: false
    signal clicked()

    implicitHeight: 60
    Layout.fillWidth: true
    Accessible.role: clickable ? Accessible.Button : Accessible.StaticText
    Accessible.name: label + ": " + value + (note.length > 0 ? ", " + note : "")
    Accessible.onPressAction: if (clickable) field.clicked()

    Rectangle {
        anchors.fill: parent
        visible: tap.pressed
        color: Theme.divider
    }
    MouseArea {
        id: tap
        anchors.fill: parent
        enabled: field.clickable
        onClicked: field.clicked()
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 20
        anchors.rightMargin: field.clickable ? 12 : 20
        spacing: 12
        Label {
            text: field.label
            font.pixelSize: 16
            color: Theme.textSecondary
            Layout.fillWidth: true
        }
        Label {
            objectName: "note"
            visible: field.note.length > 0
            text: field.note
            font.pixelSize: 15
            font.weight: Font.Medium
            color: Theme.destructive
        }
        StatusIcon {
            visible: field.showIcon
            statusKey: field.statusKey
            source: field.iconSource
            size: 24
        }
        Label {
            text: field.value
            font.pixelSize: 16
            font.weight: Font.Medium
            color: Theme.textPrimary
            horizontalAlignment: Text.AlignRight
        }
        Label {
            visible: field.clickable
            text: "\u203a"
            font.pixelSize: 28
            color: Theme.textSecondary
        }
    }
    Rectangle {
        visible: !field.lastInGroup
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: 20
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.divider
    }
}
