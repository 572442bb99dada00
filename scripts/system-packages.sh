#!/usr/bin/env bash
# Installs the Debian packages Treem needs, only those missing (apt-get; sudo when not root).
#   scripts/system-packages.sh app    what the window needs on a desktop (Qt xcb libraries, fonts)
#   scripts/system-packages.sh test   what the test suite needs (adds Xvfb and the tools it drives)
set -euo pipefail

app_packages=(
  python3-venv
  fonts-noto-core fonts-liberation2
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
)
test_packages=(
  "${app_packages[@]}"
  xvfb
  libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils openssl
  softhsm2 opensc
)

case "${1:-app}" in
  app) wanted=("${app_packages[@]}") ;;
  test) wanted=("${test_packages[@]}") ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian system: install the equivalents of ${wanted[*]} yourself." >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
