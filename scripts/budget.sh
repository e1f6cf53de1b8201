#!/usr/bin/env bash
# Prints a build output's size, raw and gzipped, and fails when the gzipped size
# is over its budget. Usage: scripts/budget.sh LABEL FILE MAX_GZIPPED_KB
set -euo pipefail
label=$1 file=$2 max_kb=$3
raw=$(stat -c %s "$file")
gz=$(gzip -9 -c "$file" | wc -c)
echo "$label: $((raw / 1024)) KB raw, $((gz / 1024)) KB gzipped (budget $max_kb KB)"
if ((gz > max_kb * 1024)); then
  echo "$label: over budget: $file is $((gz / 1024)) KB gzipped, the limit is $max_kb KB" >&2
  exit 1
fi
