"""How small a face can be read: FER2013 PrivateTest faces, each aligned as `predict` aligns it (landmarks found on
the face in our masks by `find_faces`), shrunk until its eyes are `iod` px apart and enlarged back (as `align_face`
enlarges a small face), then read by the eye model (faces in our masks) and the whole-face model (the same faces
bare). Accuracy by inter-ocular distance, against chance (the commonest class), and the size at which each model is
halfway from chance to its full-size accuracy: the `readable_iod` in its record that `predict` reads (`--ship`
writes it into the shipped models' records).

    python bench/bench_face_size.py --prepared /tmp/fer --limit 0 [--ship]

Only faces whose landmarks `find_faces` finds at full size count (their landmarks are reused at every size)."""
import argparse, time, warnings
from pathlib import Path
import cv2, numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.core import read_image
from maskthefer.crop import crop_eyes
from maskthefer.detect import read_photo, quiet_native_logs, align_face, find_faces, FER_EYES
from maskthefer.maskdetect import largest_face
from maskthefer.runtime import load_classifier, update_record

FER_IOD = float(np.linalg.norm(FER_EYES[1] - FER_EYES[0]))  # px between the eyes of an aligned 48-px face

def landmarks(path):
    "The 68 points `predict` finds on the main face of the image at `path`, in that image; None without a face."
    with quiet_native_logs(): main = largest_face(find_faces(read_photo(path)))
    return None if main is None else main[1].points

def shrunk(face: np.ndarray, iod: float) -> np.ndarray:
    "An aligned 48-px `face` as it looks when its eyes were `iod` px apart in the photo: area-shrunk, then enlarged back."
    side = max(2, round(face.shape[0]*iod/FER_IOD))
    return face if iod >= FER_IOD else cv2.resize(cv2.resize(face, (side, side), interpolation=cv2.INTER_AREA), face.shape[::-1], interpolation=cv2.INTER_LINEAR)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--prepared', default='outputs/fer2013', help='a prepared FER2013 folder')
    p.add_argument('--iods', type=float, nargs='+', default=[17.4, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2])
    p.add_argument('--eyes', default='eyes', help='eye model: a shipped name or a folder `ship_model` wrote')
    p.add_argument('--face', default='face', help='whole-face model: a shipped name or a folder `ship_model` wrote')
    p.add_argument('--limit', type=int, default=1000); p.add_argument('--seed', type=int, default=0)
    p.add_argument('--ship', action='store_true', help="write each model's halfway size into its record as `readable_iod`")
    a = p.parse_args(); warnings.simplefilter('ignore')
    df = pd.read_csv(Path(a.prepared)/'manifest.csv', keep_default_na=False)
    test = df[df.split.eq('private_test') & df.status.eq('ok')]
    if a.limit: test = test.sample(min(a.limit, len(test)), random_state=a.seed)
    t = time.time()
    pts = list(parallel(landmarks, list(test.masked_path), n_workers=2, chunksize=64))
    ok = [i for i, q in enumerate(pts) if q is not None]
    print(f"{len(test)} PrivateTest faces of {a.prepared} (seed {a.seed}); landmarks found on {len(ok)}; {time.time() - t:.0f} s\n", flush=True)
    eyes, face = load_classifier(a.eyes), load_classifier(a.face)
    y = np.array([eyes.vocab.index(l) for l in test.label.iloc[ok]])
    masked, pt48 = zip(*(align_face(read_image(test.masked_path.iloc[i]), pts[i]) for i in ok))  # faces and their points, aligned
    bare = [align_face(read_image(test.path.iloc[i]), pts[i])[0] for i in ok]
    print(f"| px between the eyes | eye model, masked | whole-face model, bare |\n|---|---|---|")
    acc = {}
    for iod in sorted(a.iods, reverse=True):
        bands = [crop_eyes(shrunk(f, iod), q, eyes.size[::-1]) for f, q in zip(masked, pt48)]
        acc[iod] = (eyes(bands).argmax(1) == y).mean(), (face([shrunk(f, iod) for f in bare]).argmax(1) == y).mean()
        print(f"| {iod:g} | {acc[iod][0]:.4f} | {acc[iod][1]:.4f} |", flush=True)
    prior = pd.Series(y).value_counts(normalize=True).max()
    print(f"\nchance (the commonest class): {prior:.4f}; {time.time() - t:.0f} s")
    iods = np.array(sorted(acc))
    for k, (name, model) in enumerate((('eye model', a.eyes), ('whole-face model', a.face))):
        curve = np.array([acc[i][k] for i in iods])
        half = (prior + curve[-1])/2  # halfway from guessing the commonest class to the largest size's accuracy
        j = np.flatnonzero(curve < half).max()  # the largest size read worse than halfway: the size sought lies just above it
        size = float(np.interp(half, curve[j:j + 2], iods[j:j + 2]))
        print(f"{name}: halfway ({half:.4f}) at {size:.2f} px between the eyes")
        if a.ship: print(update_record(model, readable_iod=round(size, 1))['readable_iod'], 'written to', model)
