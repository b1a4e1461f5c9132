// SPDX-License-Identifier: MIT
// Theme, measured: the contrast of every colour pair the pages paint (WCAG 2 relative luminance,
// >= 4.5:1 for text and the status colours), the type sizes and touch targets, and the status
// icons (SVG) painted in the status colours Theme gives the words beside them.
import QtQuick
import QtTest
import PosData

TestCase {
    name: "Theme"
    width: 100
    height: 100
    visible: true
    when: windowShown

    // WCAG 2.x relative luminance of a QML color (r, g, b in 0..1).
    function luminance(c) {
        const channel = v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }
    // a, b: colors or "#rrggbb" strings (Theme's status colours are a list of strings).
    function contrast(a, b) {
        const la = luminance(Qt.color(String(a))), lb = luminance(Qt.color(String(b)))
        const ratio = (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
        verify(ratio >= 1 && ratio <= 21, "contrast of " + a + " and " + b)
        return ratio
    }

    // The backgrounds text and status colours stand on: cards and rows, the page, a pressed row,
    // the paused banner, the error and sign-in banners.
    function backgrounds() {
        return { card: Theme.card, page: Theme.pageBackground, pressed: Theme.pressed,
                 warning: Theme.warningBackground, error: Theme.errorBackground }
    }
    readonly property var statusNames: ["Syncing", "Paused", "FullySynced", "SubsetSynced", "Incomplete"]
    readonly property var statusKinds: [StatusKind.Syncing, StatusKind.Paused, StatusKind.FullySynced,
                                        StatusKind.SubsetSynced, StatusKind.Incomplete]

    function test_contrastOfTheArithmetic() {
        // The formula itself, on pairs with known ratios.
        fuzzyCompare(contrast("#000000", "#ffffff"), 21, 0.01)
        fuzzyCompare(contrast("#ffffff", "#ffffff"), 1, 0.001)
        fuzzyCompare(contrast("#767676", Qt.color("#ffffff")), 4.54, 0.01)
    }

    function test_everyStatusColourReadsOnEveryBackground() {
        const failures = []
        const bgs = backgrounds()
        for (let i = 0; i < statusKinds.length; ++i) {
            const colour = Theme.statusColor(statusKinds[i])
            for (const name in bgs) {
                const ratio = contrast(colour, bgs[name])
                if (ratio < 4.5)
                    failures.push(statusNames[i] + " " + colour + " on " + name + " " + bgs[name] + ": "
                                  + ratio.toFixed(2) + ":1")
            }
            // The drawn fallback icon: a white glyph on the status colour.
            const glyph = contrast(Theme.textOnAccent, colour)
            if (glyph < 4.5)
                failures.push("white glyph on " + statusNames[i] + ": " + glyph.toFixed(2) + ":1")
        }
        compare(failures, [])
    }

    function test_textColoursReadOnTheirBackgrounds() {
        const failures = []
        const check = (what, fg, bg, where) => {
            const ratio = contrast(fg, bg)
            if (ratio < 4.5)
                failures.push(what + " on " + where + ": " + ratio.toFixed(2) + ":1")
        }
        const bgs = backgrounds()
        for (const name in bgs) {
            check("primary text", Theme.textPrimary, bgs[name], name)
            check("secondary text", Theme.textSecondary, bgs[name], name)
            check("red note", Theme.destructive, bgs[name], name)
        }
        check("flat button text", Theme.accent, Theme.card, "card")
        // The sign-in banner's "Sign in again" and the paused banner's buttons stand on banners.
        check("flat button text", Theme.accent, Theme.errorBackground, "error banner")
        check("flat button text", Theme.accent, Theme.warningBackground, "warning banner")
        check("button text", Theme.textOnAccent, Theme.accent, "accent")
        check("button text", Theme.textOnAccent, Theme.destructive, "destructive")
        compare(failures, [])
    }

    function test_typeSizesAndTouchTargets() {
        verify(Theme.body.pixelSize >= 14)
        verify(Theme.bodyStrong.pixelSize >= 14)
        verify(Theme.secondary.pixelSize >= 14)
        verify(Theme.secondaryStrong.pixelSize >= 14)
        verify(Theme.button.pixelSize >= 14)
        verify(Theme.heading.pixelSize > Theme.body.pixelSize)
        verify(Theme.title.pixelSize > Theme.heading.pixelSize)
        verify(Theme.touchTarget >= 48)
        verify(Theme.rowHeight >= Theme.touchTarget)
        verify(Theme.fieldHeight >= Theme.touchTarget)
        verify(Theme.toolBarHeight >= Theme.touchTarget)
    }

    // The SVG a status is drawn with is painted in the colour of its word: rendered, and read back
    // near the top of its circle (the glyphs keep to the middle).
    Component {
        id: iconComponent
        Image {
            width: 48
            height: 48
            sourceSize.width: 48
            sourceSize.height: 48
        }
    }
    function test_iconsArePaintedInTheStatusColours() {
        for (let i = 0; i < statusKinds.length; ++i) {
            const icon = createTemporaryObject(iconComponent, this, { source: Theme.statusIcon(statusKinds[i]) })
            tryCompare(icon, "status", Image.Ready)
            waitForRendering(icon)
            const painted = grabImage(icon).pixel(24, 4)
            const wanted = Qt.color(String(Theme.statusColor(statusKinds[i])))
            const close = (a, b) => Math.abs(a - b) < 2 / 255
            verify(close(painted.r, wanted.r) && close(painted.g, wanted.g) && close(painted.b, wanted.b),
                   statusNames[i] + ": icon " + painted + ", word " + wanted)
        }
    }
}
