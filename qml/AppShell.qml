// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import PosData

// Settings navigation: Settings, Manage data, object detail, unsaved records and one unsaved record
// on a stack, plus the one clear & resync confirmation dialog they share.
Item {
    id: shell
    required property ManageDataController controller
    property bool startOnManageData: true
    readonly property alias stack: stack
    readonly property alias clearDialog: clearDialog

    Material.theme: Material.Light
    Material.accent: Theme.accent
    Material.primary: Theme.accent

    function openManageData(immediate) {
        stack.push(manageComponent, {}, immediate ? StackView.Immediate : StackView.PushTransition)
    }
    function openDetail(name, immediate) {
        stack.push(detailComponent, { name: name }, immediate ? StackView.Immediate : StackView.PushTransition)
    }
    function openUnsaved(name, immediate) {
        stack.push(unsavedComponent, { name: name }, immediate ? StackView.Immediate : StackView.PushTransition)
    }
    // A record of the unsaved records page `records` (its list model: the record page follows it).
    function openRecord(records, recordId, immediate) {
        stack.push(recordComponent, { records: records, recordId: recordId },
                   immediate ? StackView.Immediate : StackView.PushTransition)
    }

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: settingsComponent
    }

    Component {
        id: settingsComponent
        SettingsPage {
            onManageDataClicked: shell.openManageData(false)
        }
    }
    Component {
        id: manageComponent
        ManageDataPage {
            controller: shell.controller
            navigatesItself: false
            onBackClicked: stack.pop()
            onOpenDetail: name => shell.openDetail(name, false)
        }
    }
    Component {
        id: detailComponent
        ObjectDetailPage {
            controller: shell.controller
            onBackClicked: stack.pop()
            onOpenUnsaved: name => shell.openUnsaved(name, false)
        }
    }
    Component {
        id: unsavedComponent
        UnsavedRecordsPage {
            id: unsavedPage
            controller: shell.controller
            onBackClicked: stack.pop()
            onOpenRecord: recordId => shell.openRecord(unsavedPage.records, recordId, false)
        }
    }
    Component {
        id: recordComponent
        UnsavedRecordPage {
            onBackClicked: stack.pop()
        }
    }

    ClearResyncDialog {
        id: clearDialog
        objectName: "clearResyncDialog"
        parent: shell // centred on the shell, which is the whole window in the app
        controller: shell.controller
    }

    Component.onCompleted: if (startOnManageData) openManageData(true)
}
