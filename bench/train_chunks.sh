#!/usr/bin/env bash
# Continue the unfinished `maskthefer train` run into model folder OUT in commands of at most MINUTES each, until it
# is complete (issue 28: no single command over 45 minutes on 2 cores). After each command one row goes to LOG:
# date, CPU, the command, its minutes, epochs done, best valid accuracy so far: the chunk's row for bench/RESULTS.md.
#
#   bash bench/train_chunks.sh OUT [MINUTES] [LOG]       # start the run first, e.g. with `maskthefer train ... --max-minutes 40 --out OUT`
set -uo pipefail
out=${1:?usage: bash bench/train_chunks.sh OUT [MINUTES] [LOG]}; minutes=${2:-40}; log=${3:-bench/chunks.log}
checkpoint="$(dirname "$out")/.$(basename "$out").checkpoint"
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
while [ -f "$checkpoint/checkpoint.json" ]; do
  cmd="maskthefer train --resume $out --max-minutes $minutes"
  t0=$(date +%s)
  $cmd || exit 1
  python - "$out" "$checkpoint" "$cmd" "$cpu" "$(( ($(date +%s) - t0) / 60 ))" >> "$log" <<'PY'
import json, sys, time
from pathlib import Path
out, ckpt, cmd, cpu, mins = sys.argv[1:]
f = Path(ckpt)/'checkpoint.json'
rec = json.loads((f if f.exists() else Path(out)/'train.json').read_text())
rows = rec['history'][1:] if 'history' in rec else None
done = rec.get('epochs_done', rec.get('epochs'))
best = max(float(r.split(',')[3]) for r in rows) if rows else rec['best_valid_accuracy']
print(f"| {time.strftime('%Y-%m-%d %H:%M')} | {cpu}, 2 cores | `{cmd}` | {mins} min | {done} of {rec['options']['epochs'] if 'options' in rec else rec['epochs']} | {best:.4f} |")
PY
done
echo "complete: $out"
