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

    // Narrow (a split-screen column): the actions go on a second line under the title.
    readonly property bool narrow: width < Theme.narrowWidth

    implicitHeight: Math.max(Theme.toolBarHeight, grid.implicitHeight + 2 * Theme.gapSmall)
    Material.background: Theme.card
    Material.foreground: Theme.textPrimary
    Material.elevation: 2

    GridLayout {
        id: grid
        anchors.fill: parent
        anchors.leftMargin: bar.backVisible ? Theme.gapSmall : Theme.pageMargin
        anchors.rightMargin: Theme.gap
        anchors.topMargin: Theme.gapSmall
        anchors.bottomMargin: Theme.gapSmall
        columns: bar.narrow ? 2 : 3
        columnSpacing: Theme.gapSmall
        rowSpacing: 0

        ToolButton {
            objectName: "backButton"
            visible: bar.backVisible
            text: "\u2190"
            font: Theme.glyph
            implicitWidth: Theme.touchTarget + 8
            implicitHeight: Theme.touchTarget + 8
            Accessible.name: qsTr("Back")
            onClicked: bar.backClicked()
            Layout.row: 0
            Layout.column: 0
        }
        NameLabel {
            objectName: "pageTitle"
            text: bar.title
            font: Theme.title
            Layout.fillWidth: true
            Layout.row: 0
            Layout.column: bar.backVisible ? 1 : 0
            Layout.columnSpan: bar.backVisible ? 1 : 2
        }
        RowLayout {
            id: trailing
            spacing: Theme.gapSmall
            // On their own line (narrow), labelled actions take the room there is and wrap their
            // words if they must; beside the title they keep their size and the title elides.
            onChildrenChanged: {
                for (let i = 0; i < children.length; ++i) {
                    if (children[i] instanceof ActionButton)
                        children[i].Layout.fillWidth = Qt.binding(() => bar.narrow)
                }
            }
            Layout.row: bar.narrow ? 1 : 0
            Layout.column: bar.narrow ? 0 : 2
            Layout.columnSpan: bar.narrow ? 2 : 1
            Layout.fillWidth: bar.narrow // beside the title: its own width, the title takes the rest
            Layout.maximumWidth: grid.width
            Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
        }
    }
}
