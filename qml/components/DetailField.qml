// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One "label: value" line of the object detail page.
Item {
    id: field
    property string label
    property string value
    property string statusKey
    property url iconSource
    property bool showIcon: false
    property bool lastInGroup: false

    implicitHeight: 60
    Layout.fillWidth: true
    Accessible.role: Accessible.StaticText
    Accessible.name: label + ": " + value

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 20
        anchors.rightMargin: 20
        spacing: 12
        Label {
            text: field.label
            font.pixelSize: 16
            color: Theme.textSecondary
            Layout.fillWidth: true
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
