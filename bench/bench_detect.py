"""The measurements behind `predict`'s constants and choices (issue 5), on real photos and the prepared FER2013.

Usage: python bench/bench_detect.py [--photos ../shared/photos] [--prepared outputs/fer2013]
- faces found with and without BlazeFace on squares (`detect_faces(tiles=...)`): the sample photo with 4 mask variants
  added, and the 20 real masked photos;
- the mask detector with and without its blur (`MASK_BLUR`): real masked faces, 1,000 PrivateTest faces with/without masks;
- `EYE_BOX` and `FER_EYES`: dlib's detector box relative to the eyes, and the mean eye centres, on 1,500 FER2013 faces
  where dlib's HOG detector finds the face.
"""
import argparse, warnings
from pathlib import Path
import cv2
import numpy as np
import pandas as pd
from maskthefer.core import read_image
from maskthefer.landmarks import find_face_landmarks, to_gray
from maskthefer.detect import align_face, detect_faces, find_faces, sample_photo
from maskthefer.predict import add_masks, MASK_BLUR
from maskthefer.runtime import shipped_classifiers

p = argparse.ArgumentParser()
p.add_argument('--photos', default='../shared/photos')
p.add_argument('--prepared', default='outputs/fer2013')
a = p.parse_args()
warnings.simplefilter('ignore')

masked_photos = [read_image(f, 'RGB') for f in sorted(Path(a.photos, 'masked').glob('*.jpg'))]
variants = [add_masks(sample_photo(), kind=k, seed=s) for k in ('surgical', 'cloth') for s in (0, 1)]
for name, photos in (('sample photo + 4 mask variants (12 faces)', variants), (f'{len(masked_photos)} real masked photos', masked_photos)):
    found = {t: sum(len([f for f in detect_faces(im, tiles=t) if f.detector != 'hog']) for im in photos) for t in (False, True)}
    print(f"BlazeFace faces found, {name}: whole photo only {found[False]}, with squares {found[True]}")

mask = shipped_classifiers()['mask']
def called_masked(faces, blur):
    return int((mask([cv2.GaussianBlur(f, (3, 3), MASK_BLUR) if blur else f for f in faces])[:, mask.vocab.index('masked')] >= 0.5).sum())
real = [align_face(to_gray(im), lm.points)[0] for im in masked_photos for _, lm in find_faces(im)]
print(f"real masked faces called masked: {called_masked(real, False)} of {len(real)} without blur, {called_masked(real, True)} with")
df = pd.read_csv(Path(a.prepared)/'manifest.csv', keep_default_na=False)
df = df[df.split.eq('private_test')].sample(1000, random_state=0)
plain, masked = [read_image(p) for p in df.path], [read_image(p) for p in df.masked_path]
for blur in (False, True):
    print(f"1,000 PrivateTest faces, blur {blur}: masked recall {called_masked(masked, blur)/1000:.3f}, "
          f"unmasked called masked {called_masked(plain, blur)/1000:.3f}")

rows, eyes = [], []
for path in pd.read_csv(Path(a.prepared)/'manifest.csv').path.sample(3000, random_state=0):
    lm = find_face_landmarks(read_image(path))
    if lm.source != 'detector': continue
    er, el = lm.eye_centers
    d, c = np.linalg.norm(el - er), (er + el)/2
    l, t, r, b = lm.box
    rows.append([((l + r)/2 - c[0])/d, ((t + b)/2 - c[1])/d, (r - l)/d])
    eyes.append([er, el])
    if len(rows) == 1500: break
m = np.array(rows).mean(0)
print(f"EYE_BOX on {len(rows)} FER2013 detector faces: centre ({m[0]:.2f}, {m[1]:.2f}) IOD from the eyes' midpoint, side {m[2]:.2f} IOD; "
      f"mean eye centres {np.array(eyes, float).mean(0).round(1).tolist()}")
