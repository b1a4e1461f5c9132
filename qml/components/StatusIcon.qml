// SPDX-License-Identifier: MIT
import QtQuick
import PosData

// A status icon: the SVG when it can be read, else a drawn circle with a glyph in the same colour.
Item {
    id: root
    property string statusKey: "incomplete"
    property url source
    property int size: 28

    implicitWidth: size
    implicitHeight: size
    Accessible.ignored: true // the status word beside it is what screen readers read

    Image {
        id: image
        anchors.fill: parent
        source: root.source
        sourceSize.width: root.size * 2
        sourceSize.height: root.size * 2
        visible: status === Image.Ready
        asynchronous: false
    }

    Rectangle {
        anchors.fill: parent
        visible: !image.visible
        radius: width / 2
        color: Theme.statusColor(root.statusKey)

        Text {
            anchors.centerIn: parent
            text: Theme.statusGlyph(root.statusKey)
            color: "white"
            font.pixelSize: root.size * 0.62
            font.bold: true
        }
    }
}
