// SPDX-License-Identifier: MIT
// The real pages on the real engine, talking to the in-process emulator (seed "small"). The
// config asks contact for a field the org lacks, so that object ends Incomplete with an error.
import QtQuick
import QtQuick.Controls
import QtTest
import PosData
import PosDataTest

TestCase {
    id: tc
    name: "Engine"
    width: 1280
    height: 800
    visible: true
    when: windowShown

    EngineRig { id: rig }
    ManageDataController { id: controller }
    AppShell {
        id: shell
        anchors.fill: parent
        controller: controller
    }
    Component { id: spyComponent; SignalSpy {} }


    readonly property var names: ["s_c__outlet__c", "s_c__shift__c", "contact", "s_c__product__c", "s_c__order__c"]

    function list() { return findChild(shell.stack.currentItem, "objectList") }
    function row(name) { return list().itemAtIndex(controller.objects.indexOf(name)) }
    function statusOf(name) { const r = row(name); return r ? r.statusText : "" }
    function settled() {
        return statusOf("s_c__outlet__c") === "Fully synced" && statusOf("s_c__shift__c") === "Subset synced"
            && statusOf("s_c__product__c") === "Fully synced" && statusOf("s_c__order__c") === "Subset synced"
            && statusOf("contact") === "Incomplete" && !controller.anythingSyncing
    }
    function findText(item, text) {
        if (!item || !item.visible)
            return null
        if (item.text === text)
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = findText(item.children[i], text)
            if (found)
                return found
        }
        return null
    }
    function count(text) { return Number(text.replace(/,/g, "")) }
    function openDetail(name) {
        mouseClick(row(name))
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "objectDetailPage")
        compare(shell.stack.currentItem.name, name)
        return shell.stack.currentItem
    }
    function back() {
        shell.stack.pop()
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "manageDataPage")
    }

    function initTestCase() {
        verify(rig.start(controller, "small"))
        tryVerify(() => controller.ready, 10000)
        tryCompare(list(), "count", 5, 10000)
    }
    function cleanupTestCase() {
        rig.stop()
    }
    // Each test starts from the list, everything settled and nothing paused, whatever ran before it:
    // the functions run in any order (and one at a time from the command line).
    function init() {
        rig.setLatency(0)
        while (shell.stack.depth > 2)
            shell.stack.pop(null, StackView.Immediate)
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "manageDataPage")
        if (controller.anythingPaused)
            controller.resumeAll()
        tryVerify(settled, 30000, "settled before the test")
    }

    function test_initialSyncRowsShowWordsAndNumbers() {
        compare(row("s_c__outlet__c").countText, "Synced 3 of 3")
        compare(row("s_c__shift__c").countText, "Synced 10 of 10")
        compare(row("s_c__product__c").countText, "Synced 1,000 of 1,000")
        verify(findText(shell.stack.currentItem, "Synced 1,000 of 1,000"))
        verify(findText(shell.stack.currentItem, "Subset synced"))
        verify(!findChild(shell.stack.currentItem, "primaryAction").visible, "nothing syncing, nothing paused")
    }

    function test_scopedObjectDetailShowsServerAll() {
        const page = openDetail("s_c__order__c")
        compare(findChild(page, "statusField").value, "Subset synced")
        const all = findChild(page, "serverAllField")
        verify(all.visible)
        // The org's 2,000 orders of every outlet (and the sales other tests uploaded), more than in scope.
        verify(count(all.value) >= 2000, all.value)
        verify(count(all.value) > count(findChild(page, "serverField").value))
        // Local records: every record stored, the unsaved ones (another test's refused sale) too.
        compare(count(findChild(page, "localField").value),
                count(findChild(page, "serverField").value) + count(findChild(page, "unsavedField").value))
        // The scope in words, by the outlet's Name as the outlet object synced it.
        const scope = findChild(page, "scopeField")
        verify(scope.visible)
        compare(scope.value, "Only records of this outlet (Outlet 1 Lisbon): " + findChild(page, "serverField").value
                + " of " + all.value)
        verify(findText(page, scope.value))
        back()
        verify(!findChild(openDetail("s_c__product__c"), "scopeField").visible, "an unscoped object says no scope")
        back()
    }

    function tapCheck(page) {
        const menu = findChild(page, "moreMenu")
        mouseClick(findChild(page, "moreActions"))
        tryCompare(menu, "opened", true)
        const item = findChild(menu.contentItem, "checkItem") || menu.itemAt(2)
        compare(item.text, "Check")
        mouseClick(item)
        tryCompare(menu, "visible", false)
    }
    function checkRow(page, label) {
        const rows = findChild(page, "checkRows")
        for (let i = 0; i < rows.count; ++i)
            if (rows.itemAt(i).label === label)
                return rows.itemAt(i).value
        return undefined
    }

    // Check and Repair from the object's More actions, on the worker, over loopback: a clean object
    // says so; 37 rows removed and 5 ghost rows added behind the engine's back are found exactly and
    // repaired, and the object ends Fully synced with its 1,000 records.
    function test_checkThenRepairFromMoreActions() {
        const page = openDetail("s_c__product__c")
        const text = findChild(page, "checkText")
        tapCheck(page)
        verify(findChild(page, "checkCard").visible)
        tryCompare(text, "text", "This device matches Salesforce.", 20000)
        compare(checkRow(page, "Missing on this device"), "0")
        compare(checkRow(page, "On this device, gone from Salesforce"), "0")
        verify(Number(checkRow(page, "API calls")) > 0)
        verify(!findChild(page, "repairButton").visible, "nothing to repair")

        compare(rig.damage("s_c__product__c", 37, 5), 42)
        const before = rig.apiCalls()
        tapCheck(page)
        tryCompare(text, "text", "This device differs from Salesforce. Repair downloads or removes only these records.", 20000)
        compare(checkRow(page, "Missing on this device"), "37")
        compare(checkRow(page, "On this device, gone from Salesforce"), "5")
        compare(checkRow(page, "Unsaved records (kept)"), "0")
        compare(checkRow(page, "On this device, outside its scope"), undefined, "an unscoped object has no scope row")
        const calls = Number(checkRow(page, "API calls"))
        verify(calls > 0 && calls <= rig.apiCalls() - before, calls)
        verify(findText(page, text.text))
        const repair = findChild(page, "repairButton")
        verify(repair.visible)
        // The result is under the fields: scrolled to, as a person would, then tapped.
        const flick = findChild(page, "detailFlick")
        flick.contentY = Math.max(0, flick.contentHeight - flick.height)
        wait(50)
        mouseClick(repair)
        tryCompare(text, "text", "Repaired: 37 downloaded, 5 removed.", 30000)
        verify(!repair.visible)
        tryCompare(findChild(page, "statusField"), "value", "Fully synced", 30000)
        tryCompare(findChild(page, "localField"), "value", "1,000", 10000)
        back()
        tryCompare(row("s_c__product__c"), "countText", "Synced 1,000 of 1,000", 10000)
    }

    // Errors in words: Salesforce answering HTTP 503 stops the check and says so; the next one works.
    function test_checkSaysWhyItStopped() {
        const page = openDetail("s_c__product__c")
        const text = findChild(page, "checkText")
        rig.failNext(20, "503", "/composite")
        tapCheck(page)
        tryVerify(() => text.text.startsWith("The check stopped: "), 30000, text.text)
        verify(text.text.indexOf("(HTTP 503)") > 0 || text.text.indexOf("not available") > 0, text.text)
        verify(!findChild(page, "repairButton").visible)
        rig.failNext(0, "503", "/composite")
        tapCheck(page)
        tryCompare(text, "text", "This device matches Salesforce.", 20000)
        back()
    }

    // Not while the object downloads: said in words, and the download goes on.
    function test_checkIsRefusedWhileTheObjectDownloads() {
        const page = openDetail("s_c__product__c")
        rig.setLatency(150)
        controller.resync("s_c__product__c")
        tryVerify(() => page.detail.downloading, 10000)
        tapCheck(page)
        tryCompare(findChild(page, "checkText"), "text",
                   "Not checked: this object is downloading. Check again when the download has finished.", 5000)
        rig.setLatency(0)
        tryCompare(findChild(page, "statusField"), "value", "Fully synced", 30000)
        back()
    }

    function menuItem(menu, name) {
        for (let i = 0; i < menu.count; ++i)
            if (menu.itemAt(i).objectName === name)
                return menu.itemAt(i)
        return null
    }
    function tapShareReport() {
        const page = shell.stack.currentItem
        const menu = findChild(page, "moreMenu")
        mouseClick(findChild(page, "moreActions"))
        tryCompare(menu, "opened", true)
        const item = menuItem(menu, "shareReportItem")
        compare(item.text, "Share report")
        mouseClick(item)
        tryCompare(menu, "visible", false)
    }

    // "Share report": the engine writes `posdata report`'s redacted report where the host app says,
    // and the page says where; a folder it cannot write says why.
    function test_shareReportSavesWhereTheHostSays() {
        controller.reportFolder = rig.folder() + "/reports"
        tapShareReport()
        tryVerify(() => !controller.reportBusy, 10000)
        const banner = findChild(shell.stack.currentItem, "reportBanner")
        verify(banner.visible)
        const path = controller.reportPath
        verify(path.startsWith(rig.folder() + "/reports/posdata-report-") && path.endsWith(".json"), path)
        compare(banner.text, "Support report saved: " + path)
        const json = JSON.parse(rig.readFile(path))
        compare(json.report, "POS Data Sync support report")
        compare(json.objects.length, 5)
        verify(json.objects.some(o => o.name === "s_c__product__c" && o.local === 1000), JSON.stringify(json.objects))
        const text = rig.readFile(path.replace(/\.json$/, ".txt"))
        verify(text.indexOf("POS Data Sync support report") >= 0)
        for (const secret of [rig.refreshToken(), "@example.com"])
            verify(rig.readFile(path).indexOf(secret) < 0 && text.indexOf(secret) < 0, secret)

        controller.reportFolder = "/proc/no-such-folder"
        tapShareReport()
        tryVerify(() => !controller.reportBusy, 10000)
        verify(controller.reportFailed)
        verify(banner.visible)
        verify(banner.text.startsWith("The support report was not saved: /proc/no-such-folder"), banner.text)
        mouseClick(findChild(banner, "bannerAction"))
        verify(!banner.visible, "closed")
    }

    function test_detailShowsStorageTheEngineMeasured() {
        const page = openDetail("s_c__product__c")
        const storage = findChild(page, "storageField")
        // Measured by the worker at the end of a cycle: the product's 1,000 records, ~0.5 KB each.
        tryVerify(() => storage.visible && storage.value.endsWith(" \u00b7 1,000 records"), 10000, storage.value)
        verify(/^[0-9.]+ kB \u00b7/.test(storage.value) && parseFloat(storage.value) > 200, storage.value)
        verify(/^Database [0-9.]+ (kB|MB|GB), [0-9.]+ (kB|MB|GB|TB) free$/.test(storage.secondary), storage.secondary)
        verify(!findChild(page, "lowSpaceBanner").visible)
        back()
    }

    function test_failedObjectShowsIncompleteWithErrorInWords() {
        const page = openDetail("contact")
        compare(findChild(page, "statusField").value, "Incomplete")
        verify(!findChild(page, "serverAllField").visible)
        const errors = findChild(page, "errorList")
        verify(errors.count > 0)
        const entry = errors.itemAt(0)
        verify(entry.line.startsWith("A field this object syncs is not available in Salesforce"), entry.line)
        verify(entry.raw.indexOf("s_c__no_such_field__c") >= 0, entry.raw)
        verify(findText(page, entry.line))
        verify(findText(page, entry.raw))
        back()
    }

    function test_pauseAllStopsRequestsThenResumeAllCompletes() {
        rig.setLatency(150)
        controller.resyncAll()
        tryVerify(() => controller.canPauseAll, 10000)
        const primary = findChild(shell.stack.currentItem, "primaryAction")
        compare(primary.text, "Pause all syncing")
        mouseClick(primary)
        const banner = findChild(shell.stack.currentItem, "pausedBanner")
        tryVerify(() => banner.visible, 5000)
        tryVerify(() => names.every(n => statusOf(n) === "Paused"), 5000, "every row says Paused")
        compare(banner.text, "Syncing is paused")
        compare(primary.text, "Resume all syncing")
        // Requests already on the wire may still land; after that, nothing new may reach the emulator.
        wait(800)
        const calls = rig.apiCalls()
        wait(1500)
        compare(rig.apiCalls(), calls, "no request reaches the emulator while paused")

        rig.setLatency(0)
        mouseClick(findChild(shell.stack.currentItem, "primaryAction")) // everything paused: the toolbar resumes
        tryVerify(settled, 30000, "resume completes")
        verify(!banner.visible)
    }

    function test_clearResyncKeepsUnsaved() {
        let page = openDetail("s_c__order__c")
        tryVerify(() => !page.detail.uploading, 30000)
        const kept = count(findChild(page, "unsavedField").value) + 2 // another test's refused sale stays
        back()
        verify(rig.addUnsaved("s_c__order__c", 2))
        page = openDetail("s_c__order__c")
        tryCompare(findChild(page, "unsavedField"), "value", String(kept), 5000)
        const menu = findChild(page, "moreMenu")
        mouseClick(findChild(page, "moreActions"))
        tryCompare(menu, "opened", true)
        compare(menu.itemAt(1).text, "Clear & resync records")
        mouseClick(menu.itemAt(1))
        const dialog = shell.clearDialog
        tryCompare(dialog, "opened", true, 5000)
        compare(findChild(dialog.contentItem, "keepUnsavedText").text, "\u2022 " + kept + " unsaved records will be kept")
        rig.setLatency(150) // long enough for the download to show in a snapshot
        mouseClick(findChild(dialog.footer, "confirmButton"))
        tryCompare(dialog, "visible", false)
        tryVerify(() => page.detail.syncing, 10000, "the clear & resync downloads again")
        rig.setLatency(0)
        tryCompare(findChild(page, "statusField"), "value", "Subset synced", 30000)
        tryVerify(() => !controller.anythingSyncing, 30000)
        compare(findChild(page, "unsavedField").value, String(kept))
        // Local records are every record stored on the device: the server's plus the unsaved ones,
        // the same number as the row's "Synced X of Y".
        const localText = findChild(page, "localField").value
        const serverText = findChild(page, "serverField").value
        compare(count(localText), count(serverText) + kept)
        back()
        compare(row("s_c__order__c").countText, "Synced " + localText + " of " + serverText)
    }

    // The rows of the unsaved records page whose upload text starts with `text`.
    function rowsSaying(page, text) {
        const view = findChild(page, "unsavedList")
        const rows = []
        for (let i = 0; i < view.count; ++i) {
            const item = view.itemAtIndex(i)
            if (item && item.uploadText.startsWith(text))
                rows.push(item)
        }
        return rows
    }

    function test_refusedUploadShowsItsErrorOnTheUnsavedRecordsPage() {
        const detailPage = openDetail("s_c__order__c")
        const d = detailPage.detail
        const unsavedField = findChild(detailPage, "unsavedField")
        tryVerify(() => !d.uploading && !controller.anythingSyncing, 30000, "settled before the sales")
        const failedBefore = d.uploadFailed

        // Two sales rung up on the device: the org's validation rule refuses the negative total,
        // the other one reaches Salesforce and leaves the unsaved records, and so do valid sales
        // another test may have written behind the engine's back (this upload pass takes them along).
        rig.createOrder(-5)
        rig.createOrder(12.5)
        tryVerify(() => d.uploadFailed === failedBefore + 1, 30000, "one refused upload")
        tryCompare(unsavedField, "value", String(failedBefore + 1), 30000)
        const status = findChild(detailPage, "statusField")
        tryCompare(status, "value", "Subset synced", 30000) // the status word stays
        verify(findText(status, d.uploadFailedText))
        verify(findText(unsavedField, d.uploadFailedText))
        compare(d.uploadFailedText, (failedBefore + 1) + " failed to upload")

        mouseClick(unsavedField)
        tryCompare(shell.stack, "busy", false)
        const page = shell.stack.currentItem
        compare(page.objectName, "unsavedRecordsPage")
        const refused = "Refused by Salesforce: Order total cannot be negative"
        tryCompare(findChild(page, "unsavedList"), "count", failedBefore + 1, 10000)
        tryVerify(() => rowsSaying(page, refused).length === 1, 10000, "the refused sale with its error in words")
        const row = rowsSaying(page, refused)[0]
        compare(row.kindText, "Created on this device")
        compare(row.attempts, 1)
        verify(findText(page, row.uploadText))
        verify(findText(page, "Created on this device"))

        // Retry upload: it goes to Salesforce again, is refused again, and stays listed with its error.
        const id = row.recordId
        const button = findChild(page, "retryUpload")
        verify(button.enabled)
        mouseClick(button)
        const again = () => rowsSaying(page, refused).filter(r => r.recordId === id && r.attempts === 2)
        tryVerify(() => again().length === 1 && !d.uploading && d.uploadFailed === failedBefore + 1, 30000,
                  "refused again, still listed")
        compare(again()[0].attemptsText, "Refused 2 times")
        compare(findChild(page, "unsavedList").count, failedBefore + 1)
        // The retry ends once the list read after the upload pass is in: its outcome in words.
        tryVerify(() => button.enabled, 10000, "the retry is over")
        compare(page.records.retryText, "Salesforce refused 1 record again")
        verify(findText(page, "Salesforce refused 1 record again"))

        shell.stack.pop()
        tryCompare(shell.stack, "busy", false)
        back()
    }
    function test_aRefusedSaleIsDiscardedAfterAskingAndIsKeptInTheLog() {
        const detailPage = openDetail("s_c__order__c")
        const d = detailPage.detail
        tryVerify(() => !d.uploading, 30000)
        const failedBefore = d.uploadFailed
        const loggedBefore = rig.discardedCount("s_c__order__c")
        rig.createOrder(-7) // refused by the org's rule; titled by its total and date
        tryVerify(() => d.uploadFailed === failedBefore + 1 && !d.uploading, 30000, "refused")
        mouseClick(findChild(detailPage, "unsavedField"))
        tryCompare(shell.stack, "busy", false)
        const listPage = shell.stack.currentItem
        const title = "Order \u00b7 -7 \u00b7 3/12/26"
        const view = findChild(listPage, "unsavedList")
        const rowTitled = () => {
            for (let i = 0; i < view.count; ++i) {
                const item = view.itemAtIndex(i)
                if (item && item.title === title)
                    return item
            }
            return null
        }
        tryVerify(() => rowTitled() !== null, 10000, "the sale, titled by its display fields")
        mouseClick(rowTitled())
        tryCompare(shell.stack, "busy", false)
        const page = shell.stack.currentItem
        compare(page.objectName, "unsavedRecordPage")
        verify(findText(page, "A Salesforce rule refused the record."))
        verify(findText(page, "-7"), "its total, as sent")

        const flick = findChild(page, "recordFlick") // the button is under the fields: scroll to it
        flick.contentY = Math.max(0, flick.contentHeight - flick.height)
        const button = findChild(page, "discardButton")
        tryVerify(() => button.enabled, 10000)
        mouseClick(button)
        const dialog = findChild(page, "discardDialog")
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(dialog.footer, "confirmButton"))
        // The engine moves it to its discarded log; the list reads again and the page goes back.
        tryCompare(shell.stack, "currentItem", listPage, 10000)
        tryVerify(() => rowTitled() === null, 10000, "no longer listed")
        tryCompare(d, "uploadFailed", failedBefore, 10000)
        compare(rig.discardedCount("s_c__order__c"), loggedBefore + 1)
        verify(findText(listPage, "Discarded " + title + ". A copy stays in this device's discarded log for 30 days."))
        shell.stack.pop()
        tryCompare(shell.stack, "busy", false)
        back()
    }
}

