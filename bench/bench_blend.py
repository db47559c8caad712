"""Issue 27: calibrate the eye and whole-face models, and choose how `predict` combines them by P(masked).

Every face is read through `predict`'s own path (`face_readings`: the face found and aligned, landmarks found on the
face as given, the mask detector and both expression models), from a prepared FER2013 folder:
- validation faces (the `valid` split: no shipped model trained on them), bare, in our masks (`masked_path`) and in
  the varied synthetic masks of `14_mask_detector` (`random_mask`: any kind, colour, pattern, position);
- PrivateTest faces, bare and in our masks.
Readings are cached in --cache (one .npz per set and chunk of 500), so a rerun resumes where it stopped.

Then: a temperature per model fitted on validation (the whole-face model on bare faces, the eye model on masked ones),
top-label ECE before/after; the `curve` policy fitted on validation (three sets weighted equally); every policy's
accuracy on validation and PrivateTest with the paired difference (± 95% bootstrap) against the route shipped before
(`cautious`). The default is the policy with the best mean validation accuracy. --ship writes the temperatures, the
curve and the default into the shipped models' records. Prints markdown for bench/RESULTS.md.
"""
import argparse, time
from pathlib import Path
import numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.core import read_image
from maskthefer.mask import random_mask
from maskthefer.prepare import load_landmarks
from maskthefer.maskdetect import face_readings
from maskthefer.calibrate import (fit_temperature, scaled, top_label, top_label_ece, reliability_curve, stack_readings,
                                  fit_weight_curve, fit_floor, policy_accuracy, paired_delta)
from maskthefer.predict import POLICIES, detector_params
from maskthefer.runtime import shipped_classifiers, update_record
from bench_mask_detector import markdown

def _varied(job):
    "A validation face in a varied synthetic mask (`random_mask`, seeded by its row), read as `predict` reads it."
    path, points, seed = job
    try: img = random_mask(read_image(path), points, seed)[0]
    except ValueError: return None  # landmarks too odd for a mask: no reading (counted wrong)
    return face_readings(img)

def _reading(job): return face_readings(job) if isinstance(job, str) else _varied(job)

def readings(name: str, jobs: list, labels, vocab: list, cache: Path, chunk: int = 500, n_workers: int = 2) -> dict:
    "`stack_readings` of `face_readings` over `jobs` with true `labels`, cached per chunk in `cache` (a rerun resumes)."
    parts = []
    for i in range(0, len(jobs), chunk):
        f = cache/f'{name}_{i//chunk:03d}_{len(jobs)}.npz'
        if not f.exists():
            t = time.time()
            got = parallel(_reading, jobs[i:i + chunk], n_workers=n_workers, method='spawn', chunksize=16)
            np.savez(f.with_suffix('.part.npz'), **stack_readings(got, labels[i:i + chunk], vocab))
            f.with_suffix('.part.npz').replace(f)
            print(f'{f.name}: {len(got)} faces in {time.time() - t:.0f} s', flush=True)
        with np.load(f) as z: parts.append({k: z[k] for k in z.files})
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}

