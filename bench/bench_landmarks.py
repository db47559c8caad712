"""How much faster could the landmarks be, and at what cost? (issue 3: the ≤ 2-minute goal for FER2013)

dlib's 68-point predictor is 15 cascade levels of 500 regression trees. This truncates it to the first K trees of
each level (a valid dlib model file, parsed and rewritten from dlib's serialization format), then measures on N
FER2013 PrivateTest faces, as `find_face_landmarks` sees them (96-px upscale, HOG box or the full-frame box):
time per face and the mean distance of the 68 points from the full predictor's, in inter-ocular distances (IOD).
The yardstick: how far the full predictor's own points move when its box moves by 1 px of the 48-px image.

    python bench/bench_landmarks.py ../shared/data [--n 1500] [--keep 50 100 200 300]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
import dlib
from maskthefer.core import read_image
from maskthefer.landmarks import _upscaled, hog_detector, frame_box, dlib_model_path

def varint(b, pos):
    "dlib's integer encoding: one byte (bit 7 sign, bits 0-3 length), then the length's bytes, little-endian."
    n = b[pos] & 15
    v = int.from_bytes(b[pos + 1:pos + 1 + n], 'little')
    return (-v if b[pos] & 128 else v), pos + 1 + n

def skip(b, pos, k):
    for _ in range(k): pos += (b[pos] & 15) + 1
    return pos

def truncate(b: bytes, keep: int) -> bytes:
    "The serialized shape predictor `b` with only the first `keep` trees of each cascade level."
    _, pos = varint(b, 0)                                  # version
    nr, pos = varint(b, pos); nc, pos = varint(b, pos)     # initial shape: a matrix, stored with negative sizes
    pos = skip(b, pos, 2*nr*nc)                            # floats are (mantissa, exponent) pairs
    levels, end = varint(b, pos)
    out, pos = [b[:end]], end
    for _ in range(levels):
        ntrees, pos = varint(b, pos)
        k = min(keep, ntrees)
        out.append(bytes([(k.bit_length() + 7)//8 or 1]) + k.to_bytes((k.bit_length() + 7)//8 or 1, 'little'))
        for t in range(ntrees):
            start = pos
            nsplit, pos = varint(b, pos); pos = skip(b, pos, 4*nsplit)   # splits: idx1, idx2, threshold
            nleaf, pos = varint(b, pos)
            for _ in range(nleaf):
                nr, pos = varint(b, pos); nc, pos = varint(b, pos); pos = skip(b, pos, 2*nr*nc)
            if t < keep: out.append(b[start:pos])
    out.append(b[pos:])  # anchors and deltas of each level
    return b''.join(out)

def faces(data, n):
    "N PrivateTest faces as `find_face_landmarks` fits them: 96-px image and its box."
    paths = sorted(Path(data, 'fer2013/test').glob('*/PrivateTest_*.jpg'))
    paths = [paths[i] for i in np.random.default_rng(0).choice(len(paths), n, replace=False)]
    res = []
    for p in paths:
        big, _ = _upscaled(read_image(p), 96)
        found = hog_detector()(big, 0)
        res.append((big, max(found, key=lambda r: r.area()) if found else dlib.rectangle(*map(round, frame_box(big.shape)))))
    return res

def fit_all(sp, items, shift=(0, 0)):
    t = time.perf_counter()
    pts = np.array([[(q.x, q.y) for q in sp(img, dlib.translate_rect(r, dlib.point(*shift))).parts()] for img, r in items], np.float32)
    return pts, (time.perf_counter() - t)/len(items)*1e3

def deviation(pts, ref):
    iod = np.linalg.norm(ref[:, 36:42].mean(1) - ref[:, 42:48].mean(1), axis=1)
    d = np.linalg.norm(pts - ref, axis=2).mean(1)/iod
    return d.mean(), np.percentile(d, 95)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('data'); ap.add_argument('--n', type=int, default=1500)
    ap.add_argument('--keep', type=int, nargs='+', default=[50, 100, 200, 300])
    a = ap.parse_args()
    items, full = faces(a.data, a.n), dlib.shape_predictor(str(dlib_model_path()))
    ref, ms = fit_all(full, items)
    print(f'| predictor | ms per face | mean deviation (IOD) | 95th percentile |\n|---|---|---|---|\n| full, 500 trees per level | {ms:.2f} | 0 | 0 |')
    for shift in ((2, 0), (0, 2)):
        mean, p95 = deviation(fit_all(full, items, shift)[0], ref)
        print(f'| full, box moved {shift} px of the 96-px image (1 px of the 48-px face) | | {mean:.4f} | {p95:.4f} |')
    b = dlib_model_path().read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        for k in a.keep:
            f = Path(tmp)/f'sp_{k}.dat'
            f.write_bytes(truncate(b, k))
            pts, ms = fit_all(dlib.shape_predictor(str(f)), items)
            mean, p95 = deviation(pts, ref)
            print(f'| first {k} trees per level ({f.stat().st_size/1e6:.0f} MB) | {ms:.2f} | {mean:.4f} | {p95:.4f} |')
