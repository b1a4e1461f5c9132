// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// A full-width banner: the status icon, a message, an optional second line (what happens next) and,
// optionally, an action button and a second, quieter one before it. The buttons go under the words
// (one above the other) when they would not fit beside them.
Rectangle {
    id: banner
    property string text
    property string detailText
    property string actionText
    property string secondaryActionText
    property int kind: StatusKind.Incomplete
    property color background: Theme.errorBackground
    property color borderColor: Theme.errorBorder
    signal actionClicked()
    signal secondaryActionClicked()

    readonly property bool stacked: width < Theme.narrowWidth
    implicitHeight: content.implicitHeight + 2 * Theme.gap
    color: background
    border.color: borderColor
    border.width: 1
    radius: Theme.radius
    Accessible.role: Accessible.AlertMessage
    Accessible.name: detailText.length > 0 ? text + ". " + detailText : text

    GridLayout {
        id: content
        anchors.fill: parent
        anchors.margins: Theme.gap
        anchors.leftMargin: Theme.gapLarge
        columns: banner.stacked ? 2 : 3
        columnSpacing: Theme.gapLarge
        rowSpacing: Theme.gapSmall
        StatusIcon {
            kind: banner.kind
            Layout.alignment: Qt.AlignTop
        }
        ColumnLayout {
            spacing: Theme.gapSmall
            Layout.fillWidth: true
            Label {
                objectName: "bannerText"
                text: banner.text
                wrapMode: Text.WordWrap
                font: Theme.body
                color: Theme.textPrimary
                Layout.fillWidth: true
            }
            Label {
                objectName: "bannerDetail"
                visible: text.length > 0
                text: banner.detailText
                wrapMode: Text.WordWrap
                font: Theme.secondary
                color: Theme.textSecondary
                Layout.fillWidth: true
            }
        }
        Item {
            visible: banner.stacked && banner.actionText.length > 0
            implicitWidth: 1
        }
        GridLayout {
            visible: banner.actionText.length > 0
            columns: banner.stacked ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gapSmall
            Layout.alignment: banner.stacked ? Qt.AlignLeft : Qt.AlignVCenter
            ActionButton {
                objectName: "bannerSecondaryAction"
                visible: banner.secondaryActionText.length > 0
                text: banner.secondaryActionText
                flat: true
                onClicked: banner.secondaryActionClicked()
                Layout.fillWidth: banner.stacked
            }
            ActionButton {
                objectName: "bannerAction"
                text: banner.actionText
                highlighted: true
                onClicked: banner.actionClicked()
                Layout.fillWidth: banner.stacked
            }
        }
    }
}
