// SPDX-License-Identifier: MIT
import QtQuick
import PosData

// "Syncing is paused" with the button that resumes everything.
MessageBanner {
    statusKey: "paused"
    background: Theme.warningBackground
    borderColor: Theme.warningBorder
    actionText: qsTr("Resume all syncing")
}
