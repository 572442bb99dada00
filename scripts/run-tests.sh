#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine with Python 3.11 and runs every check:
# ruff, mypy, the translation catalogues, and the whole pytest suite (offscreen Qt).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh test
scripts/python-env.sh dev
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pytest "$@"
