#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine with Python 3.11 and opens Treem.
# The data lives in the per-user data folder; the first run offers a demo commune.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh app
scripts/python-env.sh
exec .venv/bin/treem "$@"
