# SPDX-License-Identifier: MIT
# Shared by scripts/demo, scripts/test, scripts/bench, scripts/fuzz: package set-up and loud steps.
# Sourced, not run.

set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${POSDATA_BUILD_DIR:-$ROOT/build}"

# Debian 12 packages the build, the tests and the demo need. Four of these are not pulled in by
# dependencies yet are needed (see docs/development.md): qml6-module-qtqml-workerscript,
# qml6-module-qtquick-window, qml6-module-qtqml(-models), qt6-websockets-dev. qt6-tools-dev and
# qt6-l10n-tools: Qt6LinguistTools (lrelease) for the screen's translations in i18n/.
BASE_PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache git
    qt6-base-dev qt6-declarative-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtqml
    qml6-module-qtqml-models qml6-module-qtqml-workerscript qml6-module-qttest
    libxkbcommon-dev nlohmann-json3-dev libgtest-dev libgmock-dev libcpp-httplib-dev libsqlite3-dev
    libqt6svg6 zlib1g-dev xvfb xauth fonts-dejavu-core sqlite3 python3 curl
    qt6-tools-dev qt6-l10n-tools
)

CURRENT_STEP=""
on_error() {
    local rc=$?
    echo >&2
    echo "FAILED (exit $rc) at step: ${CURRENT_STEP:-unknown}" >&2
    exit "$rc"
}
trap on_error ERR

step() {
    CURRENT_STEP="$1"
    echo
    echo "==> $1"
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "need root to run: $* (run as root or install sudo)" >&2
        return 1
    fi
}

# Installs only what is missing, so a second run does no apt work at all.
ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "all ${#@} packages present"
        return 0
    fi
    echo "installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    step "configure ($BUILD_DIR)"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${POSDATA_BUILD_TYPE:-RelWithDebInfo}" "$@"
    step "build"
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}
