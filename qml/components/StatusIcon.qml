// SPDX-License-Identifier: MIT
pragma ComponentBehavior: Bound
import QtQuick
import PosData

// A status icon: the status's SVG (one set for rows, fields and banners), else a drawn circle with
// a glyph in the same colour when SVG images cannot be read.
Item {
    id: root
    property int kind: StatusKind.Incomplete
    property int size: Theme.iconSize

    implicitWidth: size
    implicitHeight: size
    Accessible.ignored: true // the status word beside it is what screen readers read

    Image {
        id: image
        anchors.fill: parent
        source: Theme.statusIcon(root.kind)
        sourceSize.width: root.size * 2
        sourceSize.height: root.size * 2
        visible: status === Image.Ready
        asynchronous: false
    }

    Rectangle {
        anchors.fill: parent
        visible: !image.visible
        radius: width / 2
        color: Theme.statusColor(root.kind)

        Text {
            anchors.centerIn: parent
            text: Theme.statusGlyph(root.kind)
            color: Theme.textOnAccent
            font.pixelSize: root.size * 0.55
            font.bold: true
        }
    }
}
