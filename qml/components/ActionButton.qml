// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import PosData

// A labelled action with a 48 px touch target; `destructive` paints it red for deleting actions.
Button {
    id: control
    property bool destructive: false

    implicitHeight: Math.max(Theme.touchTarget, implicitContentHeight + topPadding + bottomPadding)
    leftPadding: 20
    rightPadding: 20
    font.pixelSize: 15
    font.capitalization: Font.MixedCase
    Material.background: destructive ? Theme.destructive : (highlighted ? Theme.accent : undefined)
    Material.foreground: destructive || highlighted ? "white" : Theme.accent
    Accessible.name: text

    // A plain label: the product's words contain "&" ("Clear & resync"), which the default
    // content item would swallow as a mnemonic marker.
    contentItem: Label {
        text: control.text
        font: control.font
        color: control.destructive || control.highlighted ? "white" : Theme.accent
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        opacity: control.enabled ? 1 : 0.5
    }
}
