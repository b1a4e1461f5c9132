// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import PosData

// The white rounded card lists and fields sit on.
Rectangle {
    color: Theme.card
    radius: Theme.radius
    border.color: Theme.divider
}
