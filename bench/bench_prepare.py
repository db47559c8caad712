"""Masking and cropping coverage and speed on the full data (issue 3).

Usage: python bench/bench_prepare.py [DATA] [--dataset fer2013|ck]
Runs `maskthefer prepare` into a fresh folder (cold start included), then times the per-image stages on 500 images.
"""
import argparse, json, os, subprocess, tempfile, time
from pathlib import Path
import pandas as pd

p = argparse.ArgumentParser()
p.add_argument('data', nargs='?', default=os.environ.get('MASKTHEFER_DATA', '../shared/data'))
p.add_argument('--dataset', default='fer2013')
a = p.parse_args()

out = Path(tempfile.mkdtemp())/a.dataset
t = time.perf_counter()
subprocess.run(['maskthefer', 'prepare', '--dataset', a.dataset, '--data', a.data, '--out', str(out)], check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
total = time.perf_counter() - t
rep = json.loads((out/'prepare_report.json').read_text())
print(f"{a.dataset}: `maskthefer prepare` {total:.1f} s wall on {os.cpu_count()} cores (report: {rep['seconds']} s in-process); "
      f"{rep['ok']} of {rep['images']} faces masked and cropped = {rep['coverage']:.2%}; failed {rep['failed']} {rep['failed_by_reason']}")
print('coverage by class:', {k: f'{v:.2%}' for k, v in rep['coverage_by_class'].items()})
print('landmark source:', rep['landmark_source'])

# per-image stage times, one process
from maskthefer.core import read_image
from maskthefer.landmarks import find_face_landmarks
from maskthefer.mask import mask_face
from maskthefer.crop import crop_eyes
df = pd.read_csv(out/'manifest.csv', keep_default_na=False).sample(500, random_state=0)
imgs = [read_image(p) for p in df.path]
find_face_landmarks(imgs[0])  # load the models
def per_image(f):
    t = time.perf_counter(); r = [f(i) for i in range(len(imgs))]
    return r, (time.perf_counter() - t)/len(imgs)*1000
lms, t_lm = per_image(lambda i: find_face_landmarks(imgs[i]))
masked, t_mask = per_image(lambda i: mask_face(imgs[i], lms[i].points, seed=i)[0])
_, t_crop = per_image(lambda i: crop_eyes(masked[i], lms[i].points))
print(f"per image (one core): landmarks {t_lm:.2f} ms, mask {t_mask:.2f} ms, crop {t_crop:.2f} ms")
