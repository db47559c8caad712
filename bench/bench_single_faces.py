"""Issue 29, item 3 (measurement): do real faces survive detection and the false-face gate?

Usage: python bench/bench_single_faces.py [--masks ../shared/masks] [--n 300] [--seed 0]
Real single-face images (`../shared/masks/with_mask` and `without_mask`, mostly tight crops of one face, colour): a
random `--n` of each. For each image, as it is: faces detected (`detect_faces`, before the gate) and kept
(`find_faces`, after `likely_face`; an image of at most 160 px with no face detected counts as one face crop, as
`predict` reads it). Then the same face made small, as in a crowd: the image scaled so that its width is 20, 30, 40
or 60 px and pasted in the middle of a 400×400 canvas of its own mean colour, where no crop fallback applies.
Counts only: the images are not ours to publish.
"""
import argparse, time
from pathlib import Path
import cv2, numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.detect import read_photo, detect_faces, find_faces

SIZES = (20, 30, 40, 60)

def small(rgb: np.ndarray, width: int, canvas: int = 400, replicate: bool = False) -> np.ndarray:
    "`rgb` scaled to `width` px wide (at most `canvas` tall) in the middle of a `canvas`² image of its mean colour, or of its edges replicated outwards (`replicate`)."
    h, w = rgb.shape[:2]
    s = cv2.resize(rgb, (width, min(canvas, max(1, round(h*width/w)))), interpolation=cv2.INTER_AREA)
    t, l = (canvas - s.shape[0])//2, (canvas - width)//2
    pads = (t, canvas - s.shape[0] - t, l, canvas - width - l)
    if replicate: return cv2.copyMakeBorder(s, *pads, cv2.BORDER_REPLICATE)
    return cv2.copyMakeBorder(s, *pads, cv2.BORDER_CONSTANT, value=rgb.reshape(-1, 3).mean(0).astype(np.uint8).tolist())

def counts(path) -> dict:
    "Faces detected and kept in the image at `path` as it is, and kept in its small copies."
    try: rgb = read_photo(path)
    except Exception: return None
    r = dict(detected=len(detect_faces(rgb)), kept=len(find_faces(rgb)))
    for s in SIZES:
        img = small(rgb, s)
        r[f'detected_{s}px'], r[f'kept_{s}px'] = len(detect_faces(img)), len(find_faces(img))
    return r

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--masks', default='../shared/masks'); a.add_argument('--n', type=int, default=300)
    a.add_argument('--seed', type=int, default=0)
    args = a.parse_args()
    t0, rows = time.time(), []
    for label in ('with_mask', 'without_mask'):
        files = sorted(p for p in Path(args.masks, label).iterdir() if p.suffix.lower() in ('.jpg', '.jpeg', '.png'))
        files = list(np.random.default_rng(args.seed).choice(files, min(args.n, len(files)), replace=False))
        got = [r for r in parallel(counts, files, n_workers=2, method='spawn', chunksize=8) if r is not None]
        df = pd.DataFrame(got)
        row = dict(images=label, n=len(df), **{k: round(float((df[k] >= 1).mean()), 4) for k in df.columns})
        rows.append(row)
    table = pd.DataFrame(rows).set_index('images').T
    print('share of images with at least one face, detected (before the gate) and kept (after it):')
    print('\n'.join('| ' + ' | '.join(map(str, r)) + ' |' for r in [['', *table.columns], ['---']*(len(table.columns) + 1),
                                                                     *[[i, *v] for i, v in zip(table.index, table.values.tolist())]]))
    print(f'{time.time() - t0:.0f} s')
