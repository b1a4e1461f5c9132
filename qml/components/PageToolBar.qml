// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import PosData

// The page header: back, title, and the page's actions on the right.
ToolBar {
    id: bar
    property string title
    property bool backVisible: true
    property alias actions: trailing.data
    signal backClicked()

    implicitHeight: 72
    Material.background: Theme.card
    Material.foreground: Theme.textPrimary
    Material.elevation: 2

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: bar.backVisible ? 8 : Theme.pageMargin
        anchors.rightMargin: 16
        spacing: 8

        ToolButton {
            visible: bar.backVisible
            text: "\u2190"
            font.pixelSize: 26
            implicitWidth: 56
            implicitHeight: 56
            Accessible.name: qsTr("Back")
            onClicked: bar.backClicked()
        }
        Label {
            text: bar.title
            font.pixelSize: 22
            font.weight: Font.Medium
            elide: Text.ElideRight
            color: Theme.textPrimary
            Layout.fillWidth: true
        }
        RowLayout {
            id: trailing
            spacing: 8
        }
    }
}