def face_sets(prepared) -> dict:
    "The jobs and true labels of each set: `(jobs, labels)` by name."
    df = pd.read_csv(Path(prepared)/'manifest.csv', keep_default_na=False)
    ok = df[df.status.eq('ok')]
    valid, test = ok[ok.split.eq('valid')], ok[ok.split.eq('private_test')]
    points = load_landmarks(prepared)
    return {'valid bare': (list(valid.path), valid.label.to_numpy()),
            'valid our masks': (list(valid.masked_path), valid.label.to_numpy()),
            'valid varied masks': ([(p, points[p], i) for i, p in enumerate(valid.path)], valid.label.to_numpy()),
            'test bare': (list(test.path), test.label.to_numpy()),
            'test our masks': (list(test.masked_path), test.label.to_numpy())}

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--prepared', default='outputs/fer2013'); a.add_argument('--cache', default='outputs/blend_readings')
    a.add_argument('--sets', nargs='*', help='only read these sets (default: all), e.g. to run in chunks')
    a.add_argument('--ship', action='store_true', help="write the temperatures, the curve and the default policy into the shipped records")
    a.add_argument('--seed', type=int, default=0, help='seed of the bootstrap')
    args = a.parse_args()
    t0, cache = time.time(), Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    sets = face_sets(args.prepared)
    vocab = shipped_classifiers()['eyes'].vocab
    R = {}
    for name, (jobs, labels) in sets.items():
        if args.sets and name not in args.sets: continue
        R[name] = readings(name.replace(' ', '_'), jobs, labels, vocab, cache)
    if args.sets: raise SystemExit(f'read {list(R)} in {time.time() - t0:.0f} s')
    valid = [n for n in R if n.startswith('valid')]
    # temperatures: the face model on bare validation faces, the eye model on masked ones (what each is for)
    fit_on = {'face': ['valid bare'], 'eyes': ['valid our masks', 'valid varied masks']}
    T, ece = {}, []
    for m, names in fit_on.items():
        probs = np.concatenate([R[n][m][R[n]['found']] for n in names]); y = np.concatenate([R[n]['y'][R[n]['found']] for n in names])
        T[m] = fit_temperature(probs, y)
        for n in R:
            k = R[n]['found']
            ece.append(dict(model=m, faces=n, T=round(T[m], 3), ece_before=round(top_label_ece(R[n][m][k], R[n]['y'][k]), 4),
                            ece_after=round(top_label_ece(scaled(R[n][m][k], T[m]), R[n]['y'][k]), 4)))
    print('temperatures', T); print(markdown(pd.DataFrame(ece)))
    curves = []
    for m in ('eyes', 'face'):  # reliability before/after, on the faces each model is fitted for
        k = np.concatenate([R[n]['found'] for n in fit_on[m]])
        probs, y = np.concatenate([R[n][m] for n in fit_on[m]])[k], np.concatenate([R[n]['y'] for n in fit_on[m]])[k]
        for when, p in (('before', probs), ('after', scaled(probs, T[m]))):
            curves.append(reliability_curve(*top_label(p, y)).round(4).reset_index().assign(model=m, when=when))
    print(markdown(pd.concat(curves)))
    uncalibrated = {n: dict(R[n]) for n in R}
    for n in R:
        k = R[n]['found']
        for m in ('eyes', 'face'): R[n][m] = np.where(k[:, None], scaled(np.nan_to_num(R[n][m], nan=1.), T[m]), np.nan)
    curve = fit_weight_curve([R[n] for n in valid])
    floor = fit_floor([R[n] for n in valid])
    params = {**detector_params(shipped_classifiers()['mask']), 'curve': curve, 'floor': floor}
    print('curve', curve, 'floor', floor)
    blend_raw = pd.Series({n: policy_accuracy(uncalibrated[n], 'blend', params) for n in R})
    print('blend without temperatures:', blend_raw.round(4).to_dict())
    acc = pd.DataFrame({n: {p: policy_accuracy(R[n], p, params) for p in POLICIES} for n in R})
    acc = acc.assign(**{'valid mean': acc[valid].mean(1), 'test mean': acc[['test bare', 'test our masks']].mean(1)})
    default = acc['valid mean'].idxmax()
    print(markdown(acc.round(4), index=True)); print('default (best mean on validation):', default)
    delta = pd.DataFrame({n: {p: paired_delta(R[n], p, 'cautious', params, seed=args.seed) for p in POLICIES}
                          for n in ('test bare', 'test our masks')})
    print(markdown(delta, index=True))
    if args.ship:
        for m in ('eyes', 'face'): update_record(m, temperature=round(T[m], 4))
        update_record('mask', policy_params=dict(curve=[round(c, 4) for c in curve], floor=round(floor, 4)), default_policy=default)
        print('shipped: temperatures, curve, default policy', default)
    print(f'{time.time() - t0:.0f} s')
