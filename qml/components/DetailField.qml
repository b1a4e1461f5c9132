// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One "label: value" line of the object detail page. A `note` shows in red under the value (it
// never replaces it), `secondary` in grey ("Checked 3 min ago"); a `clickable` field opens more on
// a tap, and a chevron says so. A name value elides (whole on press-and-hold); others wrap.
Item {
    id: field
    property string label
    property string value
    property string note
    property string secondary
    property int statusKind: StatusKind.Incomplete
    property bool showIcon: false
    property bool lastInGroup: false
    property bool clickable: false
    property bool valueIsName: false
    signal clicked()

    implicitHeight: Math.max(Theme.fieldHeight, row.implicitHeight + 2 * Theme.gap)
    // Narrow (a split-screen column): the label on its own line, the values under it, left-aligned.
    readonly property bool narrow: width < Theme.narrowWidth
    readonly property int valueAlignment: narrow ? Text.AlignLeft : Text.AlignRight
    // What the values may take: the row less the label (beside them: at most 45 %), the icon, the
    // chevron and the gaps between; from implicit sizes, so the layout does not chase its own widths.
    readonly property real valueRoom: row.width
                                      - (narrow ? 0 : Math.min(fieldLabel.implicitWidth, row.width * 0.45) + 2 * row.columnSpacing)
                                      - (icon.visible ? icon.implicitWidth + row.columnSpacing : 0)
                                      - (chevron.visible ? chevron.implicitWidth + row.columnSpacing : 0)
    Layout.fillWidth: true
    Accessible.role: clickable ? Accessible.Button : Accessible.StaticText
    Accessible.name: label + ": " + value + (note.length > 0 ? ", " + note : "")
    Accessible.onPressAction: if (clickable) field.clicked()

    Rectangle {
        anchors.fill: parent
        visible: tap.pressed
        color: Theme.pressed
    }
    MouseArea {
        id: tap
        anchors.fill: parent
        enabled: field.clickable
        onClicked: field.clicked()
        onPressAndHold: valueName.reveal()
    }

    GridLayout {
        id: row
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.gapLarge
        anchors.rightMargin: field.clickable ? Theme.gap : Theme.gapLarge
        columns: field.narrow ? 3 : 5
        columnSpacing: Theme.gap
        rowSpacing: Theme.gapSmall
        Label {
            id: fieldLabel
            objectName: "fieldLabel"
            text: field.label
            font: Theme.body
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
            Layout.maximumWidth: field.narrow ? row.width : row.width * 0.45
            Layout.alignment: Qt.AlignTop
            Layout.row: 0
            Layout.column: 0
            Layout.columnSpan: field.narrow ? 3 : 1
        }
        Item {
            visible: !field.narrow
            implicitHeight: 1
            Layout.fillWidth: true
            Layout.row: 0
            Layout.column: 1
        }
        StatusIcon {
            id: icon
            visible: field.showIcon
            kind: field.statusKind
            size: Theme.iconSizeSmall
            Layout.alignment: Qt.AlignTop
            // Narrow: under the label, before the values (hidden: out of their way).
            Layout.row: field.narrow ? (field.showIcon ? 1 : 2) : 0
            Layout.column: field.narrow ? 0 : 2
        }
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: field.valueIsName || field.narrow
            Layout.maximumWidth: field.valueRoom
            Layout.row: field.narrow ? 1 : 0
            // Narrow without an icon: the values start under the label.
            Layout.column: field.narrow ? (field.showIcon ? 1 : 0) : 3
            Layout.columnSpan: field.narrow && !field.showIcon ? 2 : 1
            NameLabel {
                id: valueName
                objectName: "fieldValueName"
                visible: field.valueIsName
                text: field.value
                font: Theme.bodyStrong
                horizontalAlignment: field.valueAlignment
                Layout.fillWidth: true
            }
            Label {
                objectName: "fieldValue"
                visible: !field.valueIsName
                text: field.value
                font: Theme.bodyStrong
                color: Theme.textPrimary
                wrapMode: Text.WordWrap
                horizontalAlignment: field.valueAlignment
                Layout.alignment: field.valueAlignment
                Layout.maximumWidth: field.valueRoom
            }
            Label {
                objectName: "note"
                visible: field.note.length > 0
                text: field.note
                font: Theme.secondaryStrong
                color: Theme.destructive
                wrapMode: Text.WordWrap
                horizontalAlignment: field.valueAlignment
                Layout.alignment: field.valueAlignment
                Layout.maximumWidth: field.valueRoom
            }
            Label {
                objectName: "secondary"
                visible: field.secondary.length > 0
                text: field.secondary
                font: Theme.secondary
                color: Theme.textSecondary
                wrapMode: Text.WordWrap
                horizontalAlignment: field.valueAlignment
                Layout.alignment: field.valueAlignment
                Layout.maximumWidth: field.valueRoom
            }
        }
        Label {
            id: chevron
            visible: field.clickable
            text: "\u203a"
            font: Theme.glyph
            color: Theme.textSecondary
            Layout.row: field.narrow ? 1 : 0
            Layout.column: field.narrow ? 2 : 4
        }
    }
    Rectangle {
        visible: !field.lastInGroup
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: Theme.gapLarge
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.divider
    }
}
