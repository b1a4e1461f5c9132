// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import PosData

// The page header: back, title (elided, whole on press-and-hold), and the page's actions on the right.
ToolBar {
    id: bar
    property string title
    property bool backVisible: true
    property alias actions: trailing.data
    signal backClicked()

    implicitHeight: Theme.toolBarHeight
    Material.background: Theme.card
    Material.foreground: Theme.textPrimary
    Material.elevation: 2

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: bar.backVisible ? Theme.gapSmall : Theme.pageMargin
        anchors.rightMargin: Theme.gap
        spacing: Theme.gapSmall

        ToolButton {
            objectName: "backButton"
            visible: bar.backVisible
            text: "\u2190"
            font: Theme.glyph
            implicitWidth: Theme.touchTarget + 8
            implicitHeight: Theme.touchTarget + 8
            Accessible.name: qsTr("Back")
            onClicked: bar.backClicked()
        }
        NameLabel {
            objectName: "pageTitle"
            text: bar.title
            font: Theme.title
            Layout.fillWidth: true
        }
        RowLayout {
            id: trailing
            spacing: Theme.gapSmall
        }
    }
}
