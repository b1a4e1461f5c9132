// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import PosData

// "Syncing is paused", with "Resume all syncing" unless the toolbar already offers it.
MessageBanner {
    kind: StatusKind.Paused
    background: Theme.warningBackground
    borderColor: Theme.warningBorder
}
