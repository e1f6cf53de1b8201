#!/usr/bin/env bash
# Scores the CLI's output with ../shared/score.py: the seed article always (its gold copy
# is in tests/fixtures), PolNeAR dev when ../shared/data is there. With --floor, fails
# when a figure falls below the floor the project has reached.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=target/release/quotelens
floor=${1:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

score() { # name gold
  local name=$1 gold=$2
  "$BIN" extract "$gold" > "$out/$name.jsonl"
  if [ -f "$SHARED/score.py" ]; then
    python3 "$SHARED/score.py" "$gold" "$out/$name.jsonl" | tee "$out/$name.score"
  else
    python3 tests/score.py "$gold" "$out/$name.jsonl" | tee "$out/$name.score"
  fi
}

check() { # name field floor
  python3 - "$out/$1.score" "$2" "$3" "$1" <<'PY'
import json, sys
score = json.load(open(sys.argv[1]))
value = score
for key in sys.argv[2].split("."):
    value = value[key]
floor = float(sys.argv[3])
status = "ok" if value >= floor else "BELOW FLOOR"
print(f"{sys.argv[4]}: {sys.argv[2]} = {value} (floor {floor}) {status}")
sys.exit(0 if value >= floor else 1)
PY
}

echo "== seed article"
score seed tests/fixtures/seed-article.gold.jsonl
if [ -f "$SHARED/data/polnear-dev.jsonl" ]; then
  echo "== PolNeAR dev"
  score dev "$SHARED/data/polnear-dev.jsonl"
else
  echo "== PolNeAR dev: SKIPPED ($SHARED/data/polnear-dev.jsonl not found)"
fi

if [ "$floor" = "--floor" ]; then
  check seed detection.f1 1.0
  check seed end_to_end.f1 0.95
  if [ -f "$out/dev.score" ]; then
    check dev detection.f1 0.95
    check dev end_to_end.f1 0.85
  fi
fi
