// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import PosData

// The ⋮ button and its menu, for the list and the detail page. The menu is as wide as its longest
// entry (never elided), within the window, right-aligned under the button.
ToolButton {
    id: button
    default property alias entries: menu.contentData
    readonly property alias menu: menu

    objectName: "moreActions"
    text: "\u22ee"
    font: Theme.glyph
    implicitWidth: Theme.touchTarget + 8
    implicitHeight: Theme.touchTarget + 8
    Accessible.name: qsTr("More actions")
    onClicked: menu.open()

    Menu {
        id: menu
        objectName: "moreMenu"
        readonly property real windowWidth: button.Window.window ? button.Window.window.width : Theme.maxMenuWidth
        readonly property real widest: {
            let w = 0
            for (let i = 0; i < count; ++i) {
                const item = itemAt(i)
                if (item)
                    w = Math.max(w, item.implicitWidth)
            }
            return w
        }
        margins: Theme.gap
        width: Math.min(widest + leftPadding + rightPadding, Theme.maxMenuWidth, windowWidth - 2 * Theme.gap)
        y: button.height
        x: button.width - width
    }
}
