// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import PosData

// A More actions entry: 56 px tall for touch, its words shown whole ("&" included), wrapped when
// the window is narrower than the words.
MenuItem {
    id: entry
    implicitHeight: Math.max(Theme.touchTarget + 8, implicitContentHeight + topPadding + bottomPadding)
    implicitWidth: implicitContentWidth + leftPadding + rightPadding
    leftPadding: Theme.gapLarge
    rightPadding: Theme.gapLarge
    Accessible.name: text
    contentItem: Label {
        text: entry.text
        font: Theme.body
        color: Theme.textPrimary
        wrapMode: Text.WordWrap
        verticalAlignment: Text.AlignVCenter
    }
}
