// SPDX-License-Identifier: MIT
// posdatasync::Engine (PosDataSync::Core, which has no QML) as a type of the PosData module.
#pragma once

#include <posdatasync/engine.h>

#include <QtQml/qqml.h> // QML_FOREIGN needs qqmlprivate.h, which qqmlregistration.h lacks in 6.4

namespace posdata {

/// `Engine` in QML: the host builds it in C++ and hands it to ManageDataController.engine (and to
/// its own QML through a required property); QML cannot create one.
struct EngineForeign
{
    Q_GADGET
    QML_FOREIGN(posdatasync::Engine)
    QML_NAMED_ELEMENT(Engine)
    QML_UNCREATABLE("The host app creates the engine in C++ (posdatasync::Engine) and hands it over.")
};

} // namespace posdata
