"""How far are the landmarks `predict` finds on a masked face from those of the unmasked face, what does it cost the
eyes model, and which mask-robust fix closes the gap? (issue 13)

On the PrivateTest faces of a prepared FER2013 folder, with our masks (`masked_path` images), per landmark source:
- error relative to the landmarks prepare found on the UNMASKED face (`load_landmarks`), in inter-ocular distances
  (IOD of the unmasked landmarks; eye centres = mean of points 36–41 and 42–47): eye centres, points 17–47, all 68;
- accuracy of the shipped `eyes` model on crops cut as `predict` cuts them (`align_face` → `crop_eyes` on the aligned
  face and points) and as `prepare` cuts them (`crop_eyes` on the image with the points), next to the privileged
  number (the `crop_path` files: prepare's crop with the unmasked landmarks).
Sources: (a) `find_face_landmarks` (HOG on the 96-px upscale, else the full-frame box), (b) full-frame fit only,
(c) `predict`'s `find_faces` (BlazeFace → eyes → `photo_landmarks`; largest face if several), (d) the same on the
unmasked image (how much of the error is the mask), and fixes (`FIXES`) applied to (a)–(c).

    python bench/bench_mask_landmarks.py --prepared /tmp/fer [--split private_test] [--limit 300] [--seed 0]
"""
import argparse, hashlib, sys, time, warnings
from pathlib import Path
import numpy as np
import pandas as pd
from maskthefer.core import read_image
from maskthefer.crop import crop_eyes, eye_band
from maskthefer.landmarks import find_face_landmarks, fit_landmarks, frame_box, mean_shape, _upscaled
from maskthefer.detect import align_face, eye_centres, find_faces, landmarks_from_eyes, quiet_native_logs, similarity
from maskthefer.runtime import load_classifier
from maskthefer.prepare import load_landmarks

# ---------------------------------------------------------------- landmark sources: gray image → (points, tag)
def hog_or_frame(gray):
    "(a) `find_face_landmarks` as is: HOG box on the 96-px upscale, else the full-frame box."
    lm = find_face_landmarks(gray)
    return lm.points, lm.source

def full_frame(gray):
    "(b) the full-frame fit only (`detect=False`)."
    return find_face_landmarks(gray, detect=False).points, 'full-frame'

def predict_path(gray):
    "(c) `predict`'s `find_faces` on the image as RGB; the largest face if several. Tag: detector, and none/several."
    with quiet_native_logs(): found = find_faces(np.stack([gray]*3, -1))
    if not found: return None, 'none at all'
    det, lm = max(found, key=lambda f: (f[0].box[2] - f[0].box[0])*(f[0].box[3] - f[0].box[1]))
    n = 0 if det.detector in ('detector', 'full-frame') else len(found)  # find_faces' face-crop fallback: nothing detected
    return lm.points, f"{det.detector} ({'none detected' if n == 0 else 'one face' if n == 1 else 'several'})"

SOURCES = {'a hog|frame': hog_or_frame, 'b full-frame': full_frame, 'c find_faces': predict_path}

# ---------------------------------------------------------------- fixes: (gray, points) → points
LOWER = np.r_[0:17, 48:68]
UPPER = np.r_[17:48]
BROWS_EYES = np.r_[17:27, 36:48]

def upper_face(points, fit=UPPER, keep=UPPER):
    "Points `keep` as found; every other point from dlib's mean face, placed by a similarity fitted on points `fit`."
    m = mean_shape()
    M = similarity(m[fit], points[fit])
    out = (np.c_[m, np.ones(68)] @ M.T).astype(np.float32)
    out[keep] = points[keep]
    return out

def eye_refit(gray, points):
    "dlib refitted in the box `EYE_BOX` derives from the eye centres of `points` (what `photo_landmarks` does with BlazeFace's eyes)."
    return landmarks_from_eyes(gray, eye_centres(points))

FLIP = np.r_[16:-1:-1, 26:16:-1, 27:31, 35:30:-1, 45:41:-1, 47, 46, 39:35:-1, 41, 40,
             54:47:-1, 59:54:-1, 64:59:-1, 67:64:-1]  # the index of each point's mirror image in dlib's 68

def flip_average(gray, points):
    "Mean of the full-frame fit and the mirrored image's full-frame fit (mirrored back): halves the fit's own noise."
    big, up = _upscaled(gray, 96)
    l, t, r, b = frame_box(big.shape)
    w = big.shape[1]
    mirrored = fit_landmarks(np.ascontiguousarray(big[:, ::-1]), (w - r, t, w - l, b))
    mirrored[:, 0] = w - 1 - mirrored[:, 0]
    back = (mirrored[FLIP] + 0.5)/up - 0.5
    return (points + back)/2

