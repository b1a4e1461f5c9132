// SPDX-License-Identifier: MIT
// The layout test: every page state in landscape (1280x800), portrait (800x1280) and one 320 px
// column of a split screen (320x720), in English,
// German and French, in the app's own window (Main.qml). For each, it walks the item tree and
// reports text that is cut (wider than its place without eliding, elided where it must not be,
// cut off by its container), visible controls that overlap, and anything outside the window; it
// saves a screenshot of each state (build/tests/ui/screenshots/layout-<state>-<orientation>-<lang>.png).
import QtQuick
import QtQuick.Controls
import QtTest
import PosData
import PosDataTest

TestCase {
    id: tc
    name: "Layout"
    when: windowShown

    SnapshotFeeder { id: feeder }
    Component { id: controllerComponent; ManageDataController {} }
    Component { id: windowComponent; Main {} }

    // The longest name the configuration accepts (80 characters).
    readonly property string longName: "s_c__loyalty_programme_membership_tier_benefit_redemption_history_entries_ext__c"

    function sample() {
        return [
            { name: "s_c__outlet__c", status: "Fully synced", local: 20, server: 20, inUse: 1, lastSyncedSecsAgo: 300,
              countsSecsAgo: 300, requiredForSale: true, readyForSale: true },
            { name: "s_c__shift__c", status: "Subset synced", scoped: true, local: 100, server: 100, serverAll: 2000,
              inUse: 1, lastSyncedSecsAgo: 240, requiredForSale: true, readyForSale: true },
            { name: "contact", status: "Incomplete", activity: "stopped", local: 12000, server: 20000,
              lastSyncedSecsAgo: 7200, countsSecsAgo: 7200,
              errors: [ { code: "HTTP_503", secsAgo: 900, message: "Salesforce answered HTTP 503",
                          detail: "Service Unavailable" },
                        { code: "HTTP_503", secsAgo: 600, message: "Salesforce answered HTTP 503",
                          detail: "Service Unavailable" },
                        { code: "INVALID_FIELD", secsAgo: 120,
                          message: "Field s_c__no_such_field__c is not available in Salesforce",
                          detail: "No such column 's_c__no_such_field__c' on entity 'Contact'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names." } ] },
            { name: "s_c__product__c", status: "Syncing", activity: "resyncing", local: 61234, server: 100007,
              progressDone: 61234, progressTotal: 100007, rate: 1234, secondsLeft: 95, countsSecsAgo: 180,
              requiredForSale: true },
            { name: "s_c__order__c", status: "Subset synced", scoped: true, local: 10000, server: 10000,
              serverAll: 200000, unsaved: 3, uploadFailed: 1, lastSyncedSecsAgo: 60 },
            { name: tc.longName, status: "Syncing", activity: "retrying", retryInSecs: 30, local: 1234567,
              server: 2000000, lastSyncedSecsAgo: 90000,
              errors: [ { code: "UNKNOWN_EXCEPTION", secsAgo: 30, message: "An unexpected error occurred",
                          detail: "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)" } ] }
        ]
    }

    function unsavedSample() {
        return [
            { id: "local-7f3a9c", state: "created", changedSecsAgo: 300, errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
              errorMessage: "Order total cannot be negative", attempts: 3,
              payload: { s_c__total__c: -1234.5, s_c__order_date__c: "2026-03-11", s_c__status__c: "Till",
                         s_c__item_count__c: 12, s_c__outlet__c: "a00000000000001AAA", s_c__contact__c: null,
                         s_c__pos_uuid__c: "7f3a9c2e-5d1b-4c8e-9a57-0b6e2f4d8c31" } },
            { id: "a03000000000042AAA", name: "ORD-000042", state: "updated", changedSecsAgo: 7200 },
            { id: "a03000000000043AAA", name: "ORD-000043", state: "deleted", changedSecsAgo: 20 }
        ]
    }

    function paused(objects) {
        return objects.map(o => Object.assign({}, o, { status: "Paused", syncing: false, paused: true,
                                                       activity: "idle" }))
    }

    // --- The walk -----------------------------------------------------------------------------

    function isText(item) {
        return item.truncated !== undefined && item.elide !== undefined && item.wrapMode !== undefined
            && item.contentWidth !== undefined
    }
    // What a person reads or taps: text, buttons and rows, progress, icons.
    function isElement(item) {
        if (item instanceof ScrollIndicator || item instanceof ScrollBar)
            return false
        if (isText(item))
            return item.text.length > 0
        return item instanceof AbstractButton || item instanceof ProgressBar || item instanceof BusyIndicator
            || item instanceof Image
    }
    function isFlickable(item) {
        return item.contentY !== undefined && item.flickableDirection !== undefined
    }
    function effectivelyShown(item) {
        for (let i = item; i; i = i.parent) {
            if (!i.visible || i.opacity < 0.01)
                return false
        }
        return true
    }
    function rectOf(item, x, y, w, h) {
        const p = item.mapToItem(null, x, y)
        return { x: p.x, y: p.y, w: w, h: h }
    }
    // Where a text's letters are: its content box placed by its alignment inside its padding.
    function paintedRect(t) {
        const left = t.leftPadding || 0, right = t.rightPadding || 0
        const top = t.topPadding || 0, bottom = t.bottomPadding || 0
        const availW = t.width - left - right, availH = t.height - top - bottom
        const h = t.effectiveHorizontalAlignment
        const v = t.verticalAlignment
        const dx = h === Text.AlignRight ? availW - t.contentWidth
                 : h === Text.AlignHCenter ? (availW - t.contentWidth) / 2 : 0
        const dy = v === Text.AlignBottom ? availH - t.contentHeight
                 : v === Text.AlignVCenter ? (availH - t.contentHeight) / 2 : 0
        // An elided text paints within its box (its ellipsis may report a pixel more).
        const w = t.truncated ? Math.min(t.contentWidth, availW) : t.contentWidth
        return rectOf(t, left + Math.max(0, dx), top + Math.max(0, dy), w, t.contentHeight)
    }
    function intersect(a, b) {
        const x = Math.max(a.x, b.x), y = Math.max(a.y, b.y)
        const r = Math.min(a.x + a.w, b.x + b.w), d = Math.min(a.y + a.h, b.y + b.h)
        return { x: x, y: y, w: Math.max(0, r - x), h: Math.max(0, d - y) }
    }
    readonly property real slack: 1
    // A text narrower than its words gets at least this width (about 10 characters): a name may
    // elide and a sentence wrap, but not down to a few letters or a word per line.
    readonly property real minTextWidth: 96

    function describe(item) {
        const what = isText(item) ? "text \"" + item.text + "\"" : String(item).replace(/\(0x[0-9a-f]+\)?/, "")
        const name = item.objectName ? " [" + item.objectName + "]" : ""
        let owner = ""
        for (let i = item.parent; i; i = i.parent) {
            if (i.objectName) {
                owner = " in " + i.objectName
                break
            }
        }
        return what + name + owner
    }

    // The element's rectangle after every clipping ancestor, and whether one of them cuts it where
    // nothing scrolls (a list clipping a row that scrolls on is fine; a menu clipping words is not).
    function clipped(item, rect) {
        let r = rect
        let scrolls = isFlickable(item)
        let cut = false
        for (let a = item.parent; a; a = a.parent) {
            if (isFlickable(a))
                scrolls = true
            if (!a.clip)
                continue
            const before = r
            r = intersect(r, rectOf(a, 0, 0, a.width, a.height))
            const cutAcross = r.w > 0 && r.h > 0 && r.w < before.w - tc.slack
            const cutAlong = r.w > 0 && r.h > 0 && r.h < before.h - tc.slack
            if (cutAcross || (cutAlong && !scrolls))
                cut = true
        }
        return { rect: r, cut: cut }
    }

    function collect(item, out) {
        if (!item || !item.visible || item.opacity < 0.01)
            return
        if (isElement(item))
            out.push(item)
        for (let i = 0; i < item.children.length; ++i)
            collect(item.children[i], out)
    }
    function isAncestor(a, b) {
        for (let i = b.parent; i; i = i.parent) {
            if (i === a)
                return true
        }
        return false
    }

    // Problems of one layer (the page, or one open popup) in a window of w x h.
    function layerProblems(root, w, h) {
        const elements = []
        collect(root, elements)
        const problems = []
        const shown = []
        for (const e of elements) {
            // Squeezed: a name elided to a few letters, words wrapped one or two to a line.
            if (isText(e) && (e.width < Math.min(e.implicitWidth, tc.minTextWidth) - tc.slack || e.height < 1)) {
                problems.push("squeezed (" + Math.round(e.width) + "x" + Math.round(e.height) + "): " + describe(e))
                continue
            }
            const box = isText(e) ? paintedRect(e) : rectOf(e, 0, 0, e.width, e.height)
            const c = clipped(e, box)
            if (c.rect.w <= 0 || c.rect.h <= 0)
                continue // scrolled out of sight
            if (isText(e)) {
                const avail = e.width - (e.leftPadding || 0) - (e.rightPadding || 0)
                if (e.truncated && e.mayElide !== true)
                    problems.push("elided: " + describe(e))
                else if (e.elide === Text.ElideNone && e.contentWidth > avail + tc.slack)
                    problems.push("cut (" + Math.round(e.contentWidth) + " px in " + Math.round(avail) + "): "
                                  + describe(e))
                const availH = e.height - (e.topPadding || 0) - (e.bottomPadding || 0)
                if (e.contentHeight > availH + tc.slack && !e.truncated)
                    problems.push("cut at the bottom (" + Math.round(e.contentHeight) + " px in "
                                  + Math.round(availH) + "): " + describe(e))
            }
            if (c.cut)
                problems.push("cut by its container: " + describe(e))
            const r = c.rect
            if (r.x < -slack || r.y < -slack || r.x + r.w > w + tc.slack || r.y + r.h > h + tc.slack)
                problems.push("outside the window (" + [r.x, r.y, r.w, r.h].map(Math.round).join(",") + "): "
                              + describe(e))
            shown.push({ item: e, rect: r })
        }
        for (let i = 0; i < shown.length; ++i) {
            for (let j = i + 1; j < shown.length; ++j) {
                const a = shown[i], b = shown[j]
                if (isAncestor(a.item, b.item) || isAncestor(b.item, a.item))
                    continue
                const o = intersect(a.rect, b.rect)
                if (o.w > tc.slack && o.h > tc.slack)
                    problems.push("overlap: " + describe(a.item) + " / " + describe(b.item))
            }
        }
        return problems
    }

    // The page and each open popup, each on its own (a popup covers the page by design).
    function windowProblems(win) {
        let problems = layerProblems(win.contentItem, win.width, win.height)
        const overlay = win.contentItem.Overlay.overlay
        for (let i = 0; i < overlay.children.length; ++i) {
            const layer = overlay.children[i]
            if (layer.visible && layer.opacity > 0.01)
                problems = problems.concat(layerProblems(layer, win.width, win.height))
        }
        return problems
    }

    // --- The states ---------------------------------------------------------------------------

    property var win: null
    property var controller: null
    property var found: []

    function page() { return win.shell.stack.currentItem }
    function settle() {
        tryCompare(win.shell.stack, "busy", false)
        mouseMove(win.contentItem, 1, win.height - 1) // no hover highlight in the screenshots
        wait(50)
    }
    function check(state, data) {
        settle()
        // A loaded machine may check between a change and the layout's next polish (a line that
        // grew, a banner that appeared): only what is still wrong a second later is a problem.
        let problems = windowProblems(win)
        for (let i = 0; problems.length > 0 && i < 20; ++i) {
            wait(50)
            problems = windowProblems(win)
        }
        for (const p of problems) {
            found.push(data.tag + " " + state + ": " + p)
            console.warn(found[found.length - 1]) // the whole list: a failure message is cut short
        }
        grabImage(win.contentItem).save(feeder.screenshotDir + "/layout-" + state + "-" + data.orientation + "-"
                                       + data.lang + ".png")
    }
    function back() {
        win.shell.stack.pop(win.shell.stack.get(win.shell.stack.depth - 2), StackView.Immediate)
    }
    function openMenu() {
        const button = findChild(page(), "moreActions")
        button.menu.open()
        tryCompare(button.menu, "opened", true)
        return button.menu
    }
    function closeMenu(menu) {
        menu.close()
        tryCompare(menu, "visible", false)
    }
    function showDialog(objects, plans) {
        controller.requestClearPlan(objects)
        feeder.applyPlan(controller, plans)
        tryCompare(win.shell.clearDialog, "opened", true)
    }
    function hideDialog() {
        controller.cancelClearPlan()
        tryCompare(win.shell.clearDialog, "visible", false)
    }

    function init_data() {
        const rows = []
        for (const lang of ["en", "de", "fr"]) {
            rows.push({ tag: lang + " landscape", lang: lang, orientation: "landscape", w: 1280, h: 800 })
            rows.push({ tag: lang + " portrait", lang: lang, orientation: "portrait", w: 800, h: 1280 })
            // One column of a split screen: 320 px wide.
            rows.push({ tag: lang + " narrow", lang: lang, orientation: "narrow", w: 320, h: 720 })
        }
        return rows
    }

    function cleanupTestCase() {
        feeder.useLanguage("en")
    }

    function test_layout_data() {
        return init_data()
    }

    function test_layout(data) {
        verify(feeder.useLanguage(data.lang), data.lang)
        found = []
        controller = createTemporaryObject(controllerComponent, tc)
        feeder.pinClock(controller)
        win = createTemporaryObject(windowComponent, tc, { controller: controller, width: data.w, height: data.h })
        verify(win)
        tryVerify(() => win.visible && win.width === data.w && win.height === data.h)
        feeder.apply(controller, sample())
        settle()
        tryVerify(() => findChild(page(), "objectList").count === 6)
        // The window speaks the language under test.
        compare(findChild(page(), "pageTitle").text,
                { en: "Manage data", de: "Daten verwalten", fr: "Gérer les données" }[data.lang])

        check("manage-data", data)
        let menu = openMenu()
        check("manage-data-menu", data)
        closeMenu(menu)
        feeder.apply(controller, paused(sample()))
        check("manage-data-paused", data)
        feeder.apply(controller, sample(), { signInRequired: true, signInRetryInSecs: 30 })
        check("manage-data-sign-in", data)
        controller.hostSignIn = true // embedded: the host's sign-in beside Try again
        check("manage-data-sign-in-host", data)
        controller.hostSignIn = false
        feeder.apply(controller, sample())
        showDialog([], sample().map(o => ({ object: o.name, willDelete: 1000, keepUnsaved: o.unsaved || 0,
                                             keepInUse: o.inUse || 0, willDownload: o.server })))
        check("clear-resync-all-dialog", data)
        hideDialog()

        win.shell.openDetail("contact", true)
        check("object-detail-incomplete", data)
        menu = openMenu()
        check("object-detail-menu", data)
        closeMenu(menu)
        back()
        win.shell.openDetail(longName, true)
        check("object-detail-long-name", data)
        showDialog([longName], [{ object: longName, willDelete: 1233567, keepUnsaved: 3, keepInUse: 1,
                                  willDownload: 2000000 }])
        check("clear-resync-dialog", data)
        hideDialog()
        back()

        // Issue 16: the scope in words with the storage, a check that found differences (Repair
        // offered), and the warning when the next download may not fit.
        const diagnosed = sample()
        diagnosed[4] = Object.assign({}, diagnosed[4], { scopeBy: "outletId", scopeRecord: "Berlin Mitte",
                                                         bytes: 5347737 })
        diagnosed[3] = Object.assign({}, diagnosed[3], { status: "Incomplete", activity: "idle", syncing: false,
                                                         local: 99965, server: 100002, bytes: 51200000,
                                                         check: { phase: "done", missing: 37, extra: 5,
                                                                  unsaved: 0, apiCalls: 23 } })
        feeder.apply(controller, diagnosed, { databaseBytes: 262144000, freeBytes: 12884901888 })
        win.shell.openDetail("s_c__order__c", true)
        check("object-detail-scope-storage", data)
        back()
        win.shell.openDetail("s_c__product__c", true)
        // The check's result is below the fields: scrolled to, as a person would after tapping Check.
        const flick = findChild(page(), "detailFlick")
        const card = findChild(page(), "checkCard")
        settle()
        flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height,
                                              card.mapToItem(flick.contentItem, 0, 0).y - 80))
        check("object-detail-check", data)
        back()
        feeder.apply(controller, diagnosed, { databaseBytes: 262144000, freeBytes: 52428800 })
        check("manage-data-low-space", data)
        feeder.apply(controller, sample())

        win.shell.openDetail("s_c__order__c", true)
        check("object-detail-unsaved", data)
        win.shell.openUnsaved("s_c__order__c", true)
        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample())
        tryCompare(findChild(page(), "unsavedList"), "count", 3)
        check("unsaved-records", data)
        win.shell.openRecord(page().records, "local-7f3a9c", true)
        check("unsaved-record", data)
        const discard = findChild(page(), "discardDialog")
        discard.open()
        tryCompare(discard, "opened", true)
        check("discard-dialog", data)
        discard.close()
        tryCompare(discard, "visible", false)
        back()
        back()
        back()
        back()
        check("settings", data)
        win.destroy() // before its controller
        wait(0)
        verify(found.length === 0, found.length + " problems, the first: " + found[0])
    }
}
