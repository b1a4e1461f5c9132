// SPDX-License-Identifier: MIT
pragma Singleton
import QtQuick

// Colours and sizes shared by the pages; status colours match the SVG icons in resources/icons.
QtObject {
    readonly property int touchTarget: 48
    readonly property int rowHeight: 76
    readonly property int pageMargin: 24
    readonly property int maxContentWidth: 960

    readonly property color pageBackground: "#f3f4f6"
    readonly property color card: "#ffffff"
    readonly property color divider: "#e3e5e8"
    readonly property color textPrimary: "#1f2328"
    readonly property color textSecondary: "#5f6670"
    readonly property color accent: "#1a73e8"
    readonly property color destructive: "#c5221f"
    readonly property color warningBackground: "#fff4e0"
    readonly property color warningBorder: "#f2b35c"
    readonly property color errorBackground: "#fdecea"
    readonly property color errorBorder: "#f28b82"

    function statusColor(key) {
        switch (key) {
        case "syncing": return "#1a73e8"
        case "paused": return "#e37400"
        case "fully-synced": return "#188038"
        case "subset-synced": return "#00796b"
        default: return "#d93025"
        }
    }

    // Drawn when the SVG image plugin is missing (see SyncFormatter::statusIconSource).
    function statusGlyph(key) {
        switch (key) {
        case "syncing": return "\u21bb"
        case "paused": return "\u2016"
        case "fully-synced": return "\u2713"
        case "subset-synced": return "\u25d0"
        default: return "!"
        }
    }
}