FIXES = {
    'upper17-47': lambda g, p: upper_face(p),
    'brows+eyes': lambda g, p: upper_face(p, BROWS_EYES, BROWS_EYES),
    'eye-refit': eye_refit,
    'eye-refit+upper17-47': lambda g, p: upper_face(eye_refit(g, p)),
    'eye-refit+brows+eyes': lambda g, p: upper_face(eye_refit(g, p), BROWS_EYES, BROWS_EYES),
}
FLIP_FIXES = {  # only on the full-frame fit: the mirrored fit uses the same box
    'flip': flip_average,
    'flip+upper17-47': lambda g, p: upper_face(flip_average(g, p)),
}

# ---------------------------------------------------------------- measures
def errors(points, ref):
    "Eye-centre, 17–47, all-68 and eye-band-corner (`eye_band`: the crop's geometry) errors of `points`, in IODs of `ref` (NaN without points)."
    if points is None: return np.full(4, np.nan)
    iod = np.linalg.norm(ref[36:42].mean(0) - ref[42:48].mean(0))
    d = np.linalg.norm(points - ref, axis=1)
    return np.array([np.linalg.norm(eye_centres(points) - eye_centres(ref), axis=1).mean(), d[17:48].mean(), d.mean(),
                     np.linalg.norm(eye_band(points) - eye_band(ref), axis=1).mean()])/iod

def paired_gap(correct, base) -> str:
    "Accuracy minus the privileged accuracy on the same faces, ± the 95% half-width of the paired difference."
    d = correct.astype(float) - base
    return f"{d.mean():+.4f} ± {1.96*d.std(ddof=1)/np.sqrt(len(d)):.4f}"

def crops(masked, points):
    "(predict's crop, prepare's crop) of the masked face with `points`; `None` without points."
    if points is None: return None, None
    return crop_eyes(*align_face(masked, points)), crop_eyes(masked, points)

class CachedClassifier:
    "The eyes model, each distinct crop classified once (many variants cut the same crop)."
    def __init__(self, clf): self.clf, self.cache, self.seconds, self.n = clf, {}, 0., 0
    def predict(self, images) -> np.ndarray:
        keys = [None if im is None else hashlib.blake2b(im.tobytes(), digest_size=12).digest() for im in images]
        todo = list({k: im for k, im in zip(keys, images) if k is not None and k not in self.cache}.items())
        t = time.perf_counter()
        for i in range(0, len(todo), 256):
            batch = todo[i:i+256]
            for (k, _), p in zip(batch, self.clf([im for _, im in batch]).argmax(1)): self.cache[k] = int(p)
        self.seconds, self.n = self.seconds + time.perf_counter() - t, self.n + len(todo)
        return np.array([-1 if k is None else self.cache[k] for k in keys])

