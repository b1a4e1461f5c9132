// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
pragma Singleton
import QtQuick
import PosData

// Every size, font and colour the pages use: nothing else in qml/ writes a pixel size or a colour.
// Status colours match the SVG icons in resources/icons and are >= 4.5:1 against every background
// they stand on: card, page, pressed row, banners (tests/ui/quick/tst_theme.qml computes the ratios).
QtObject {
    // Sizes
    readonly property int touchTarget: 48 ///< every control's height and width at least
    readonly property int rowHeight: 88
    readonly property int fieldHeight: 60
    readonly property int toolBarHeight: 72
    readonly property int pageMargin: 24
    readonly property int maxContentWidth: 960
    readonly property int maxDialogWidth: 600
    readonly property int maxMenuWidth: 560
    /// Below this width side-by-side parts stack: a row's status under its counts, a toolbar's
    /// actions under its title, a banner's button under its words (a 320 px split-screen column).
    readonly property int narrowWidth: 560
    readonly property int radius: 8
    readonly property int gapSmall: 4
    readonly property int gap: 12
    readonly property int gapLarge: 20
    readonly property int iconSize: 32
    readonly property int iconSizeSmall: 24

    // Typography: body and secondary text are never below 14 px.
    readonly property font title: Qt.font({ pixelSize: 22, weight: Font.Medium })
    readonly property font heading: Qt.font({ pixelSize: 18, weight: Font.Medium })
    readonly property font body: Qt.font({ pixelSize: 16 })
    readonly property font bodyStrong: Qt.font({ pixelSize: 16, weight: Font.Medium })
    readonly property font secondary: Qt.font({ pixelSize: 14 })
    readonly property font secondaryStrong: Qt.font({ pixelSize: 14, weight: Font.Medium })
    readonly property font button: Qt.font({ pixelSize: 15, weight: Font.Medium, capitalization: Font.MixedCase })
    readonly property font glyph: Qt.font({ pixelSize: 28 })

    // Colours
    readonly property color pageBackground: "#f3f4f6"
    readonly property color card: "#ffffff"
    readonly property color pressed: "#e3e5e8"
    readonly property color divider: "#e3e5e8"
    readonly property color textPrimary: "#1f2328"
    readonly property color textSecondary: "#5f6670"
    readonly property color textOnAccent: "#ffffff"
    readonly property color accent: "#1967d2"
    readonly property color destructive: "#c5221f"
    readonly property color warningBackground: "#fff4e0"
    readonly property color warningBorder: "#f2b35c"
    readonly property color errorBackground: "#fdecea"
    readonly property color errorBorder: "#f28b82"

    // The status colours, keyed by StatusKind.
    readonly property var statusColors: [
        "#1558b0", // Syncing
        "#8f4a00", // Paused
        "#137333", // FullySynced
        "#00695c", // SubsetSynced
        "#b3261e"  // Incomplete
    ]
    function statusColor(kind: int): color {
        return statusColors[kind] ?? statusColors[StatusKind.Incomplete]
    }

    // Drawn when the SVG image plugin is missing (see SyncFormatter::statusIconSource).
    function statusGlyph(kind: int): string {
        switch (kind) {
        case StatusKind.Syncing: return "\u21bb"
        case StatusKind.Paused: return "II"
        case StatusKind.FullySynced: return "\u2713"
        case StatusKind.SubsetSynced: return "\u25d0"
        default: return "!"
        }
    }
    // The icon of a status, the same file for rows, fields and banners.
    function statusIcon(kind: int): url {
        const names = ["syncing", "paused", "fully-synced", "subset-synced", "incomplete"]
        return "qrc:/PosData/icons/status-" + (names[kind] ?? "incomplete") + ".svg"
    }
}
