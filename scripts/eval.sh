#!/usr/bin/env bash
# Scores the CLI's output with the shared scorer: the seed article always (its gold copy is
# in tests/fixtures), PolNeAR dev and German dev when ../shared/data is there. Prints, for
# each set, detection P/R/F1, end-to-end F1 by mention and end-to-end F1 by shown name.
# With --floor, fails when a figure falls below the floor the project has reached.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=target/release/quotelens
floor=${1:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# ../shared/score.py when it is there (CI), else the copy in tests/.
scorer=tests/score.py
[ -f "$SHARED/score.py" ] && scorer="$SHARED/score.py"

score() { # name gold
  local name=$1 gold=$2
  "$BIN" extract "$gold" > "$out/$name.jsonl"
  python3 "$scorer" "$gold" "$out/$name.jsonl" > "$out/$name.score"
  python3 - "$out/$name.score" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
d, e = s["detection"], s["end_to_end"]
print(f"  quotes: {s['gold_quotes']} gold, {s['predicted_quotes']} predicted")
print(f"  detection       P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}")
print(f"  end-to-end      P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  (speaker by mention)")
if "names" in s:
    n = s["names"]["end_to_end"]
    print(f"  names           P {n['precision']:.3f}  R {n['recall']:.3f}  F1 {n['f1']:.3f}  (speaker by shown name)")
else:
    print("  names           not measured: this gold has no speaker_name")
PY
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
for set in polnear-dev german-dev; do
  if [ -f "$SHARED/data/$set.jsonl" ]; then
    echo "== $set"
    score "$set" "$SHARED/data/$set.jsonl"
  else
    echo "== $set: SKIPPED ($SHARED/data/$set.jsonl not found)"
  fi
done

if [ "$floor" = "--floor" ]; then
  status=0
  check seed detection.f1 1.0 || status=1
  check seed end_to_end.f1 0.95 || status=1
  # Issue 9's floors (see README.md, "Accuracy").
  if [ -f "$out/polnear-dev.score" ]; then
    check polnear-dev detection.f1 0.96 || status=1
    check polnear-dev end_to_end.f1 0.91 || status=1
    check polnear-dev names.end_to_end.f1 0.86 || status=1
  fi
  if [ -f "$out/german-dev.score" ]; then
    check german-dev detection.f1 0.88 || status=1
    check german-dev end_to_end.f1 0.75 || status=1
  fi
  exit $status
fi
