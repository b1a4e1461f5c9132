// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PosData

// One unsaved record: what happened to it on this device and when, Salesforce's refusal in plain
// words (with its own code and text for support), the fields as they are sent, and "Discard this
// change" behind a confirmation that names what is lost. It follows the list it was opened from.
Page {
    id: page
    required property UnsavedRecordListModel records
    property string recordId
    /// This page asked for a discard: once the record has left the list, go back to it.
    property bool discardAsked: false
    // Re-read whenever the list's rows move (a retry's answer, a new refusal, the discard).
    readonly property var record: {
        page.records.revision
        return page.records.recordData(page.recordId)
    }
    readonly property bool exists: record.exists === true
    signal backClicked()

    objectName: "unsavedRecordPage"
    title: exists ? record.title : qsTr("Unsaved record")
    background: Rectangle { color: Theme.pageBackground }

    onExistsChanged: if (!exists && discardAsked) page.backClicked()

    header: PageToolBar {
        title: page.title
        onBackClicked: page.backClicked()
    }

    Flickable {
        id: flick
        objectName: "recordFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            x: (flick.width - width) / 2
            y: Theme.pageMargin
            width: Math.min(flick.width - 2 * Theme.pageMargin, Theme.maxContentWidth)
            spacing: Theme.gap

            Label {
                objectName: "goneText"
                visible: !page.exists
                text: qsTr("This record is no longer waiting to upload: it reached Salesforce or was discarded.")
                font: Theme.body
                color: Theme.textPrimary
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Card {
                visible: page.exists
                Layout.fillWidth: true
                implicitHeight: about.implicitHeight
                ColumnLayout {
                    id: about
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0
                    DetailField {
                        objectName: "recordField"
                        label: qsTr("Record")
                        value: page.record.title ?? ""
                        valueIsName: true
                    }
                    DetailField {
                        objectName: "changeField"
                        label: qsTr("Change")
                        value: page.record.kindText ?? ""
                        secondary: page.record.changedAtText ?? ""
                    }
                    DetailField {
                        objectName: "uploadField"
                        label: qsTr("Upload")
                        value: page.record.failed ? qsTr("Refused by Salesforce") : (page.record.uploadText ?? "")
                        note: page.record.attemptsText ?? ""
                        lastInGroup: true
                    }
                }
            }

            // Salesforce's answer: what it means, then its own words for support.
            Label {
                visible: page.exists && page.record.failed === true
                text: qsTr("Why Salesforce refused it")
                font: Theme.heading
                color: Theme.textPrimary
                topPadding: Theme.gap
                Accessible.role: Accessible.Heading
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Card {
                visible: page.exists && page.record.failed === true
                Layout.fillWidth: true
                implicitHeight: refusal.implicitHeight + 2 * Theme.gapLarge
                ColumnLayout {
                    id: refusal
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.leftMargin: Theme.gapLarge
                    anchors.rightMargin: Theme.gapLarge
                    spacing: Theme.gapSmall
                    Label {
                        objectName: "refusalSentence"
                        text: page.record.errorSentence ?? ""
                        font: Theme.bodyStrong
                        color: Theme.textPrimary
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "refusalNext"
                        text: qsTr("It stays on this device. Fix the cause, in Salesforce or on the till, then use Retry upload; or discard this change.")
                        font: Theme.body
                        color: Theme.textPrimary
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "refusalRaw"
                        text: (page.record.errorRaw ?? "") + ((page.record.errorAtText ?? "").length > 0
                                                              ? " (" + page.record.errorAtText + ")" : "")
                        font: Theme.secondary
                        color: Theme.textSecondary
                        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                        Layout.fillWidth: true
                    }
                }
            }

            Label {
                visible: page.exists
                text: qsTr("What is sent to Salesforce")
                font: Theme.heading
                color: Theme.textPrimary
                topPadding: Theme.gap
                Accessible.role: Accessible.Heading
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Card {
                visible: page.exists
                Layout.fillWidth: true
                implicitHeight: fieldColumn.implicitHeight
                ColumnLayout {
                    id: fieldColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0
                    Label {
                        visible: (page.record.fields ?? []).length === 0
                        text: qsTr("No fields")
                        font: Theme.body
                        color: Theme.textSecondary
                        padding: Theme.gapLarge
                        Layout.fillWidth: true
                    }
                    Repeater {
                        objectName: "sentFields"
                        model: page.record.fields ?? []
                        delegate: DetailField {
                            required property var modelData
                            required property int index
                            label: modelData.label
                            value: modelData.value
                            secondary: modelData.name // the API name, for support
                            lastInGroup: index === (page.record.fields ?? []).length - 1
                        }
                    }
                }
            }

            Label {
                objectName: "discardNotice"
                visible: page.exists && text.length > 0
                // A discard that did not happen says why; one that did leaves this page.
                text: page.records.discarding ? qsTr("Discarding\u2026") : page.records.discardText
                font: Theme.secondaryStrong
                color: page.records.discarding ? Theme.textSecondary : Theme.destructive
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap
            }
            Label {
                objectName: "discardWaits"
                visible: page.exists && page.records.uploading
                text: qsTr("This object is uploading right now: a change can be discarded once the upload is over.")
                font: Theme.secondary
                color: Theme.textSecondary
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap
            }
            ActionButton {
                objectName: "discardButton"
                visible: page.exists
                text: qsTr("Discard this change")
                destructive: true
                enabled: page.records.canDiscard
                onClicked: discardDialog.open()
                Layout.topMargin: Theme.gap
                Layout.maximumWidth: column.width
            }
        }
    }

    ConfirmDialog {
        id: discardDialog
        objectName: "discardDialog"
        title: page.record.discardTitle ?? ""
        confirmText: qsTr("Discard this change")
        onConfirmed: {
            page.discardAsked = true
            page.records.discard(page.recordId)
        }
        Label {
            objectName: "discardWarning"
            text: page.record.discardWarning ?? ""
            wrapMode: Text.WordWrap
            font: Theme.body
            color: Theme.textPrimary
            Layout.fillWidth: true
        }
    }
}
