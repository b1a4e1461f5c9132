// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import PosData
import HostPos

// The host's window: its own till and settings pages on its own StackView. "Manage data" is POS
// Data Sync's page, pushed onto that stack; it takes this window's Material accent.
ApplicationWindow {
    id: window
    required property Engine syncEngine // POS Data Sync's engine, made in main.cpp
    required property Till till
    readonly property alias stack: stack

    width: 1024
    height: 700
    visible: true
    title: qsTr("Host POS")
    Material.theme: Material.Light
    Material.accent: Material.Teal

    function openManageData() {
        stack.push(manageDataPage, {}, StackView.Immediate)
    }

    // The page's state and actions, bound to the engine; it lives as long as the window.
    ManageDataController {
        id: manageData
        engine: window.syncEngine
    }

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: TillPage {
            till: window.till
            onSettingsClicked: stack.push(settingsPage)
        }
    }
    Component {
        id: settingsPage
        SettingsPage {
            onBackClicked: stack.pop()
            onManageDataClicked: stack.push(manageDataPage)
        }
    }
    Component {
        id: manageDataPage
        ManageDataPage {
            controller: manageData
        }
    }
}
