// SPDX-License-Identifier: MIT
// ManageDataPage in a host app's own StackView (as examples/host-pos uses it): the page pushes its
// detail and unsaved-records pages onto the host's stack and pops itself, confirms a clear & resync
// with its own dialog, and its buttons wear the host's Material accent.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtTest
import PosData
import PosDataTest

TestCase {
    id: tc
    name: "Hosted"
    width: 1280
    height: 800
    visible: true
    when: windowShown

    SnapshotFeeder { id: feeder }
    Component { id: controllerComponent; ManageDataController {} }

    // The host: its own settings page at the bottom of its own stack, its own accent colour.
    Component {
        id: hostComponent
        Item {
            property alias stack: stack
            anchors.fill: parent
            Material.accent: Material.Teal
            StackView {
                id: stack
                anchors.fill: parent
                initialItem: Page { objectName: "hostSettings"; title: "Settings" }
            }
        }
    }
    Component {
        id: pageComponent
        ManageDataPage {}
    }

    property ManageDataController controller
    property Item host

    function sample() {
        return [
            { name: "s_c__outlet__c", status: "Fully synced", local: 20, server: 20, inUse: 1, lastSyncedSecsAgo: 300 },
            { name: "s_c__order__c", status: "Syncing", scoped: true, local: 1234, server: 10000, serverAll: 200000,
              unsaved: 3, progressDone: 1234, progressTotal: 10000, rate: 410, secondsLeft: 2100 }
        ]
    }

    function init() {
        controller = createTemporaryObject(controllerComponent, tc)
        feeder.pinClock(controller)
        feeder.apply(controller, sample())
        host = createTemporaryObject(hostComponent, tc)
        host.stack.push(pageComponent, { controller: controller }, StackView.Immediate)
        compare(host.stack.currentItem.objectName, "manageDataPage")
    }

    function cleanup() {
        if (host)
            host.destroy()
        host = null
        wait(0)
    }

    function back() {
        mouseClick(findChild(host.stack.currentItem, "backButton"))
        tryCompare(host.stack, "busy", false)
    }

    function test_pagesGoOnTheHostsStack() {
        const page = host.stack.currentItem
        const list = findChild(page, "objectList")
        tryVerify(() => list.itemAtIndex(1) !== null)
        mouseClick(list.itemAtIndex(1))
        tryCompare(host.stack, "busy", false)
        compare(host.stack.depth, 3)
        compare(host.stack.currentItem.objectName, "objectDetailPage")
        compare(host.stack.currentItem.name, "s_c__order__c")

        const field = findChild(host.stack.currentItem, "unsavedField")
        verify(field.clickable)
        mouseClick(field)
        tryCompare(host.stack, "busy", false)
        compare(host.stack.depth, 4)
        compare(host.stack.currentItem.objectName, "unsavedRecordsPage")

        back()
        compare(host.stack.currentItem.objectName, "objectDetailPage")
        back()
        compare(host.stack.currentItem.objectName, "manageDataPage")
        back()
        compare(host.stack.depth, 1)
        compare(host.stack.currentItem.objectName, "hostSettings")
    }

    function test_clearAndResyncIsConfirmedByThePagesOwnDialog() {
        const page = host.stack.currentItem
        verify(page.hostedClearDialog)
        controller.requestClearPlan(["s_c__order__c"])
        feeder.applyPlan(controller, [{ object: "s_c__order__c", willDelete: 1233, keepUnsaved: 3, keepInUse: 1,
                                        willDownload: 10000 }])
        const dialog = page.hostedClearDialog
        tryCompare(dialog, "opened", true)
        compare(dialog.title, "Clear & resync s_c__order__c?")
        mouseClick(findChild(dialog.footer, "confirmButton"))
        tryCompare(dialog, "visible", false)
        verify(!controller.clearPlanPending)
    }

    function test_buttonsWearTheHostsAccent() {
        const primary = findChild(host.stack.currentItem, "primaryAction")
        verify(primary.visible) // "Pause all syncing": an object syncs
        compare(primary.Material.accent, host.Material.accent)
        compare(primary.Material.background, host.Material.accent)
    }
}
