// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The host's settings: its own entries, and "Manage data" from POS Data Sync.
Page {
    id: page
    signal backClicked()
    signal manageDataClicked()

    objectName: "hostSettingsPage"
    title: qsTr("Settings")
    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton {
                text: "\u2039"
                font.pixelSize: 28
                onClicked: page.backClicked()
            }
            Label {
                text: page.title
                font.pixelSize: 22
                Layout.fillWidth: true
            }
        }
    }

    ListView {
        anchors.fill: parent
        model: [qsTr("Printer"), qsTr("Manage data")]
        delegate: ItemDelegate {
            required property string modelData
            required property int index
            objectName: index === 1 ? "manageDataEntry" : ""
            width: ListView.view.width
            text: modelData
            onClicked: if (index === 1) page.manageDataClicked()
        }
    }
}
