// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import PosData

// The pos-manage-data window: the settings shell opened on Manage data.
ApplicationWindow {
    id: window
    required property ManageDataController controller
    readonly property alias shell: shell

    width: 1280
    height: 800
    visible: true
    title: qsTr("POS Settings")
    color: Theme.pageBackground

    AppShell {
        id: shell
        anchors.fill: parent
        controller: window.controller
    }
}
