// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import PosData

// A labelled action with a 48 px touch target; `destructive` paints it red for deleting actions.
// Its words wrap onto a second line when the button is given less than their width. Its colour is
// the Material accent it inherits: a host app's own, or the module's (AppShell sets Theme.accent).
Button {
    id: control
    property bool destructive: false

    implicitHeight: Math.max(Theme.touchTarget, implicitContentHeight + topPadding + bottomPadding)
    implicitWidth: Math.max(Theme.touchTarget, implicitContentWidth + leftPadding + rightPadding)
    topInset: 0
    bottomInset: 0
    leftPadding: Theme.gapLarge
    rightPadding: Theme.gapLarge
    font: Theme.button
    Material.background: destructive ? Theme.destructive : (highlighted ? Material.accent : undefined)
    Material.foreground: destructive || highlighted ? Theme.textOnAccent : Material.accent
    Accessible.name: text

    // A plain label: the product's words contain "&" ("Clear & resync"), which the default
    // content item would swallow as a mnemonic marker.
    contentItem: Label {
        text: control.text
        font: control.font
        color: control.destructive || control.highlighted ? Theme.textOnAccent : control.Material.accent
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        // Long words (German, French) in a narrow window: two lines rather than cut.
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        opacity: control.enabled ? 1 : 0.5
    }
}
