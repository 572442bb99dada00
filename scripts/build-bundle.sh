#!/usr/bin/env bash
# Builds the PyInstaller folder (packaging/treem.spec), smoke-tests the frozen app offscreen
# and prints its compressed size; exits 1 when a check fails or the tar.gz is over the limit.
#   scripts/build-bundle.sh              build into dist/bundle/treem, then test it
#   scripts/build-bundle.sh --no-build   test the folder already built
# Environment: BUNDLE_DIST (dist/bundle), BUNDLE_WORK (build/bundle), BUNDLE_MAX_MB (75).
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${BUNDLE_DIST:-dist/bundle}
work=${BUNDLE_WORK:-build/bundle}
max_mb=${BUNDLE_MAX_MB:-75}
app="$dist/treem"

if [[ "${1:-}" != "--no-build" ]]; then
  [[ -x .venv/bin/pyinstaller ]] || .venv/bin/pip install --quiet 'pyinstaller>=6.5'
  started=$SECONDS
  .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" \
    packaging/treem.spec
  echo "built $app in $((SECONDS - started)) s"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
copy="$scratch/treem"  # tested as a copy outside the checkout, as on a USB stick
portable="$copy/treem-data"

fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

# Run the console executable on the scratch data folder; stdout is kept in $scratch/out.
treem() {
  "$copy/treem" --data-dir "$scratch/data" "$@" >"$scratch/out" 2>"$scratch/err" \
    || { cat "$scratch/out" "$scratch/err" >&2; fail "treem $*"; }
}

check_libraries() {
  # Every library and plugin in the folder finds what it links to (Linux).
  command -v ldd >/dev/null || return 0
  local missing
  missing=$(find "$copy/_internal" -name '*.so*' -type f -print0 \
    | LD_LIBRARY_PATH="$copy/_internal" xargs -0 -n 20 ldd 2>/dev/null | grep 'not found' | sort -u || true)
  [[ -z "$missing" ]] || fail "unresolved libraries: $missing"
}

smoke_test() {
  local started=$SECONDS
  cp -a "$app" "$copy"
  export QT_QPA_PLATFORM=offscreen
  unset TREEM_HOME TREEM_LANG TREEM_PASSPHRASE
  treem setup --province 11 --commune 03325 --category con-lai
  treem db check
  printf '{"c6.a.numerator": 19, "c6.a": {"denominator": 20}}' >"$scratch/inputs.json"
  treem eval import 2026 "$scratch/inputs.json"
  treem eval score 2026
  treem --lang en eval score 2026
  treem doc render ke-hoach-bao-ve-cham-soc-tre-em-nam --period 2027 --draft \
    --out "$scratch/ke-hoach.docx"
  [[ -s "$scratch/ke-hoach.docx" ]] || fail "no .docx written"
  treem packet build --kind evaluation --period 2026 --out "$scratch/packets"
  local packet
  packet=$(find "$scratch/packets" -name '*.zip' | head -n 1)
  [[ -n "$packet" ]] || fail "no packet built"
  treem packet verify "$packet"
  "$copy/TreemDesktop" --data-dir "$scratch/data" --startup-probe >"$scratch/out" 2>"$scratch/err" \
    || { cat "$scratch/err" >&2; fail "the window did not start"; }
  grep -q '^shown ' "$scratch/out" || fail "the window was not shown"
  mkdir "$portable"  # portable mode: a treem-data folder beside the executable
  "$copy/treem" setup --province 11 --commune 03325 --category con-lai >/dev/null \
    || fail "setup in the portable folder"
  [[ -f "$portable/treem.sqlite3" ]] || fail "the portable folder was not used"
  check_libraries
  echo "smoke test passed in $((SECONDS - started)) s: setup, db check, eval, doc render," \
    "packet build and verify, the window offscreen, portable mode, libraries"
}

report_size() {
  tar czf "$scratch/treem.tar.gz" -C "$dist" treem
  local bytes mb
  bytes=$(stat -c %s "$scratch/treem.tar.gz")
  mb=$(( (bytes + 999999) / 1000000 ))
  echo "folder: $(du -sm "$app" | cut -f1) MB; its biggest parts (MB, each counted whole):"
  (
    cd "$app"
    for part in treem TreemDesktop _internal/PySide6 _internal/PySide6/Qt/lib \
      _internal/PySide6/Qt/lib/libicudata.so.* _internal/PySide6/Qt/plugins \
      _internal/cryptography _internal/lxml _internal/libpython3* _internal/python3* \
      _internal/babel _internal/resources _internal/forms; do
      if [[ -e "$part" ]]; then du -sk "$part"; fi
    done
  ) | awk '{ printf "  %6.1f  %s\n", $1 / 1000, $2 }'
  echo "compressed (tar.gz): $mb MB (limit $max_mb MB)"
  (( mb <= max_mb )) || fail "the compressed bundle is over $max_mb MB"
}

smoke_test
report_size
