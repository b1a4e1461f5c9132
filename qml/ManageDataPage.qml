// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// Settings > Manage data: every sync object with its counts and status, the pause/resume primary
// action, the More actions menu, and banners for a refused sign-in, an engine error and a pause.
Page {
    id: page
    required property ManageDataController controller
    property bool backVisible: true
    /// Pushed onto a host app's StackView, the page finds its own way: back pops it, a row pushes
    /// the object's detail page (and that one its unsaved records) onto the same stack, and the
    /// clear & resync confirmation is its own. A shell that does this itself (AppShell) sets false.
    property bool navigatesItself: true
    signal backClicked()
    signal openDetail(string name)

    objectName: "manageDataPage"
    title: qsTr("Manage data")
    background: Rectangle { color: Theme.pageBackground }

    header: PageToolBar {
        title: page.title
        backVisible: page.backVisible
        onBackClicked: page.backClicked()
        actions: [
            ActionButton {
                objectName: "primaryAction"
                visible: text.length > 0
                text: page.controller.primaryActionText
                highlighted: true
                onClicked: page.controller.triggerPrimaryAction()
            },
            MoreActionsButton {
                MenuEntry {
                    objectName: "resyncAllItem"
                    text: qsTr("Resync all existing records")
                    onTriggered: page.controller.resyncAll()
                }
                MenuEntry {
                    objectName: "clearResyncAllItem"
                    text: qsTr("Clear & resync all records")
                    onTriggered: page.controller.requestClearPlan([])
                }
                MenuEntry {
                    objectName: "shareReportItem"
                    text: qsTr("Share report")
                    enabled: !page.controller.reportBusy
                    onTriggered: page.controller.shareReport()
                }
            }
        ]
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: Theme.gapLarge
        spacing: Theme.gap

        MessageBanner {
            objectName: "signInBanner"
            visible: page.controller.signInText.length > 0
            text: page.controller.signInText
            detailText: page.controller.signInNextText
            actionText: qsTr("Try again")
            onActionClicked: page.controller.tryAgain()
            // Embedded in a host app that signs in by itself: its sign-in, from here.
            secondaryActionText: page.controller.hostSignIn ? qsTr("Sign in again") : ""
            onSecondaryActionClicked: page.controller.signIn()
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        MessageBanner {
            objectName: "engineErrorBanner"
            visible: page.controller.engineErrorText.length > 0
            text: page.controller.engineErrorText
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        MessageBanner {
            id: reportBanner
            objectName: "reportBanner"
            // Where the support report was saved (or why not), until a person closes it.
            visible: page.controller.reportText.length > 0 && !closed
            property bool closed: false
            text: page.controller.reportText
            background: page.controller.reportFailed ? Theme.errorBackground : Theme.card
            borderColor: page.controller.reportFailed ? Theme.errorBorder : Theme.divider
            kind: page.controller.reportFailed ? StatusKind.Incomplete : StatusKind.FullySynced
            actionText: page.controller.reportBusy ? "" : qsTr("Close")
            onActionClicked: closed = true
            Connections {
                target: page.controller
                function onReportChanged() { reportBanner.closed = false }
            }
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        MessageBanner {
            objectName: "lowSpaceBanner"
            // A warning, not a failure: nothing went wrong yet.
            background: Theme.warningBackground
            borderColor: Theme.warningBorder
            visible: page.controller.lowSpaceText.length > 0
            text: page.controller.lowSpaceText
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        PausedBanner {
            objectName: "pausedBanner"
            visible: page.controller.pausedBannerVisible
            text: page.controller.pausedBannerText
            actionText: page.controller.pausedBannerActionVisible ? qsTr("Resume all syncing") : ""
            onActionClicked: page.controller.resumeAll()
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
        }
        // Whether the till can sell yet: the objects it needs (requiredForSale) download first.
        Label {
            objectName: "readyToSell"
            visible: page.controller.readyToSellShown
            text: page.controller.readyToSellText
            font: Theme.bodyStrong
            color: page.controller.readyToSell ? Theme.statusColor(StatusKind.FullySynced) : Theme.textPrimary
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin + Theme.gapSmall
            Layout.rightMargin: Theme.pageMargin
        }
        Label {
            objectName: "summary"
            text: page.controller.ready ? page.controller.summaryText : qsTr("Loading sync status\u2026")
            font: Theme.secondary
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin + Theme.gapSmall
            Layout.rightMargin: Theme.pageMargin
        }
        Card {
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: Theme.maxContentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.pageMargin
            Layout.rightMargin: Theme.pageMargin
            Layout.bottomMargin: Theme.pageMargin

            ListView {
                id: list
                objectName: "objectList"
                anchors.fill: parent
                anchors.margins: 1
                model: page.controller.objects
                reuseItems: true
                cacheBuffer: Theme.rowHeight * 6
                boundsBehavior: Flickable.StopAtBounds
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Sync objects")
                ScrollIndicator.vertical: ScrollIndicator {}
                delegate: SyncObjectDelegate {
                    width: list.width
                    onClicked: page.openDetail(name)
                }
            }
        }
    }

    // Navigation inside a host's StackView (navigatesItself); the signals above still fire.
    readonly property bool hosted: navigatesItself && StackView.view !== null
    onBackClicked: if (hosted) StackView.view.pop()
    onOpenDetail: name => {
        if (hosted)
            StackView.view.push(hostedDetail, { name: name })
    }
    Component {
        id: hostedDetail
        ObjectDetailPage {
            id: detailPage
            controller: page.controller
            onBackClicked: detailPage.StackView.view.pop()
            onOpenUnsaved: name => detailPage.StackView.view.push(hostedUnsaved, { name: name })
        }
    }
    Component {
        id: hostedUnsaved
        UnsavedRecordsPage {
            id: unsavedPage
            controller: page.controller
            onBackClicked: unsavedPage.StackView.view.pop()
        }
    }
    // The clear & resync confirmation, made once the page is on a host's stack, centred on the
    // host's window above it, and gone with the page.
    property ClearResyncDialog hostedClearDialog: null
    onHostedChanged: {
        if (hosted && !hostedClearDialog)
            hostedClearDialog = hostedDialogComponent.createObject(Overlay.overlay, { controller: page.controller })
    }
    Component.onDestruction: if (hostedClearDialog) hostedClearDialog.destroy()
    Component {
        id: hostedDialogComponent
        ClearResyncDialog {}
    }
}
