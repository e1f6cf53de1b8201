#!/usr/bin/env bash
# The end of `make demo`, once everything is built: runs the CLI on the sample article,
# says where the extensions are and how to load them, then serves the demo page.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}
SAMPLE=tests/fixtures/seed-article.txt
# Headings in bold on a terminal, plain in a log.
if [ -t 1 ]; then bold() { printf '\n\033[1m%s\033[0m\n' "$*"; }; else bold() { printf '\n== %s\n' "$*"; }; fi

bold "The CLI on the sample article ($SAMPLE)"
echo "target/release/quotelens extract $SAMPLE"
# One JSON object a line: a document with its "quotes", or one quote.
summary=$(cat <<'PY'
import collections, json, sys
quotes = []
for line in sys.stdin:
    if line.strip():
        record = json.loads(line)
        quotes.extend(record["quotes"] if "quotes" in record else [record])
by_speaker = collections.Counter(q.get("speaker") or "(no speaker found)" for q in quotes)
named = [s for s in by_speaker if s != "(no speaker found)"]
print(f"{len(quotes)} quotes from {len(named)} speakers:")
for name, n in by_speaker.most_common():
    print(f"  {n:3}  {name}")
print("The first quotes:")
for q in quotes[:3]:
    text = q["text"] if len(q["text"]) <= 70 else q["text"][:69] + "…"
    print(f"  “{text}” ({q.get('speaker') or 'no speaker'})")
PY
)
target/release/quotelens extract "$SAMPLE" | python3 -c "$summary"

bold "The browser extensions (unpacked)"
for browser in chrome firefox; do
  if [ -d "dist/$browser" ]; then
    printf '  %-9s %s\n' "$browser:" "$PWD/dist/$browser"
  else
    echo "  $browser:  dist/$browser is missing: run make extension" >&2
  fi
done
cat <<TXT
  Chrome or Chromium: open chrome://extensions, turn on Developer mode (top right),
    click Load unpacked and choose $PWD/dist/chrome.
  Firefox: open about:debugging#/runtime/this-firefox, click Load Temporary Add-on…
    and choose $PWD/dist/firefox/manifest.json (it stays until Firefox restarts).
  Then open any news article: quotes are highlighted, with the speaker's badge.
TXT

bold "The demo page: http://127.0.0.1:$PORT/"
echo "  The same WASM as the extension, on the sample article or any text you paste."
echo "  It is static: www/ works from any web server (not from file://, where browsers refuse modules)."
exec node scripts/serve.mjs www "$PORT"
