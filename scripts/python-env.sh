#!/usr/bin/env bash
# Creates .venv with Python 3.11 (or newer) and installs Treem into it, editable.
#   scripts/python-env.sh        the application
#   scripts/python-env.sh dev    the application and the test tools
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [[ -z "$python" ]]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then python=$candidate; break; fi
  done
fi
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "Treem needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
}

[[ -x .venv/bin/python ]] || "$python" -m venv .venv
extras=""
[[ "${1:-}" == "dev" ]] && extras="[dev]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
