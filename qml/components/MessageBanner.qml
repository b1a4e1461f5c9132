// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// A full-width banner: a message and, optionally, one action button.
Rectangle {
    id: banner
    property string text
    property string actionText
    property string statusKey: "incomplete"
    property url iconSource
    property color background: Theme.errorBackground
    property color borderColor: Theme.errorBorder
    signal actionClicked()

    implicitHeight: Math.max(72, content.implicitHeight + 24)
    color: background
    border.color: borderColor
    border.width: 1
    radius: 8
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    RowLayout {
        id: content
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 12
        spacing: 16
        StatusIcon {
            statusKey: banner.statusKey
            source: banner.iconSource
            size: 28
        }
        Label {
            text: banner.text
            wrapMode: Text.WordWrap
            font.pixelSize: 16
            color: Theme.textPrimary
            Layout.fillWidth: true
        }
        ActionButton {
            visible: banner.actionText.length > 0
            text: banner.actionText
            highlighted: true
            onClicked: banner.actionClicked()
        }
    }
}
