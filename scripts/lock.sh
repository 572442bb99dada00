#!/usr/bin/env bash
# Regenerates the two lock files from the bounds in pyproject.toml, with the sha256 of every file:
#   requirements.lock          Linux x86_64 with glibc >= 2.34, Python 3.11 (this machine, CI,
#                              the Linux bundle; PySide6 6.11's wheels need glibc 2.34)
#   requirements-windows.lock  Windows x64, Python 3.11 (the Windows build machine)
# uv resolves for a platform other than the one it runs on, so both are made here.
#   scripts/lock.sh              keep the pins already in the files, add or drop what changed
#   scripts/lock.sh --upgrade    take the newest releases the bounds allow
# uv is installed into a throwaway venv (LOCK_UV_VENV, default /tmp/treem-lock-uv), never .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

uv_venv=${LOCK_UV_VENV:-/tmp/treem-lock-uv}
if [[ ! -x "$uv_venv/bin/uv" ]]; then
  python3 -m venv "$uv_venv"
  "$uv_venv/bin/python" -m pip install --quiet --disable-pip-version-check uv
fi

lock() {  # lock <output file> <uv platform>
  "$uv_venv/bin/uv" pip compile --quiet pyproject.toml --output-file "$1" \
    --python-platform "$2" --python-version 3.11 --generate-hashes \
    --custom-compile-command "scripts/lock.sh" "${@:3}"
  echo "$1: $(grep -c '==' "$1") packages for $2"
}

lock requirements.lock x86_64-manylinux_2_34 "$@"
lock requirements-windows.lock x86_64-pc-windows-msvc "$@"
