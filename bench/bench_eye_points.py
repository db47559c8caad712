"""Issue 29, item 1 (automatic measurement): are `predict`'s eye points on the eyes of a masked face?

Usage: python bench/bench_eye_points.py [--masks ../shared/masks] [--n 150] [--seed 0]
Real unmasked colour faces: a seeded random `--n` of the bare faces in the mask detector's validation split of
`--masks` (`split_groups`), which the `points` network never trained on. On each, dlib's fit from BlazeFace's eyes,
twice (`bare_landmarks`: `predict`'s landmarks before `points`) gives the truth. Then masks of every kind are drawn
on with those landmarks (`mask_face`: dark and patterned cloth, KN95 with a valve, a gaiter pulled up like a
balaclava, a surgical mask worn low, ...; and `none`, the bare face) and `find_faces` runs again on the masked photo.
Error: the larger of the two eye centres' distances to the truth, in inter-ocular distances (IOD); a masked face not
found counts as a miss. Eye centres from each of `EYE_SOURCES`; `disagreement`: how far `predict`'s eyes are from
BlazeFace's eye keypoints; `read`: `predict` gives the face a reading (`gets_reading`: its eyes were found, `eye_shift` <
`EYES_FOUND_SHIFT`, and are far enough apart for the eye model, or for a bare face the whole-face model), and `within_025_read` is the share of those read with both eyes within 0.25 IOD. `--half a|b` takes one
of two fixed random halves of the held-out bare faces (the threshold was picked on `a`). Counts only: the photos are
not ours to publish.
"""
import argparse, time
from pathlib import Path
import numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.landmarks import to_gray
from maskthefer.detect import read_photo, find_faces, eye_centres, net_landmarks
from maskthefer.predict import gets_reading, readable_sizes
from maskthefer.runtime import shipped_classifiers
from maskthefer.mask import mask_face
from maskthefer.maskdetect import mask_images, source_groups, split_groups, largest_face
from maskthefer.eyepoints import bare_landmarks, dlib_eyes

# name -> mask_face options (kind, colour, pattern, valve, how it is worn)
MASKS = {'surgical blue': dict(kind='surgical', color='blue'),
         'cloth black': dict(kind='cloth', color='black', pattern='plain'),
         'cloth navy print': dict(kind='cloth', color='navy', pattern='print'),
         'cloth red floral': dict(kind='cloth', color='red', pattern='floral'),
         'kn95 white valve': dict(kind='kn95', color='white', valve=True),
         'respirator grey valve': dict(kind='respirator', color='grey', valve=True),
         'gaiter black (balaclava-like)': dict(kind='gaiter', color='black', position='high'),
         'surgical worn low': dict(kind='surgical', color='blue', position='low'),
         'n95 black': dict(kind='n95', color='black'),
         'none': None}
SIZES = (0, 30, 60, 10_000)  # IOD buckets in px
AGREED = 0.15  # IOD: a truth is doubtful where `predict`'s eyes on the bare face lie further from it (two landmarkers disagree)

# where the eye centres of a found face come from: name -> f(gray, detection, landmarks) -> (2, 2) eye centres
EYE_SOURCES = {'predict (points, from BlazeFace eyes, until settled: 2 to 8 passes, checked by restarts after 3)': lambda gray, det, lm: eye_centres(lm.points),
               'dlib from BlazeFace eyes, twice (predict before)': lambda gray, det, lm: dlib_eyes(gray, det),
               'BlazeFace eye keypoints': lambda gray, det, lm: det.eyes if det.eyes is not None else eye_centres(lm.points),
               'points, one pass': lambda gray, det, lm: eye_centres(net_landmarks(gray, det.eyes)) if det.eyes is not None else eye_centres(lm.points),
               'points, one pass more than predict': lambda gray, det, lm: eye_centres(net_landmarks(gray, eye_centres(lm.points)))}

