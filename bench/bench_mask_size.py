"""How small a face the mask detector can call: the real validation faces of `../shared/masks` (the split
`build_mask_data` makes: people and photos the detector never saw), each framed as `predict` frames it (landmarks of
its main face found by `find_faces` at full size, aligned to 48 px), shrunk until its eyes are `iod` px apart and
enlarged back (`bench_face_size.shrunk`), then read by the detector. Recall and specificity by inter-ocular distance
at the detector's own threshold, and the threshold each size needs to keep the specificity the detector has at full
size (`size_thresholds`). `--ship` writes those into the detector's record as `masked_by_iod`, which `predict` reads:
a face whose eyes are closer together is called masked only above the threshold of its size.

Then end to end: each validation image scaled to `--widths` px wide and set in the middle of a 400-px canvas made by
replicating its edges (`bench_single_faces.small`), read by `predict`; of its main face, P(masked) and eye distance, so that the
faces called masked are counted under the detector's own threshold and under the thresholds by size. (Not
the canvas of the image's mean colour that `bench_single_faces` counts faces in: most images are tight crops, and a flat colour where the chin
and neck would be is taken for a mask.)

    python bench/bench_mask_size.py [--ship]

Only faces whose own eyes lie at least as far apart as the largest size measured count (a face already smaller in its
photo cannot be shown at that size)."""
import argparse, time, warnings
import numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.core import read_image
from maskthefer.detect import align_face, read_photo, quiet_native_logs
from maskthefer.maskdetect import mask_images, source_groups, split_groups, pick_threshold, detection_rates
from maskthefer.predict import p_masked, eye_distance
from maskthefer.runtime import load_classifier, update_record
from maskthefer.predict import predict, masked_threshold, detector_params
from bench_face_size import landmarks, shrunk
from bench_single_faces import small

def pasted(path, width: int):
    "`(P(masked), px between the eyes)` of `predict`'s main face in the image at `path` set `width` px wide in a 400-px canvas of its replicated edges (`small`); None without a face."
    with quiet_native_logs(): faces = predict(small(read_photo(path), width, replicate=True))
    if not faces: return None
    main = max(faces, key=lambda f: (f['box'][2] - f['box'][0])*(f['box'][3] - f['box'][1]))
    return main['mask_probability'], main['eye_distance']

def size_thresholds(ps: dict, masked, own: float) -> list:
    "`[[iod, threshold], ...]`, smallest size first, from P(masked) `ps` by size: the detector's `own` threshold where it keeps (within one bare face) the specificity it has at the largest size, else the threshold picked for that specificity there; never below a larger size's."
    iods = sorted(ps)
    ref, slack = detection_rates(ps[iods[-1]], masked, own)['specificity'], 1/(~np.asarray(masked)).sum()
    need = [own if detection_rates(ps[i], masked, own)['specificity'] >= ref - slack else max(own, pick_threshold(ps[i], masked, ref)) for i in iods]
    return [[i, round(float(t), 4)] for i, t in zip(iods, np.maximum.accumulate(need[::-1])[::-1])]

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--masks', default='../shared/masks', help="the real images' folder (with_mask/, without_mask/)")
    p.add_argument('--model', default='mask', help='the detector: a shipped name or a folder `ship_model` wrote')
    p.add_argument('--iods', type=float, nargs='+', default=[17.4, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3])
    p.add_argument('--widths', type=int, nargs='*', default=[20, 30, 40, 60], help='end to end: image widths pasted into a 400-px canvas')
    p.add_argument('--seed', type=int, default=0, help="the split's seed (`build_mask_data`'s)")
    p.add_argument('--ship', action='store_true', help='write the thresholds picked by size into the detector\'s record as `masked_by_iod`')
    a = p.parse_args(); warnings.simplefilter('ignore')
    t = time.time()
    real = mask_images(a.masks)
    real['split'] = split_groups(source_groups(real), real.label, seed=a.seed)
    valid = real[real.split.eq('valid')].reset_index(drop=True)
    pts = list(parallel(landmarks, list(valid.path), n_workers=2, chunksize=16))
    top = max(a.iods)
    ok = [i for i, q in enumerate(pts) if q is not None and eye_distance(q) >= top]
    print(f"{len(valid)} real validation faces (seed {a.seed}): a face found in {sum(q is not None for q in pts)}, "
          f"its eyes ≥ {top:g} px apart in {len(ok)}; {time.time() - t:.0f} s\n", flush=True)
    detector = load_classifier(a.model)
    own = detector.record.get('thresholds', {}).get('masked', 0.5)
    y = valid.label.eq('masked').to_numpy()[ok]
    faces = [align_face(read_image(valid.path.iloc[i], 'RGB' if detector.channels == 3 else 'L'), pts[i])[0] for i in ok]
    ps = {iod: p_masked(detector, [shrunk(f, iod) for f in faces]) for iod in a.iods}
    by_iod = size_thresholds(ps, y, own)
    print(f"| px between the eyes | recall at {own:.4f} | specificity at {own:.4f} | threshold of the size | recall | specificity |\n|---|---|---|---|---|---|")
    for iod, th in by_iod[::-1]:
        at, sized = detection_rates(ps[iod], y, own), detection_rates(ps[iod], y, th)
        print(f"| {iod:g} | {at['recall']:.4f} | {at['specificity']:.4f} | {th:.4f} | {sized['recall']:.4f} | {sized['specificity']:.4f} |")
    print(f"\nmasked_by_iod: {by_iod}; {time.time() - t:.0f} s")
    if a.ship: print(update_record(a.model, masked_by_iod=by_iod)['masked_by_iod'], 'written to', a.model)
    if not a.widths: raise SystemExit
    params, y_all = {**detector_params(detector), 'masked_by_iod': by_iod}, valid.label.eq('masked').to_numpy()
    print(f"\n| image width (px) | masked images: face found | median px between the eyes | called masked at {own:.4f} | by size | bare images: face found | called bare at {own:.4f} | by size |\n|---|---|---|---|---|---|---|---|")
    for w in a.widths:
        got = list(parallel(pasted, list(valid.path), width=w, n_workers=2, method='spawn', chunksize=8))
        found = np.array([g is not None for g in got])
        pm, iod = (np.array([g[k] if g else np.nan for g in got]) for k in (0, 1))
        called = {'own': pm >= own, 'size': pm >= masked_threshold(np.nan_to_num(iod), params)}
        m, b = y_all & found, ~y_all & found  # shares of the faces found
        print(f"| {w} | {m.sum()}/{y_all.sum()} | {np.nanmedian(iod[found]):.1f} | {called['own'][m].mean():.4f} | {called['size'][m].mean():.4f} | "
              f"{b.sum()}/{(~y_all).sum()} | {1 - called['own'][b].mean():.4f} | {1 - called['size'][b].mean():.4f} |", flush=True)
    print(f"{time.time() - t:.0f} s")
