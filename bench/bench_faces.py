"""False faces before and after `likely_face`, the gate in `find_faces` (issue 13, item 4).

Usage: python bench/bench_faces.py [--photos ../shared/photos/masked]
Per photo (every .jpg below --photos): faces detected (`detect_faces`: before the gate) and faces kept (`find_faces`:
after it), next to the counts made by eye on the annotated photos; the same for the sample photo and its 12
synthetic-mask copies; the CPU time of the gate (per detection) and of `predict` (per photo).
The photos are not ours: this prints numbers only.
"""
import argparse, time, warnings
from pathlib import Path
from maskthefer.core import read_image
from maskthefer.detect import SQUARE_PASSES, detect_faces, find_faces, likely_face, sample_photo
from maskthefer.predict import add_masks, predict

# HAND COUNTS, by eye on `maskthefer predict --annotate` images, 2026-12-02 (../shared/photos/masked and the two
# unmasked photos): real = real faces visible of ≥ ~20 px; small = visible faces under ~20 px (rough);
# before/after = (real faces found, false faces found) without the gate and with it.
HAND_COUNTS = {
    'rwmfd_00.jpg': dict(real=2, small=0, before=(2, 0), after=(2, 0)),
    'rwmfd_01.jpg': dict(real=0, small=12, before=(2, 0), after=(2, 0)),   # both found faces are small ones
    'rwmfd_02.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_03.jpg': dict(real=2, small=0, before=(2, 0), after=(2, 0)),
    'rwmfd_04.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_05.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_06.jpg': dict(real=0, small=3, before=(2, 0), after=(2, 0)),    # both found faces are small ones
    'rwmfd_07.jpg': dict(real=0, small=3, before=(0, 2), after=(0, 0)),    # false: a door sign, a pink jacket
    'rwmfd_08.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_09.jpg': dict(real=2, small=0, before=(1, 0), after=(1, 0)),    # faces of ~20 px: borderline
    'rwmfd_10.jpg': dict(real=1, small=0, before=(1, 1), after=(1, 0)),    # false: the neck below the face
    'rwmfd_11.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_12.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_13.jpg': dict(real=3, small=0, before=(3, 0), after=(3, 0)),
    'rwmfd_14.jpg': dict(real=4, small=0, before=(4, 1), after=(4, 0)),    # false: an operating lamp
    'rwmfd_15.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_16.jpg': dict(real=0, small=30, before=(0, 0), after=(0, 0)),   # a street crowd, faces of 6-12 px
    'rwmfd_17.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'rwmfd_18.jpg': dict(real=2, small=0, before=(2, 0), after=(2, 0)),
    'rwmfd_19.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'obama.jpg': dict(real=1, small=0, before=(1, 0), after=(1, 0)),
    'two_people.jpg': dict(real=2, small=0, before=(2, 0), after=(2, 0)),
}

p = argparse.ArgumentParser()
p.add_argument('--photos', default='../shared/photos/masked')
a = p.parse_args()
warnings.simplefilter('ignore')

def counts(name, rgb):
    before, after = len(detect_faces(rgb)), len(find_faces(rgb))
    h = HAND_COUNTS.get(name)
    by_eye = f"by eye: real {h['real']} (+{h['small']} small), before {h['before'][0]} real/{h['before'][1]} false, " \
             f"after {h['after'][0]} real/{h['after'][1]} false" if h else ''
    print(f"{name:28} found before {before:2}  after {after:2}   {by_eye}")
    return before, after

photos = {f.name: read_image(f, 'RGB') for f in sorted(Path(a.photos).rglob('*.jpg'))}
totals = [sum(t) for t in zip(*(counts(n, im) for n, im in photos.items()))]
print(f"{'all ' + str(len(photos)) + ' photos':28} found before {totals[0]:2}  after {totals[1]:2}")
sample = {'sample photo': read_image(sample_photo(), 'RGB'),
          **{f'sample + {k} seed {s}': add_masks(sample_photo(), kind=k, seed=s) for k in ('surgical', 'cloth', 'n95') for s in range(4)}}
totals = [sum(t) for t in zip(*(counts(n, im) for n, im in sample.items()))]
print(f"{'sample and 12 masked copies':28} found before {totals[0]:2}  after {totals[1]:2}  (3 faces each: {3*len(sample)})")

found = [(im, d) for im in photos.values() for d in detect_faces(im)]
start = time.process_time()
for im, d in found: likely_face(im, d)
print(f"the gate: {1000*(time.process_time() - start)/max(len(found), 1):.2f} ms CPU per detection ({len(found)} detections, "
      f"{sum(set(d.passes) <= SQUARE_PASSES for _, d in found)} of them seen only by squares)")
predict(sample['sample photo'])  # models loaded, BlazeFace warm
start = time.process_time()
for im in photos.values(): predict(im)
print(f"predict, gate included: {1000*(time.process_time() - start)/len(photos):.0f} ms CPU per photo ({len(photos)} photos)")
