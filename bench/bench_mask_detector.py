"""The mask detector on held-out real faces (the policies that mix the expression models by its P(masked) are measured
on FER2013 PrivateTest by bench/bench_blend.py).

    python bench/bench_mask_detector.py --data outputs/maskdet --model mask

With a freshly trained detector: ship it to a scratch folder first (`ship_model(trained, 'mask', dest=...)`), pass
that folder as `--model` and `--metrics_out trained/metrics_valid.json`; then `ship_model(trained, 'mask',
thresholds=...)` ships the thresholds and the metrics. When `find_faces` frames the faces differently, rebuild the data
and pass `--pick` to pick the shipped detector's thresholds again (`update_record('mask', thresholds=...)` ships them). The thresholds are picked on the real validation faces
(specificity 0.98), so the rates at them are measured on the faces that chose them.

`--data` is the folder `build_mask_data` wrote (its validation split: real faces of people and photos the detector
never saw). Prints markdown tables for bench/RESULTS.md."""
import argparse, json, time
import pandas as pd
from maskthefer.maskdetect import detector_metrics
from maskthefer.core import save_json, weights_digest
from maskthefer.runtime import load_classifier

def markdown(df: pd.DataFrame, index=False) -> str:
    "A markdown table (pandas' `to_markdown` needs tabulate, which the project does not install)."
    df = df.reset_index() if index else df
    rows = [list(map(str, df.columns)), ['---']*len(df.columns), *[[str(v) for v in r] for r in df.itertuples(index=False)]]
    return '\n'.join('| ' + ' | '.join(r) + ' |' for r in rows)

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--data', default='outputs/maskdet'); a.add_argument('--model', default='mask')
    a.add_argument('--metrics_out', help='write the metrics and the thresholds picked on the real validation faces here (JSON)')
    a.add_argument('--pick', action='store_true', help="pick the thresholds again on these faces instead of using the detector's own (faces framed anew)")
    args = a.parse_args()
    t0 = time.time()
    detector = load_classifier(args.model)
    m = detector_metrics(args.data, args.model, None if args.pick else detector.record.get('thresholds'))
    m['weights_digest'] = weights_digest(detector.net.w)  # `ship_model` ships these metrics only with these weights
    print(markdown(pd.DataFrame(m['rates']))); print(markdown(pd.DataFrame(m['reliability']))); print('thresholds', json.dumps(m['thresholds']))
    if args.metrics_out: save_json(m, args.metrics_out)
    print(f'{time.time() - t0:.0f} s')