def eye_errors(path, seed: int = 0) -> list:
    "Rows (mask, iod, error) for the photo at `path`: each mask of `MASKS` drawn on its main face; [] if no face."
    rgb = read_photo(path)
    points = bare_landmarks(rgb)
    if points is None: return []
    truth = eye_centres(points)
    iod = float(np.linalg.norm(truth[1] - truth[0]))
    rows = []
    for i, (name, opts) in enumerate(MASKS.items()):
        try: masked = mask_face(rgb, points, seed=seed + i, **opts)[0] if opts else rgb
        except ValueError: continue  # a shape the landmarks cannot carry (e.g. a turned face worn low)
        found, gray = largest_face(find_faces(masked)), to_gray(masked)
        fit, keys = (None, None) if found is None else (eye_centres(found[1].points), found[0].eyes)
        agree = np.nan if keys is None else float(np.linalg.norm(fit - keys, axis=1).max()/np.linalg.norm(fit[1] - fit[0]))
        read = found is not None and gets_reading(found[1], 1. if opts else 0., readable_sizes(shipped_classifiers()))  # a masked face leans on the eye model, a bare one on the whole face
        for source, eyes in EYE_SOURCES.items():
            err = np.inf if found is None else float(np.linalg.norm(eyes(gray, *found) - truth, axis=1).max()/iod)
            rows.append(dict(file=Path(path).name, mask=name, source=source, iod=iod, error=err, disagreement=agree, read=read))
    return rows

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--masks', default='../shared/masks'); a.add_argument('--n', type=int, default=150)
    a.add_argument('--seed', type=int, default=0); a.add_argument('--workers', type=int, default=2)
    a.add_argument('--half', choices=['a', 'b'], help='one of two fixed random halves of the held-out bare faces instead of --n of them')
    a.add_argument('--out', help='CSV of every masked face (file, mask, eye source, IOD, error, disagreement)')
    args = a.parse_args()
    t = time.perf_counter()
    real = mask_images(args.masks)
    real['split'] = split_groups(source_groups(real), real.label)
    files = sorted(real.path[real.label.eq('unmasked') & real.split.eq('valid')])
    if args.half: files = [files[i] for i in np.array_split(np.random.default_rng(0).permutation(len(files)), 2)['ab'.index(args.half)]]
    else: files = [files[i] for i in np.random.default_rng(args.seed).choice(len(files), min(args.n, len(files)), replace=False)]
    rows = parallel(eye_errors, files, seed=args.seed, n_workers=args.workers, threadpool=False)
    df = pd.DataFrame([r for rs in rows for r in rs])
    print(f"{len(files)} photos, a face found unmasked in {df.file.nunique()}; {time.perf_counter() - t:.0f} s")
    if args.out: df.to_csv(args.out, index=False)
    df['size'] = pd.cut(df.iod, SIZES, labels=[f'IOD < {SIZES[1]} px', f'{SIZES[1]}-{SIZES[2]} px', f'>= {SIZES[2]} px'])
    summary = lambda g: pd.Series(dict(n=len(g), found=np.isfinite(g.error).mean(), within_025=(g.error < 0.25).mean(),
                                       median=g.error.median(), read=g.read.mean(), within_025_read=(g.error[g.read] < 0.25).mean()))
    for source, d in df.groupby('source', sort=False):
        print(f"\n## eye centres: {source}\nby mask\n" + d.groupby('mask', sort=False).apply(summary).round(3).to_string())
        print("by face size\n" + d.groupby('size', observed=True).apply(summary).round(3).to_string())
        m = d[d['mask'].ne('none')]
        print(f"all masked: {(m.error < 0.25).mean():.4f} of {len(m)} masked faces within 0.25 IOD; "
              f"read {m.read.mean():.4f}, of them {(m.error[m.read] < 0.25).mean():.4f} within 0.25 IOD")
    # the truth is dlib's fit on the bare face: where `predict` on that bare face lands elsewhere, one of them is wrong
    d = df[df.source.eq(next(iter(EYE_SOURCES)))]
    bare = d[d['mask'].eq('none')].set_index('file').error
    agreed = d[d.file.map(bare).lt(AGREED) & d['mask'].ne('none')]
    print(f"\n## predict's eye centres on the faces whose truth `predict` agrees with unmasked (< {AGREED} IOD): "
          f"{agreed.file.nunique()} of {d.file.nunique()} faces\nby mask\n" + agreed.groupby('mask', sort=False).apply(summary).round(3).to_string())
