// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import PosData

// A name that may be longer than its place (the configuration accepts 80 characters): one line,
// elided, and the full name in a tooltip on press-and-hold (reveal()). The layout test allows
// eliding here only (mayElide).
Label {
    id: label
    readonly property bool mayElide: true
    /// A control around the label whose press-and-hold reveals the name too (a list row).
    property Item holdSource: null
    function reveal() {
        if (truncated)
            tip.open()
    }
    elide: Text.ElideRight
    maximumLineCount: 1
    color: Theme.textPrimary
    ToolTip {
        id: tip
        text: label.text
        timeout: 4000
        font: Theme.body
    }
    TapHandler {
        onLongPressed: label.reveal()
    }
    Connections {
        target: label.holdSource
        ignoreUnknownSignals: true
        function onPressAndHold() { label.reveal() }
    }
}
