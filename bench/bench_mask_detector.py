"""The mask detector on held-out real faces, and the expression accuracy of each route on FER2013 PrivateTest.

    python bench/bench_mask_detector.py --data outputs/maskdet --model mask --prepared outputs/fer2013 --routes

With a freshly trained detector: ship it to a scratch folder first (`ship_model(trained, 'mask', dest=...)`), pass
that folder as `--model` and `--metrics_out trained/metrics_valid.json`; then `ship_model(trained, 'mask',
thresholds=...)` ships the thresholds and the metrics. The thresholds are picked on the real validation faces
(specificity 0.98), so the rates at them are measured on the faces that chose them.

`--data` is the folder `build_mask_data` wrote (its validation split: real faces of people and photos the detector
never saw); `--prepared` a prepared FER2013 folder, whose PrivateTest faces are read bare and in our masks through
`predict`'s own path (landmarks found on the face as given). Prints markdown tables for bench/RESULTS.md."""
import argparse, json, time
from pathlib import Path
import numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.maskdetect import detector_metrics, face_readings, route_accuracy
from maskthefer.core import save_json, weights_digest
from maskthefer.runtime import load_classifier, shipped_classifiers

def markdown(df: pd.DataFrame, index=False) -> str:
    "A markdown table (pandas' `to_markdown` needs tabulate, which the project does not install)."
    df = df.reset_index() if index else df
    rows = [list(map(str, df.columns)), ['---']*len(df.columns), *[[str(v) for v in r] for r in df.itertuples(index=False)]]
    return '\n'.join('| ' + ' | '.join(r) + ' |' for r in rows)

def _readings(path): return face_readings(path)

def route_table(prepared, thresholds, n_workers=2, limit=None):
    "Accuracy of each route on PrivateTest in our masks and bare, and the share of each called masked."
    df = pd.read_csv(Path(prepared)/'manifest.csv', keep_default_na=False)
    test = df[df.split.eq('private_test') & df.status.eq('ok')]
    if limit: test = test.head(limit)
    vocab = shipped_classifiers()['eyes'].vocab
    routes, called = {}, {}
    for name, col in (('our masks', 'masked_path'), ('bare', 'path')):
        readings = list(parallel(_readings, list(test[col]), n_workers=n_workers, chunksize=64))
        routes[name] = route_accuracy(readings, test.label, thresholds, vocab)
        called[name] = round(float(np.mean([r is not None and r['p_mask'] >= thresholds['masked'] for r in readings])), 4)
    table = pd.DataFrame(routes)
    table['mean of both'] = table.mean(1)
    return table.round(4), called

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--data', default='outputs/maskdet'); a.add_argument('--model', default='mask')
    a.add_argument('--prepared', default='outputs/fer2013'); a.add_argument('--limit', type=int)
    a.add_argument('--routes', action='store_true', help='also score the routes on PrivateTest (slow: ~4 min)')
    a.add_argument('--metrics_out', help='write the metrics and the thresholds picked on the real validation faces here (JSON)')
    args = a.parse_args()
    t0 = time.time()
    detector = load_classifier(args.model)
    m = detector_metrics(args.data, args.model, detector.record.get('thresholds'))
    m['weights_digest'] = weights_digest(detector.net.w)  # `ship_model` ships these metrics only with these weights
    print(markdown(pd.DataFrame(m['rates']))); print(markdown(pd.DataFrame(m['reliability']))); print('thresholds', json.dumps(m['thresholds']))
    if args.metrics_out: save_json(m, args.metrics_out)
    if args.routes:
        routes, called = route_table(args.prepared, m['thresholds'], limit=args.limit)
        print(markdown(routes, index=True)); print('called masked (share of PrivateTest faces):', called)
    print(f'{time.time() - t0:.0f} s')
