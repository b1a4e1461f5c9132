// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import PosData

// A More actions entry: 56 px tall for touch, its words shown as written ("&" included).
MenuItem {
    id: entry
    implicitHeight: Theme.touchTarget + 8
    Accessible.name: text
    contentItem: Label {
        text: entry.text
        font.pixelSize: 16
        color: Theme.textPrimary
        leftPadding: 8
        rightPadding: 8
        verticalAlignment: Text.AlignVCenter
    }
}
