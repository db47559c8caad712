"""Speed of `maskthefer predict` on CPU (issue 5): cold start, per-face crop + classify, whole photo.

Usage: python bench/bench_predict.py [PHOTO] [--repeat 20]
PHOTO defaults to ../shared/photos/obama.jpg (910×1137 = 1.03 Mpx, one face). Run on a quiet machine.
"""
import argparse, os, subprocess, sys, time
from pathlib import Path
import numpy as np

p = argparse.ArgumentParser()
p.add_argument('photo', nargs='?', default='../shared/photos/obama.jpg')
p.add_argument('--repeat', type=int, default=20)
a = p.parse_args()

# cold start: a fresh interpreter imports the package, loads the three models and both detectors
load = ("import time; t = time.perf_counter(); from maskthefer.detect import blazeface; "
        "from maskthefer.runtime import shipped_classifiers; shipped_classifiers(); blazeface(); blazeface(True); print(time.perf_counter() - t)")
colds, walls = [], []
for _ in range(3):
    t = time.perf_counter()
    out = subprocess.run([sys.executable, '-c', load], capture_output=True, text=True, check=True).stdout
    walls.append(time.perf_counter() - t); colds.append(float(out.split()[-1]))
print(f"cold start (import + load models and detectors): {min(colds):.2f} s in-process, {min(walls):.2f} s with interpreter start (best of 3)")
t = time.perf_counter()
subprocess.run(['maskthefer', 'predict', a.photo], capture_output=True, check=True)
print(f"`maskthefer predict {a.photo}` end to end: {time.perf_counter() - t:.2f} s")

import cv2
from maskthefer.core import read_image
from maskthefer.landmarks import to_gray
from maskthefer.crop import crop_eyes
from maskthefer.detect import find_faces, align_face, photo_landmarks, net_landmarks
from maskthefer.predict import predict, MASK_BLUR
from maskthefer.runtime import shipped_classifiers

models = shipped_classifiers()
rgb = read_image(a.photo, 'RGB')
gray = to_gray(rgb)
print(f"photo {a.photo}: {rgb.shape[1]}×{rgb.shape[0]} = {rgb.shape[0]*rgb.shape[1]/1e6:.2f} Mpx, {len(predict(rgb))} face(s)")

def best(f, n=a.repeat):
    times = []
    for _ in range(n):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return 1000*min(times), 1000*np.median(times)

(det, lm), = find_faces(rgb)[:1]
def crop_and_classify():
    face, pts = align_face(gray, lm.points)
    models['mask']([cv2.GaussianBlur(face, (3, 3), MASK_BLUR)]); models['eyes']([crop_eyes(face, pts)]); models['face']([face])
print(f"main face: eye_shift {lm.eye_shift:.3f} IOD (`points` passes run, 2 to 8, until one moves the eyes < 0.05)")
for name, f in [('per face: frame + eye crop + 3 classifiers', crop_and_classify),
                ('per face: landmarks (`points`, 2 to 8 passes until settled: photo_landmarks)', lambda: photo_landmarks(gray, det)),
                ('per face: one `points` pass', lambda: net_landmarks(gray, lm.eye_centers)),
                ('whole photo: detection + landmarks', lambda: find_faces(rgb)),
                ('whole photo, decoded array: predict(array)', lambda: predict(rgb)),
                ('whole photo from file: predict(path) incl. JPEG decode', lambda: predict(a.photo))]:
    lo, med = best(f)
    print(f"{name}: best {lo:.1f} ms, median {med:.1f} ms (n={a.repeat})")