# ---------------------------------------------------------------- run
def main(a):
    warnings.simplefilter('ignore')
    df = pd.read_csv(Path(a.prepared)/'manifest.csv', keep_default_na=False)
    df = df[df.split.eq(a.split) & df.status.eq('ok')]
    if df.empty: sys.exit(f"no faces with status ok in split {a.split!r}: splits are {sorted(set(df.split))}")
    if a.limit: df = df.sample(min(a.limit, len(df)), random_state=a.seed)
    refs = load_landmarks(a.prepared)
    clf = CachedClassifier(load_classifier('eyes'))
    y = np.array([clf.clf.vocab.index(l) for l in df.label])
    variants = {}  # name → dict(points=[...], tags=[...], ms=[...])
    def add(name, points, tag, ms):
        v = variants.setdefault(name, dict(points=[], tags=[], ms=[]))
        v['points'].append(points); v['tags'].append(tag); v['ms'].append(ms)
    t_all, masked_imgs, ref_pts, files = time.perf_counter(), [], [], []
    for i, r in enumerate(df.itertuples()):
        masked, raw, ref = read_image(r.masked_path), read_image(r.path), refs[r.path]
        masked_imgs.append(masked); ref_pts.append(ref); files.append(read_image(r.crop_path))
        add('unmasked landmarks (privileged)', ref, '', 0.)
        add('unmasked landmarks + upper17-47', upper_face(ref), '', 0.)
        for img_name, gray in (('masked', masked), ('unmasked', raw)):
            for s, src in SOURCES.items():
                t = time.perf_counter()
                try: pts, tag = src(gray)
                except ValueError as e: pts, tag = None, f'failed: {e}'
                ms = (time.perf_counter() - t)*1e3
                add(f'{img_name} {s}', pts, tag, ms)
                if img_name == 'unmasked': continue
                fixes = {**FIXES, **(FLIP_FIXES if s == 'b full-frame' else {})}
                for f, fix in fixes.items():
                    t = time.perf_counter()
                    fixed = None if pts is None else fix(gray, pts)
                    add(f'{img_name} {s} + {f}', fixed, tag, ms + (time.perf_counter() - t)*1e3)
        if (i + 1) % 250 == 0: print(f'{i + 1}/{len(df)} faces, {time.perf_counter() - t_all:.0f} s', file=sys.stderr, flush=True)
    t_landmarks = time.perf_counter() - t_all

    rows, t_crop = [], 0.
    right_files = clf.predict(files) == y
    acc_files = right_files.mean()
    for name, v in variants.items():
        err = np.array([errors(p, ref) for p, ref in zip(v['points'], ref_pts)])
        t = time.perf_counter()
        cut = [crops(m, p) for m, p in zip(masked_imgs, v['points'])]
        t_crop += time.perf_counter() - t
        right = [clf.predict([c[k] for c in cut]) == y for k in (0, 1)]  # no points: -1, wrong
        if name == 'unmasked landmarks (privileged)': right[1] = right_files  # the crop_path files themselves
        acc = [x.mean() for x in right]
        ok = np.isfinite(err[:, 0])
        rows.append(dict(source=name, faces=int(ok.sum()), eye_mean=np.nanmean(err[:, 0]), eye_median=np.nanmedian(err[:, 0]),
                         upper_mean=np.nanmean(err[:, 1]), all_mean=np.nanmean(err[:, 2]), band_mean=np.nanmean(err[:, 3]),
                         over_01=(err[ok, 0] > 0.1).mean(), acc_predict=acc[0], acc_prepare=acc[1],
                         gap_predict=paired_gap(right[0], right_files), gap_prepare=paired_gap(right[1], right_files),
                         ms=np.mean(v['ms'])))
    print(f"\n{len(df)} {a.split} faces of {a.prepared} (seed {a.seed}); errors in IODs of the unmasked-face landmarks; "
          f"accuracy of the shipped eyes model; faces without landmarks count as wrong\n")
    print('| source | faces | eye-centre err mean | median | 17–47 err mean | all-68 err mean | eye-band err mean | '
          'eye err > 0.1 IOD | acc predict-crop | acc prepare-crop | Δ predict-crop vs privileged | Δ prepare-crop vs privileged | '
          'landmarks ms/face |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for r in rows:
        print(f"| {r['source']} | {r['faces']} | {r['eye_mean']:.4f} | {r['eye_median']:.4f} | {r['upper_mean']:.4f} | "
              f"{r['all_mean']:.4f} | {r['band_mean']:.4f} | {r['over_01']:.3f} | {r['acc_predict']:.4f} | {r['acc_prepare']:.4f} | "
              f"{r['gap_predict']} | {r['gap_prepare']} | {r['ms']:.2f} |")
    print(f"\nprivileged accuracy from the crop_path files: {acc_files:.4f}")
    for name in ('masked a hog|frame', 'masked c find_faces', 'unmasked a hog|frame', 'unmasked c find_faces'):
        print(f"{name}: sources used {pd.Series(variants[name]['tags']).value_counts().to_dict()}")
    print(f"\nwall: landmarks of all variants {t_landmarks:.0f} s ({t_landmarks/len(df)*1e3:.0f} ms per face), "
          f"crops {t_crop:.0f} s, eyes model {clf.seconds:.0f} s for {clf.n} distinct crops "
          f"({clf.seconds/max(clf.n, 1)*1e3:.2f} ms each), total {time.perf_counter() - t_all:.0f} s")
    if a.csv: pd.DataFrame(rows).to_csv(a.csv, index=False)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--prepared', default='/tmp/fer', help='a folder `maskthefer prepare --dataset fer2013` wrote')
    p.add_argument('--split', default='private_test')
    p.add_argument('--limit', type=int, default=0, help='a random sample of this many faces (0: all)')
    p.add_argument('--seed', type=int, default=0, help='seed of the --limit sample')
    p.add_argument('--csv', help='also write the table here')
    main(p.parse_args())
