"""De-duplication on the full data: wall time of the `maskthefer dedup` command (cold start included) and its report.

Usage: python bench/bench_dedup.py [DATA]   (DATA defaults to env MASKTHEFER_DATA, then ../shared/data)
"""
import json, os, subprocess, sys, tempfile, time
from pathlib import Path

data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('MASKTHEFER_DATA', '../shared/data')
for ds in ('fer2013', 'ck'):
    out = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    subprocess.run(['maskthefer', 'dedup', '--dataset', ds, '--data', data, '--out', str(out)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    secs = time.perf_counter() - t
    rep = json.loads((out/'dedup_report.json').read_text())
    keys = ['images', 'groups', 'redundant', 'cross_split_groups', 'conflicting_groups', 'near_blank', 'kept', 'dropped']
    print(f"{ds}: {secs:.1f} s on {os.cpu_count()} cores; " + ', '.join(f'{k} {rep[k]}' for k in keys))
    print(f"  dropped by reason: {rep['dropped_by_reason']}")
