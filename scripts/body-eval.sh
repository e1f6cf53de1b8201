#!/usr/bin/env bash
# Scores the article extraction (`quotelens body`) on ../shared/bench-pages with
# ../shared/body_score.py: word 4-gram precision, recall and F1 against bodies a person
# marked, and the extraction time per page. With --floor, fails below the floor.
# Skipped, saying so, when ../shared is not there (a fresh clone).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=target/release/quotelens
FLOOR=0.94
pages=$SHARED/bench-pages
if [ ! -f "$pages/truth.json" ] || [ ! -f "$SHARED/body_score.py" ]; then
  echo "== article extraction: SKIPPED ($pages/truth.json or $SHARED/body_score.py not found)"
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== article extraction ($pages, $(ls "$pages"/*.html | wc -l) pages)"
"$BIN" body "$pages"/*.html > "$out/body.jsonl"
python3 - "$out/body.jsonl" "$out/pred.json" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
json.dump({r["file"]: r["text"] for r in rows}, open(sys.argv[2], "w", encoding="utf-8"))
ms = [r["ms"] for r in rows]
print(f"extraction: {statistics.median(ms):.1f} ms median, {max(ms):.1f} ms max per page (parse included)")
PY
python3 "$SHARED/body_score.py" "$pages/truth.json" "$out/pred.json" > "$out/score.json"
python3 - "$out/score.json" "${1:-}" "$FLOOR" <<'PY'
import json, sys
score = json.load(open(sys.argv[1]))
worst = sorted(score["per_page_f1"].items(), key=lambda kv: kv[1])[:5]
print(f"4-gram precision {score['precision']}, recall {score['recall']}, F1 {score['f1']}"
      f" (published: go-trafilatura 0.965, trafilatura 0.959, Readability.js 0.940)")
print("lowest pages: " + ", ".join(f"{page} {f1}" for page, f1 in worst))
if sys.argv[2] == "--floor":
    floor = float(sys.argv[3])
    ok = score["f1"] >= floor
    print(f"article extraction: f1 = {score['f1']} (floor {floor}) {'ok' if ok else 'BELOW FLOOR'}")
    sys.exit(0 if ok else 1)
PY
