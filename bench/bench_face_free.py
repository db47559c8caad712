"""Issue 29, item 3: false faces on images with no face in them.

Usage: python bench/bench_face_free.py [--n 200] [--seed 0]
`../shared` holds no photo without a face, so the face-free images are scikit-learn's two sample photos (a temple,
a flower: `sklearn.datasets.load_sample_images`, installed with fastai) cut into `--n` random crops of 48–480 px a
side, any aspect between 1:2 and 2:1, plus 40 synthetic images (uniform, gradients, noise, stripes, checkers) of the
same sizes. For each: faces detected (`detect_faces`, before the false-face gate) and kept (`predict`, after it;
an image of at most 160 px is also read as one face crop, and `predict` keeps that reading where no face was kept or
its eyes are surer: such images are counted apart, as read as a face crop), which
passes saw what was kept, and how many false faces `predict` reads (`read`: eyes found, face not too small) and reads as masked (the mask
detector's threshold): the ones that reach a user as an expression. Prints a markdown table for bench/RESULTS.md.
"""
import argparse, time
from collections import Counter
import cv2, numpy as np, pandas as pd
from sklearn.datasets import load_sample_images
from maskthefer.detect import detect_faces, FACE_CROP_SIDE
from maskthefer.predict import predict
from bench_mask_detector import markdown

def crops(n: int, rng) -> list:
    "`n` random crops of the two sample photos, 48–480 px a side."
    photos, out = load_sample_images().images, []
    for _ in range(n):
        img = photos[rng.integers(len(photos))]
        w = int(rng.integers(48, 481)); h = int(np.clip(w*2**rng.uniform(-1, 1), 48, 480))
        s = min(1., img.shape[1]/w, img.shape[0]/h)  # a crop wider than the photo is cut from a shrunk copy instead
        src = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else img
        w, h = min(w, src.shape[1]), min(h, src.shape[0])
        x, y = rng.integers(src.shape[1] - w + 1), rng.integers(src.shape[0] - h + 1)
        out.append(np.ascontiguousarray(src[y:y + h, x:x + w]))
    return out

def synthetic(rng) -> list:
    "40 synthetic face-free images: uniform, gradients, noise, stripes and checkers, 48–480 px."
    out = []
    for i in range(40):
        h, w = (int(v) for v in rng.integers(48, 481, 2))
        yy, xx = np.mgrid[:h, :w]
        kind = i % 5
        g = [np.full((h, w), rng.integers(256)), 255*xx/w, rng.integers(0, 256, (h, w)),
             255*((yy//max(2, h//int(rng.integers(2, 12))))%2), 255*((xx//16 + yy//16)%2)][kind]
        out.append(np.stack([g.astype(np.uint8)]*3, -1))
    return out

def counts(img: np.ndarray) -> dict:
    det, kept = detect_faces(img), predict(img)
    crop_read = any(f['score'] == 0 for f in kept)  # `crop_face`'s reading: no detector score
    passes = {round(d.score, 3): '+'.join(d.passes) for d in det}
    read = [f for f in kept if f['read']]
    return dict(detected=len(det), kept=0 if crop_read else len(kept), crop_read=crop_read,
                passes=[] if crop_read else [passes.get(f['score'], '?') for f in kept],
                read=len(read), read_masked=sum(f['masked'] for f in read))

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--n', type=int, default=200); a.add_argument('--seed', type=int, default=0)
    args = a.parse_args()
    t0, rng = time.time(), np.random.default_rng(args.seed)
    sets = {'photo crops': crops(args.n, rng), 'synthetic': synthetic(rng)}
    rows = []
    for name, imgs in sets.items():
        r = [counts(i) for i in imgs]
        rows.append({'images': name, 'n': len(r), 'with a detection': sum(x['detected'] > 0 for x in r),
                     'with a face kept': sum(x['kept'] > 0 for x in r), 'faces kept': sum(x['kept'] for x in r),
                     'kept, by passes': dict(Counter(p for x in r for p in x['passes'])),
                     'read as a face crop (≤ 160 px)': sum(x['crop_read'] for x in r),
                     'false faces read (crop readings too)': sum(x['read'] for x in r), 'of them called masked': sum(x['read_masked'] for x in r)})
    print(markdown(pd.DataFrame(rows)))
    print(f'{time.time() - t0:.0f} s')
