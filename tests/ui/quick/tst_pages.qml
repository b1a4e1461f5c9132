// SPDX-License-Identifier: MIT
// The real pages driven by constructed snapshots: words, numbers, navigation, actions, dialog, and
// screenshots of every page state in both orientations (into the build folder).
import QtQuick
import QtQuick.Controls
import QtTest
import PosData
import PosDataTest

TestCase {
    id: tc
    name: "Pages"
    width: 1280
    height: 1280
    visible: true
    when: windowShown

    SnapshotFeeder { id: feeder }
    Component { id: controllerComponent; ManageDataController {} }
    Component { id: shellComponent; AppShell {} }
    Component { id: spyComponent; SignalSpy {} }

    property ManageDataController controller
    property AppShell shell

    function sample() {
        return [
            { name: "s_c__outlet__c", status: "Fully synced", local: 20, server: 20, inUse: 1, lastSyncedSecsAgo: 300 },
            { name: "s_c__shift__c", status: "Subset synced", scoped: true, local: 100, server: 100, serverAll: 2000,
              inUse: 1, lastSyncedSecsAgo: 240 },
            { name: "contact", status: "Incomplete", activity: "stopped", local: 12000, server: 20000,
              lastSyncedSecsAgo: 7200,
              errors: [ { code: "HTTP_503", secsAgo: 900, message: "Salesforce answered HTTP 503",
                          detail: "Service Unavailable" },
                        { code: "HTTP_503", secsAgo: 600, message: "Salesforce answered HTTP 503",
                          detail: "Service Unavailable" },
                        { code: "INVALID_FIELD", secsAgo: 120,
                          message: "Field s_c__no_such_field__c is not available in Salesforce",
                          detail: "No such column 's_c__no_such_field__c' on entity 'Contact'" } ] },
            { name: "s_c__product__c", status: "Syncing", activity: "resyncing", local: 61234, server: 100000,
              progressDone: 61234, progressTotal: 100000, rate: 1234, secondsLeft: 95, countsSecsAgo: 180 },
            { name: "s_c__order__c", status: "Syncing", scoped: true, local: 1234, server: 10000, serverAll: 200000,
              unsaved: 3, progressDone: 1234, progressTotal: 10000, rate: 410, secondsLeft: 2100 }
        ]
    }

    // s_c__order__c settled, with unsaved sales of which the server refused some.
    function withUnsaved(unsaved, failed) {
        const objects = sample()
        objects[4] = Object.assign({}, objects[4], { status: "Subset synced", syncing: false, local: 10000,
                                                     server: 10000, lastSyncedSecsAgo: 60,
                                                     unsaved: unsaved, uploadFailed: failed })
        return objects
    }

    function unsavedSample() {
        return [
            { id: "local-7f3a9c", state: "created", changedSecsAgo: 300, errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
              errorMessage: "Order total cannot be negative", attempts: 3,
              payload: { s_c__total__c: -12.5, s_c__order_date__c: "2026-03-11", s_c__status__c: "Till",
                         s_c__item_count__c: 2 } },
            { id: "a03000000000042AAA", name: "ORD-000042", state: "updated", changedSecsAgo: 7200 },
            { id: "a03000000000043AAA", name: "ORD-000043", state: "deleted", changedSecsAgo: 20 }
        ]
    }
    // The refused sale of unsavedSample(), titled by its kind and display fields.
    readonly property string saleTitle: "Order \u00b7 -12.5 \u00b7 3/11/26"

    function openUnsavedPage() {
        const detail = openDetailByTap(4)
        const field = findChild(detail, "unsavedField")
        verify(field.clickable)
        mouseClick(field)
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "unsavedRecordsPage")
        return shell.stack.currentItem
    }

    function paused(objects) {
        return objects.map(o => Object.assign({}, o, { status: "Paused", syncing: false, paused: true }))
    }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, tc, { target: target, signalName: signalName })
    }

    // What the page asked the engine for: the objects of the actions with this word ("pause",
    // "resync", ...; "" stands for "all objects"), from a spy on the controller's actionRequested.
    function asked(actionSpy, word) {
        const out = []
        for (let i = 0; i < actionSpy.count; ++i) {
            const a = actionSpy.signalArguments[i][0]
            if (a.word === word)
                out.push(a.object)
        }
        return out
    }

    function list() { return findChild(shell.stack.currentItem, "objectList") }

    // The first visible Text/Label below `item` (visual children only) whose text is `text`.
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

    // The row's delegate, once the view has laid it out.
    function rowItem(row) {
        tryVerify(() => list().itemAtIndex(row) !== null, 5000, "row " + row)
        return list().itemAtIndex(row)
    }

    function openDetailByTap(row) {
        const delegate = rowItem(row)
        mouseClick(delegate)
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "objectDetailPage")
        return shell.stack.currentItem
    }

    function cleanup() {
        // The pages go before their controller, as in the app.
        if (shell)
            shell.destroy()
        shell = null
        wait(0)
    }

    function init() {
        controller = createTemporaryObject(controllerComponent, tc)
        feeder.pinClock(controller)
        shell = createTemporaryObject(shellComponent, tc, { controller: controller, width: 1280, height: 800 })
        verify(shell)
        compare(shell.stack.currentItem.objectName, "manageDataPage")
    }

    function test_titleAndLoading() {
        verify(findText(shell.stack.currentItem, "Manage data"))
        verify(findText(shell.stack.currentItem, "Loading sync status\u2026"))
    }

    function test_rowsShowWordsAndNumbers() {
        feeder.apply(controller, sample())
        tryCompare(list(), "count", 5)
        rowItem(4)
        const page = shell.stack.currentItem
        for (const t of ["s_c__outlet__c", "Synced 20 of 20", "Fully synced", "Subset synced", "Incomplete",
                         "Downloading 61,234 of 100,000", "Syncing", "2 min left", "Synced 12,000 of 20,000",
                         "Downloading changes: 1,234 of 10,000", "Stopped until the error is fixed",
                         "Last synced 5 min ago", "Never synced", "5 objects \u00b7 2 syncing \u00b7 1 incomplete"])
            verify(findText(page, t), t)
        const row = rowItem(3)
        compare(row.Accessible.name, "s_c__product__c, Syncing, Downloading 61,234 of 100,000")
        verify(row.height >= 48)
    }

    function test_tapRowOpensScopedDetail() {
        feeder.apply(controller, sample())
        tryCompare(list(), "count", 5)
        const page = openDetailByTap(1)
        compare(page.name, "s_c__shift__c")
        compare(findChild(page, "statusField").value, "Subset synced")
        compare(findChild(page, "localField").value, "100")
        compare(findChild(page, "serverField").value, "100")
        const all = findChild(page, "serverAllField")
        verify(all.visible)
        compare(all.value, "2,000")
        compare(findChild(page, "lastSyncedField").value, "4 min ago")
        compare(findChild(page, "primaryAction").text, "Pause syncing")
        verify(findChild(page, "noErrors").visible)
    }

    // The shift with its scope and storage as the engine reports them; the database on a roomy volume.
    function withStorage(freeBytes) {
        const objects = sample()
        objects[1] = Object.assign({}, objects[1], { scopeBy: "outletId", scopeRecord: "Berlin Mitte", bytes: 51200 })
        objects[2] = Object.assign({}, objects[2], { bytes: 6000000 })
        feeder.apply(controller, objects, { databaseBytes: 250 * 1024 * 1024, freeBytes: freeBytes })
    }

    function test_detailSaysScopeAndStorage() {
        withStorage(12 * 1024 * 1024 * 1024)
        tryCompare(list(), "count", 5)
        verify(!findChild(shell.stack.currentItem, "lowSpaceBanner").visible, "room enough")
        const page = openDetailByTap(1)
        const scope = findChild(page, "scopeField")
        verify(scope.visible)
        compare(scope.value, "Only records of this outlet (Berlin Mitte): 100 of 2,000")
        const storage = findChild(page, "storageField")
        verify(storage.visible)
        compare(storage.value, "50.0 kB \u00b7 100 records")
        compare(storage.secondary, "Database 250.0 MB, 12.0 GB free")
        verify(!findChild(page, "lowSpaceBanner").visible)
        shell.stack.pop(StackView.Immediate)
        // An unscoped object says no scope; one the engine has not measured yet no storage.
        const product = openDetailByTap(3)
        verify(!findChild(product, "scopeField").visible)
        verify(!findChild(product, "storageField").visible)
    }

    function test_lowSpaceWarnsOnBothPages() {
        // What is missing (contact 8,000 at its own 500 bytes each, product and order at the assumed
        // 1 KiB) x 1.5 + 64 MiB = 139.3 MB, more than the 100 MB left.
        withStorage(100 * 1024 * 1024)
        tryCompare(list(), "count", 5)
        const banner = findChild(shell.stack.currentItem, "lowSpaceBanner")
        verify(banner.visible)
        compare(banner.text, "Not enough free space for the next download: about 139.3 MB needed, 100.0 MB free")
        verify(findText(shell.stack.currentItem, banner.text))
        const page = openDetailByTap(2)
        verify(findChild(page, "lowSpaceBanner").visible)
        withStorage(200 * 1024 * 1024)
        verify(!findChild(page, "lowSpaceBanner").visible, "room again: the warning goes")
    }

    function test_incompleteDetailShowsErrorInWords() {
        feeder.apply(controller, sample())
        tryCompare(list(), "count", 5)
        const page = openDetailByTap(2)
        compare(findChild(page, "statusField").value, "Incomplete")
        verify(!findChild(page, "serverAllField").visible, "unscoped: no Server records (all)")
        verify(!findChild(page, "noErrors").visible)
        const errors = findChild(page, "errorList")
        compare(errors.count, 2, "grouped by kind")
        const newest = errors.itemAt(0)
        verify(newest.line.startsWith("A field this object syncs is not available in Salesforce - "), newest.line)
        compare(newest.next, "Stopped until the error is fixed")
        compare(newest.raw, "INVALID_FIELD: No such column 's_c__no_such_field__c' on entity 'Contact'")
        for (const t of [newest.line, newest.next, newest.raw])
            verify(findText(page, t), t)
        const older = errors.itemAt(1)
        verify(older.line.startsWith("Salesforce did not answer (HTTP 503) - 2 times, last "), older.line)
        compare(older.next, "")
        compare(older.raw, "HTTP_503: Service Unavailable")
    }

    function test_backReturnsToList() {
        feeder.apply(controller, sample())
        tryCompare(list(), "count", 5)
        const page = openDetailByTap(0)
        mouseClick(findText(page.header, "\u2190"))
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "manageDataPage")
    }

    function test_pauseAllShowsBannerAndEveryRowPaused() {
        const actions = spy(controller, "actionRequested")
        feeder.apply(controller, sample())
        const page = shell.stack.currentItem
        const primary = findChild(page, "primaryAction")
        compare(primary.text, "Pause all syncing")
        verify(primary.height >= 48)
        verify(!findChild(page, "pausedBanner").visible)
        mouseClick(primary)
        compare(asked(actions, "pause"), [""])

        feeder.apply(controller, paused(sample()))
        const banner = findChild(page, "pausedBanner")
        verify(banner.visible)
        compare(banner.text, "Syncing is paused")
        for (let i = 0; i < 5; ++i)
            compare(rowItem(i).statusText, "Paused")
        compare(primary.text, "Resume all syncing")
        verify(!findText(banner, "Resume all syncing"), "one Resume all on the screen: the toolbar's")
        mouseClick(primary)
        compare(asked(actions, "resume"), [""])

        // Something still syncing: the toolbar pauses, the banner resumes the paused ones.
        const mixed = sample()
        mixed[0] = Object.assign({}, mixed[0], { status: "Paused", paused: true })
        feeder.apply(controller, mixed)
        compare(primary.text, "Pause all syncing")
        compare(banner.text, "Syncing is paused for 1 object")
        mouseClick(findText(banner, "Resume all syncing"))
        compare(asked(actions, "resume"), ["", ""])
        compare(actions.count, 3)
    }

    function test_settingsEntryOpensManageData() {
        shell.stack.pop(null, StackView.Immediate)
        compare(shell.stack.currentItem.objectName, "settingsPage")
        const entry = findChild(shell.stack.currentItem, "manageDataEntry")
        verify(entry.height >= 48)
        compare(entry.Accessible.name, "Manage data")
        mouseClick(entry)
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "manageDataPage")
    }

    function test_signInRequiredShowsBannerWithTryAgain() {
        const actions = spy(controller, "actionRequested")
        const banner = findChild(shell.stack.currentItem, "signInBanner")
        verify(!banner.visible)
        feeder.apply(controller, sample(), { signInRequired: true, signInRetryInSecs: 30 })
        verify(banner.visible)
        verify(!findChild(shell.stack.currentItem, "engineErrorBanner").visible, "one banner for one problem")
        compare(banner.text, "Salesforce refused this device's sign-in. Nothing syncs until it is accepted.")
        compare(banner.detailText, "Retrying in 30 s")
        const tryAgain = findText(banner, "Try again")
        verify(tryAgain)
        verify(tryAgain.parent.height >= 48)
        mouseClick(tryAgain)
        compare(asked(actions, "try-again"), [""])
        verify(!findChild(banner, "bannerSecondaryAction").visible, "no host to sign in with")

        // Embedded in a host app that signs in by itself: the banner offers its sign-in too.
        const hostAsked = spy(controller, "signInRequested")
        controller.hostSignIn = true
        const signIn = findChild(banner, "bannerSecondaryAction")
        verify(signIn.visible)
        waitForRendering(banner) // laid out with its new button before it is tapped
        compare(signIn.text, "Sign in again")
        verify(signIn.height >= 48)
        mouseClick(signIn)
        compare(hostAsked.count, 1)
        compare(asked(actions, "try-again"), [""], "signing in is the host's, not a try again")
        feeder.apply(controller, sample())
        verify(!banner.visible)
    }

    function test_noPrimaryActionWhenAllSynced() {
        feeder.apply(controller, [sample()[0], sample()[1]])
        verify(!findChild(shell.stack.currentItem, "primaryAction").visible)
    }

    function test_moreActionsOnList() {
        const actions = spy(controller, "actionRequested")
        const planAsked = spy(controller, "clearPlanRequested")
        feeder.apply(controller, sample())
        const page = shell.stack.currentItem
        const more = findChild(page, "moreActions")
        verify(more.height >= 48)
        compare(more.Accessible.name, "More actions")
        const menu = findChild(page, "moreMenu")

        mouseClick(more)
        tryCompare(menu, "opened", true)
        const resyncItem = findChild(menu.contentItem, "resyncAllItem") || menu.itemAt(0)
        compare(resyncItem.text, "Resync all existing records")
        mouseClick(resyncItem)
        compare(asked(actions, "resync"), [""])
        tryCompare(menu, "visible", false)

        mouseClick(more)
        tryCompare(menu, "opened", true)
        const clearItem = menu.itemAt(1)
        compare(clearItem.text, "Clear & resync all records")
        mouseClick(clearItem)
        compare(planAsked.count, 1)
        compare(planAsked.signalArguments[0][0].length, 5)
        compare(actions.count, 1, "asking what a clear would do is not clearing")
        feeder.applyPlan(controller, [
            { object: "s_c__outlet__c", willDelete: 19, keepUnsaved: 0, keepInUse: 1, willDownload: 20 },
            { object: "s_c__order__c", willDelete: 1234, keepUnsaved: 3, keepInUse: 0, willDownload: 10000 }])
        const dialog = shell.clearDialog
        tryCompare(dialog, "opened", true)
        compare(dialog.title, "Clear & resync all records?")
        compare(findChild(dialog.contentItem, "deleteText").text, "\u2022 1,253 records will be deleted")
        compare(findChild(dialog.contentItem, "keepUnsavedText").text, "\u2022 3 unsaved records will be kept")
        compare(findChild(dialog.contentItem, "keepInUseText").text, "\u2022 1 record in use will be kept")
        compare(findChild(dialog.contentItem, "downloadText").text, "\u2022 10,020 records will download again")
        const confirm = findChild(dialog.footer, "confirmButton")
        verify(confirm.destructive)
        compare(confirm.text, "Clear & resync all")
        mouseClick(confirm)
        compare(asked(actions, "clear-resync"), [""])
        tryCompare(dialog, "visible", false)
    }

    function test_detailActionsAndCancel() {
        const actions = spy(controller, "actionRequested")
        feeder.apply(controller, sample())
        tryCompare(list(), "count", 5)
        const page = openDetailByTap(3)
        mouseClick(findChild(page, "primaryAction"))
        compare(asked(actions, "pause"), ["s_c__product__c"])

        const menu = findChild(page, "moreMenu")
        mouseClick(findChild(page, "moreActions"))
        tryCompare(menu, "opened", true)
        compare(menu.itemAt(0).text, "Resync existing records")
        mouseClick(menu.itemAt(0))
        compare(asked(actions, "resync"), ["s_c__product__c"])
        tryCompare(menu, "visible", false)

        mouseClick(findChild(page, "moreActions"))
        tryCompare(menu, "opened", true)
        compare(menu.itemAt(1).text, "Clear & resync records")
        mouseClick(menu.itemAt(1))
        feeder.applyPlan(controller, [{ object: "s_c__product__c", willDelete: 61234, keepUnsaved: 0,
                                        keepInUse: 0, willDownload: 100000 }])
        const dialog = shell.clearDialog
        tryCompare(dialog, "opened", true)
        compare(dialog.title, "Clear & resync s_c__product__c?")
        verify(findText(dialog.contentItem, controller.clearPlanWarning))
        mouseClick(findChild(dialog.footer, "cancelButton"))
        tryCompare(dialog, "visible", false)
        compare(asked(actions, "clear-resync"), [])
        compare(actions.count, 2)
        verify(!controller.clearPlanPending)
    }

    function test_failedUploadsShowBesideTheStatus() {
        feeder.apply(controller, withUnsaved(5, 2))
        tryCompare(list(), "count", 5)
        const row = rowItem(4)
        compare(row.statusText, "Subset synced")
        verify(findText(row, "Subset synced"), "the status word stays")
        verify(findText(row, "2 failed to upload"))
        // Local records count every record stored: the 5 unsaved sales too.
        compare(row.Accessible.name, "s_c__order__c, Subset synced, Synced 10,005 of 10,000, 2 failed to upload")
        verify(!findText(rowItem(3), "2 failed to upload"), "only the object with refused uploads")

        const page = openDetailByTap(4)
        const status = findChild(page, "statusField")
        compare(status.value, "Subset synced")
        verify(findText(status, "Subset synced"))
        verify(findText(status, "2 failed to upload"))
        const unsaved = findChild(page, "unsavedField")
        compare(unsaved.value, "5")
        verify(findText(unsaved, "2 failed to upload"))
        compare(unsaved.Accessible.name, "Unsaved records: 5, 2 failed to upload")

        feeder.apply(controller, withUnsaved(5, 0))
        verify(!findText(status, "2 failed to upload"), "gone once nothing is refused")
        verify(!findText(unsaved, "2 failed to upload"))
    }

    function test_unsavedFieldOpensNothingWithoutUnsavedRecords() {
        feeder.apply(controller, withUnsaved(0, 0))
        tryCompare(list(), "count", 5)
        const page = openDetailByTap(4)
        const field = findChild(page, "unsavedField")
        compare(field.value, "0")
        verify(!field.clickable)
        mouseClick(field)
        wait(50)
        compare(shell.stack.currentItem, page)
    }

    function test_unsavedRecordsPageListsRecordsAndRetries() {
        const asked = spy(controller, "unsavedRequested")
        const actions = spy(controller, "actionRequested")
        feeder.apply(controller, withUnsaved(3, 1))
        tryCompare(list(), "count", 5)
        const page = openUnsavedPage()
        verify(findText(page.header, "s_c__order__c: unsaved records"))
        verify(findText(page, "Loading unsaved records…"))
        tryVerify(() => asked.count > 0)
        compare(asked.signalArguments[asked.count - 1][0], "s_c__order__c")
        const button = findChild(page, "retryUpload")
        verify(!button.enabled, "nothing listed yet")

        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample())
        const view = findChild(page, "unsavedList")
        tryCompare(view, "count", 3)
        tryVerify(() => view.itemAtIndex(2) !== null, 5000, "rows laid out")
        for (const t of ["3 unsaved records, 1 failed to upload", tc.saleTitle, "Created on this device", "5 min ago",
                         "Refused by Salesforce: Order total cannot be negative", "ORD-000042", "Changed on this device",
                         "2 h ago", "Waiting to upload", "ORD-000043", "Deleted on this device", "just now",
                         "Refused 3 times", "Total: 3 unsaved records (1 created, 1 changed, 1 deleted)"])
            verify(findText(page, t), t)
        verify(!findText(page, "local-7f3a9c"), "never titled by its bare local Id")
        compare(view.itemAtIndex(0).Accessible.name,
                tc.saleTitle + ", Created on this device 5 min ago, Refused by Salesforce: Order total cannot be negative")
        verify(view.itemAtIndex(0).height >= 48)

        verify(button.enabled)
        verify(button.height >= 48)
        compare(button.text, "Retry upload")
        const askedBefore = asked.count
        mouseClick(button)
        compare(actions.count, 1)
        compare(actions.signalArguments[0][0].word, "retry-upload")
        compare(actions.signalArguments[0][0].object, "s_c__order__c")
        compare(asked.count, askedBefore + 1, "the list reads again after a retry")

        // The upload runs: no second retry meanwhile; it ends with everything in Salesforce. Each
        // change of the counts or of the upload flag reads the list again, one question at a time.
        const uploading = withUnsaved(3, 1)
        uploading[4].uploading = true
        feeder.apply(controller, uploading)
        verify(!button.enabled)
        verify(findText(page, "Uploading 3 unsaved records\u2026"), "the retry's progress in words")
        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample())
        compare(asked.count, askedBefore + 2)
        const done = withUnsaved(0, 0)
        done[4].uploadPasses = 1
        feeder.apply(controller, done)
        feeder.applyUnsaved(controller, "s_c__order__c", [])
        compare(asked.count, askedBefore + 3)
        verify(!findText(page, "All 3 records reached Salesforce"),
               "that answer was asked for before the pass ended: the outcome waits for the next one")
        feeder.applyUnsaved(controller, "s_c__order__c", [])
        compare(asked.count, askedBefore + 3)
        tryCompare(view, "count", 0)
        verify(findText(page, "No unsaved records"))
        verify(findText(page, "All 3 records reached Salesforce"), "then its outcome")
        verify(!button.enabled)

        mouseClick(findText(page.header, "←"))
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "objectDetailPage")
    }

    function openRecordPage(row) {
        const view = findChild(shell.stack.currentItem, "unsavedList")
        tryVerify(() => view.itemAtIndex(row) !== null, 5000, "record row " + row)
        mouseClick(view.itemAtIndex(row))
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem.objectName, "unsavedRecordPage")
        return shell.stack.currentItem
    }

    function test_aRecordShowsWhatWasSentAndTheRefusalThenIsDiscardedAfterAsking() {
        feeder.apply(controller, withUnsaved(3, 1))
        tryCompare(list(), "count", 5)
        const listPage = openUnsavedPage()
        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample())
        const page = openRecordPage(0)
        compare(findChild(page.header, "pageTitle").text, tc.saleTitle)
        for (const t of ["Created on this device", "Refused by Salesforce", "Refused 3 times",
                         "A Salesforce rule refused the record.",
                         "FIELD_CUSTOM_VALIDATION_EXCEPTION: Order total cannot be negative (10:00 AM)",
                         "What is sent to Salesforce", "Total", "-12.5", "s_c__total__c", "Status", "Till",
                         "Order date", "3/11/26", "Item count", "2"])
            verify(findText(page, t), t)

        const asked = spy(controller, "discardRequested")
        const button = findChild(page, "discardButton")
        verify(button.enabled)
        verify(button.height >= 48)
        mouseClick(button)
        const dialog = findChild(page, "discardDialog")
        tryCompare(dialog, "opened", true)
        compare(dialog.title, "Discard this change to " + tc.saleTitle + "?")
        // It names what is lost, and that a copy is kept.
        const warning = findChild(dialog.contentItem, "discardWarning").text
        verify(warning.startsWith("It was made on this device and is not in Salesforce."), warning)
        verify(warning.endsWith("discarded log for 30 days."), warning)
        mouseClick(findChild(dialog.footer, "cancelButton"))
        tryCompare(dialog, "visible", false)
        compare(asked.count, 0, "Cancel discards nothing")

        mouseClick(button)
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(dialog.footer, "confirmButton"))
        tryCompare(dialog, "visible", false)
        compare(asked.count, 1)
        compare(asked.signalArguments[0][0], "s_c__order__c")
        compare(asked.signalArguments[0][1], "local-7f3a9c")
        verify(!button.enabled, "one discard at a time")
        verify(findText(page, "Discarding\u2026"))

        // The engine discarded it and the list no longer has it: back to the list, which says so.
        controller.applyDiscarded("s_c__order__c", "local-7f3a9c", "")
        feeder.apply(controller, withUnsaved(2, 0))
        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample().slice(1))
        tryCompare(shell.stack, "busy", false)
        compare(shell.stack.currentItem, listPage)
        verify(findText(listPage, "Discarded " + tc.saleTitle
                                  + ". A copy stays in this device's discarded log for 30 days."))
        verify(findText(listPage, "Total: 2 unsaved records (1 changed, 1 deleted)"))
    }

    function test_aRecordCannotBeDiscardedWhileItsObjectUploads() {
        feeder.apply(controller, withUnsaved(3, 1))
        tryCompare(list(), "count", 5)
        openUnsavedPage()
        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample())
        const page = openRecordPage(1)
        compare(findChild(page.header, "pageTitle").text, "ORD-000042")
        const uploading = withUnsaved(3, 1)
        uploading[4].uploading = true
        feeder.apply(controller, uploading)
        verify(!findChild(page, "discardButton").enabled)
        verify(findChild(page, "discardWaits").visible)
        // It reached Salesforce meanwhile: the page says so instead of showing stale fields.
        feeder.apply(controller, withUnsaved(2, 1))
        feeder.applyUnsaved(controller, "s_c__order__c", [unsavedSample()[0], unsavedSample()[2]])
        tryVerify(() => findChild(page, "goneText").visible)
        verify(!findChild(page, "discardButton").visible)
    }

    function test_readyToSellLine() {
        const objects = sample()
        const line = findChild(shell.stack.currentItem, "readyToSell")
        feeder.apply(controller, objects)
        verify(!line.visible, "nothing is required for selling: no line")
        objects[0].requiredForSale = true
        objects[0].readyForSale = true
        objects[1].requiredForSale = true
        objects[1].status = "Syncing" // its first download runs
        objects[1].progressDone = 400
        objects[1].progressTotal = 1000
        objects[1].secondsLeft = 18
        objects[3].requiredForSale = true
        objects[3].status = "Syncing"
        objects[3].progressDone = 50
        objects[3].progressTotal = 100
        objects[3].secondsLeft = 4
        feeder.apply(controller, objects)
        verify(line.visible)
        compare(line.text, "Not ready: Shift 40 %, Product 50 %, about 20 s")
        objects[1].status = "Paused"
        feeder.apply(controller, objects)
        compare(line.text, "Not ready: Shift paused, Product 50 %")
        objects[1].readyForSale = true
        objects[3].readyForSale = true
        feeder.apply(controller, objects)
        compare(line.text, "Ready to sell")
    }

    function test_unsavedRecordsPageWhilePaused() {
        feeder.apply(controller, withUnsaved(3, 1))
        tryCompare(list(), "count", 5)
        const page = openUnsavedPage()
        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample())
        const button = findChild(page, "retryUpload")
        const note = findChild(page, "pausedNote")
        verify(button.enabled)
        verify(!note.visible)
        const held = withUnsaved(3, 1)
        held[4] = Object.assign({}, held[4], { status: "Paused", paused: true })
        feeder.apply(controller, held)
        verify(note.visible)
        compare(note.text, "Syncing is paused for this object: its unsaved records upload when you resume syncing.")
        verify(!button.enabled, "pause holds the uploads: resume sends them")
    }

    function test_twoHundredObjectsScroll() {
        const many = []
        for (let i = 0; i < 200; ++i)
            many.push({ name: "obj_" + i + "__c", status: i % 7 ? "Fully synced" : "Syncing", local: i, server: 200,
                        progressDone: i, progressTotal: 200 })
        feeder.apply(controller, many)
        const view = list()
        tryCompare(view, "count", 200)
        verify(view.reuseItems)
        view.positionViewAtEnd()
        wait(0)
        verify(view.itemAtIndex(199))
        compare(view.itemAtIndex(199).name, "obj_199__c")
    }

    function test_screenshots_data() {
        return [
            { tag: "landscape", w: 1280, h: 800 },
            { tag: "portrait", w: 800, h: 1280 }
        ]
    }

    function test_screenshots(data) {
        shell.width = data.w
        shell.height = data.h
        const dir = feeder.screenshotDir + "/"
        const save = name => {
            wait(50)
            const image = grabImage(shell)
            compare(image.width, data.w)
            image.save(dir + name + "-" + data.tag + ".png")
        }
        feeder.apply(controller, sample())
        tryCompare(list(), "count", 5)
        save("manage-data-syncing")
        feeder.apply(controller, paused(sample()))
        save("manage-data-paused")
        feeder.apply(controller, sample())
        openDetailByTap(4)
        save("object-detail-scoped")
        controller.requestClearPlan(["s_c__order__c"])
        feeder.applyPlan(controller, [{ object: "s_c__order__c", willDelete: 1233, keepUnsaved: 3, keepInUse: 1,
                                        willDownload: 10000 }])
        tryCompare(shell.clearDialog, "opened", true)
        save("clear-resync-dialog")
        controller.cancelClearPlan()
        tryCompare(shell.clearDialog, "visible", false)
        shell.stack.pop(null, StackView.Immediate)
        feeder.apply(controller, sample())
        shell.openDetail("contact", true)
        save("object-detail-incomplete")
        shell.stack.pop(null, StackView.Immediate)
        feeder.apply(controller, sample(), { signInRequired: true, signInRetryInSecs: 30 })
        shell.openManageData(true)
        save("manage-data-sign-in")
        shell.stack.pop(null, StackView.Immediate)
        feeder.apply(controller, withUnsaved(3, 1))
        shell.openManageData(true)
        rowItem(4)
        save("manage-data-upload-failed")
        shell.openDetail("s_c__order__c", true)
        save("object-detail-upload-failed")
        shell.openUnsaved("s_c__order__c", true)
        feeder.applyUnsaved(controller, "s_c__order__c", unsavedSample())
        tryCompare(findChild(shell.stack.currentItem, "unsavedList"), "count", 3)
        save("unsaved-records")
        shell.stack.pop(null, StackView.Immediate)
        save("settings")
    }
}
