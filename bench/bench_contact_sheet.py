"""Issue 29, item 1 (real measurement): contact sheets of `predict`'s eye points on real masked faces, to count by eye.

Usage: python bench/bench_contact_sheet.py [--masks ../shared/masks] [--n 125] [--seed 0] [--out /tmp/runs/contact]
A seeded random `--n` of the real images in `--masks`/with_mask. On each, `find_faces` (`predict`'s path: BlazeFace,
then `points` until its eyes settle) keeps its faces; the largest is drawn cut square around its box with its 12 eye landmarks (green)
and eye centres (red), numbered (in grey with "no reading" where `predict` finds its eyes unsettled, `eye_shift` ≥
`EYES_FOUND_SHIFT`, or too close together for the eye model: `gets_reading`, as for a masked face), 25 to a sheet (`sheet_*.png`); `faces.csv` lists number, file, whether a face was found, its IOD,
`eye_shift`, whether `predict` reads it and its eye centres (x, y of each eye, photo pixels: to compare two runs). The sheets show images that are not ours to publish: they stay in `--out` (outside the repo) and
only the counts made from them go into RESULTS.md.
"""
import argparse
from pathlib import Path
import cv2, numpy as np, pandas as pd
from maskthefer.detect import read_photo, eye_centres, find_faces
from maskthefer.predict import gets_reading, readable_sizes
from maskthefer.runtime import shipped_classifiers
from maskthefer.maskdetect import mask_images, largest_face

TILE, PER_ROW, PER_SHEET = 200, 5, 25

def tile(path, number: int) -> tuple:
    "`(image, row)`: the main face of `path` cut square around its box (the whole image where none is found) with its eye points drawn, numbered."
    rgb = read_photo(path)
    found = largest_face(find_faces(rgb))
    h, w = rgb.shape[:2]
    if found is None: x0, y0, side, row = 0, 0, max(h, w), dict(found=False, iod=np.nan, eye_shift=np.nan, read=False, eyes=None)
    else:
        (x0, y0, x1, y1), points = found[0].box, found[1].points
        side = int(max(x1 - x0, y1 - y0)*1.4); cx, cy = (x0 + x1)/2, (y0 + y1)/2
        x0, y0 = int(cx - side/2), int(cy - side/2)
        eyes = eye_centres(points)
        shift = float(found[1].eye_shift)
        row = dict(found=True, iod=float(np.linalg.norm(eyes[1] - eyes[0])), eye_shift=shift, read=gets_reading(found[1], 1., readable_sizes(shipped_classifiers())),
                   eyes=np.round(eyes, 1).ravel().tolist())
    k = TILE/side
    M = np.float32([[k, 0, -x0*k], [0, k, -y0*k]])
    img = cv2.warpAffine(np.ascontiguousarray(rgb[..., ::-1]), M, (TILE, TILE), borderValue=(40, 40, 40))
    if found is not None:
        for p in points[36:48]: cv2.circle(img, tuple(int(v) for v in p*k - [x0*k, y0*k]), 2, (0, 255, 0), -1)
        for p in eyes: cv2.circle(img, tuple(int(v) for v in p*k - [x0*k, y0*k]), 3, (0, 0, 255), -1)
    label, colour = (str(number), (0, 255, 255)) if row['read'] or not row['found'] else (f'{number} no reading', (180, 180, 180))
    cv2.putText(img, label, (4, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.6, colour, 2)
    return img, dict(number=number, file=Path(path).name, **row)

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--masks', default='../shared/masks'); a.add_argument('--n', type=int, default=125)
    a.add_argument('--seed', type=int, default=0); a.add_argument('--out', default='/tmp/runs/contact')
    args = a.parse_args()
    real = mask_images(args.masks)
    files = sorted(real.path[real.label.eq('masked')])
    files = [files[i] for i in np.random.default_rng(args.seed).choice(len(files), min(args.n, len(files)), replace=False)]
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    tiles, rows = zip(*(tile(f, i) for i, f in enumerate(files)))
    blank = np.zeros_like(tiles[0])
    for s in range(0, len(tiles), PER_SHEET):
        page = list(tiles[s:s + PER_SHEET]); page += [blank]*(-len(page) % PER_ROW)
        grid = np.vstack([np.hstack(page[r:r + PER_ROW]) for r in range(0, len(page), PER_ROW)])
        cv2.imwrite(str(out/f'sheet_{s//PER_SHEET}.png'), grid)
    df = pd.DataFrame(rows)
    df.to_csv(out/'faces.csv', index=False)
    print(f"{len(df)} images, a face found in {int(df.found.sum())}, read in {int(df.read.sum())}; sheets in {out}")
