"""Eye models on FER2013 PrivateTest in our masks, read the way `predict` reads a photo (landmarks found on the masked
face: `find_faces` → FER2013 framing → eye band), next to the privileged number (the eye bands `prepare` cut with the
landmarks of the unmasked face). The gap is the cost of finding the landmarks on a masked face. (issue 13)

    python bench/bench_predict_path.py --prepared /tmp/fer --models eyes /tmp/fermasked/models/eyenet_wide_kd_onecycle_18

Every face counts: one where `predict` finds no face is wrong. Paired differences on the same faces, ± 95% half-width."""
import argparse, time, warnings
from pathlib import Path
import numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.core import read_image
from maskthefer.crop import crop_eyes
from maskthefer.landmarks import to_gray
from maskthefer.maskdetect import main_face
from maskthefer.landmarks import find_face_landmarks
from bench_mask_landmarks import paired_gap  # this folder is on sys.path when a script in it runs
from maskthefer.detect import read_photo, quiet_native_logs, align_face
from maskthefer.runtime import load_classifier

def predict_crop(path, size=(48, 24)):
    "The eye band (`size`: w, h) `predict` cuts from the main face of the image at `path`; None without a face."
    with quiet_native_logs(): aligned = main_face(read_photo(path), 48)
    return None if aligned is None else crop_eyes(to_gray(aligned[0]), aligned[1], size)

def hog_frame_crop(path, size=(48, 24)):
    "The eye band cut in `predict`'s framing with `find_face_landmarks` (dlib's HOG on the 96-px upscale, else the full-frame fit)."
    gray = read_image(path)
    return crop_eyes(*align_face(gray, find_face_landmarks(gray).points), size)

LANDMARKS = {'predict': predict_crop, 'hog|frame': hog_frame_crop}

def classify(clf, crops) -> np.ndarray:
    "Class index per crop (-1 where there is none)."
    out, ok = np.full(len(crops), -1), [i for i, c in enumerate(crops) if c is not None]
    for i in range(0, len(ok), 512): out[ok[i:i+512]] = clf([crops[j] for j in ok[i:i+512]]).argmax(1)
    return out

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--prepared', default='outputs/fer2013', help='a prepared FER2013 folder (default crops: unmasked landmarks)')
    p.add_argument('--models', nargs='+', default=['eyes'], help='eye models: shipped names or model folders')
    p.add_argument('--landmarks', default='predict', choices=list(LANDMARKS), help='how the masked face\'s landmarks are found')
    p.add_argument('--limit', type=int, default=0); p.add_argument('--seed', type=int, default=0)
    a = p.parse_args(); warnings.simplefilter('ignore')
    df = pd.read_csv(Path(a.prepared)/'manifest.csv', keep_default_na=False)
    test = df[df.split.eq('private_test')]
    if a.limit: test = test.sample(a.limit, random_state=a.seed)
    t, clfs, cuts = time.time(), {m: load_classifier(m) for m in a.models}, {}
    for size in {c.size[::-1] for c in clfs.values()}:  # each model reads the band at its own input size (w, h)
        cuts[size] = list(parallel(LANDMARKS[a.landmarks], list(test.masked_path), size=size, n_workers=2, chunksize=64))
        print(f"{len(test)} PrivateTest faces of {a.prepared}; predict found a face in {sum(c is not None for c in cuts[size])}; {time.time() - t:.0f} s\n")
    print(f'| eye model | privileged (unmasked-landmark crops) | {a.landmarks} (masked-face landmarks) | Δ |\n|---|---|---|---|')
    for m, clf in clfs.items():
        y = np.array([clf.vocab.index(l) for l in test.label])
        priv = classify(clf, [read_image(f) if f else None for f in test.crop_path]) == y
        pred = classify(clf, cuts[clf.size[::-1]]) == y
        print(f"| {m} | {priv.mean():.4f} | {pred.mean():.4f} | {paired_gap(pred, priv)} |")
    print(f"\n{time.time() - t:.0f} s")
