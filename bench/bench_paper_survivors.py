"""Issue 28, "the paper on its own terms": our accuracy on the test faces the paper's pipeline would have kept.

Usage: python bench/bench_paper_survivors.py --prepared outputs/fer2013 [--split private_test] [--eyes eyes] [--face face]
The paper masks a face with MaskTheFace and then crops the eye region; both steps find the face with dlib's HOG
detector (one upsample), and a face where it finds none is dropped: 65% of FER2013 survived, and its 0.6189 is on
879 such survivors. We mask and crop every face. Here each official test face is run through that detector, on our
masked image and on the unmasked original, and the shipped models are scored (`maskthefer.evaluate`, predictions
through fastai as `maskthefer evaluate` makes them) on all faces and on those the detector keeps. Counts only.
"""
import argparse, tempfile, time
import numpy as np, pandas as pd
from fastcore.parallel import parallel
from maskthefer.core import read_image
from maskthefer.landmarks import hog_detector
from maskthefer.train import read_manifest
from maskthefer.evaluate import evaluate, bootstrap_ci

def hog_finds(path) -> bool:
    "Does dlib's HOG detector, upsampling once (the paper's setting), find a face in the image at `path`?"
    return len(hog_detector()(read_image(path), 1)) > 0

def scored(model: str, prepared, split: str) -> pd.DataFrame:
    "Per-face predictions of `model` on `split` (`correct` column), as `maskthefer evaluate` makes them."
    with tempfile.TemporaryDirectory() as out:
        evaluate(model, prepared, split, out=out, plot=False, n_boot=10)
        return pd.read_csv(f'{out}/predictions_{split}.csv', keep_default_na=False)

def row(name: str, correct: np.ndarray) -> str:
    lo, hi = bootstrap_ci(int(correct.sum()), len(correct))
    return f"| {name} | {len(correct)} | {correct.mean():.4f} | {lo:.4f}–{hi:.4f} |"

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument('--prepared', required=True); a.add_argument('--split', default='private_test')
    a.add_argument('--eyes', default='eyes'); a.add_argument('--face', default='face')
    args = a.parse_args()
    t = time.perf_counter()
    df = read_manifest(args.prepared, ['masked_path'])
    rows = df[df.split.eq(args.split)].reset_index(drop=True)
    kept_masked = np.array(parallel(hog_finds, rows.masked_path, n_workers=2, threadpool=False), bool)
    kept_bare = np.array(parallel(hog_finds, rows.path, n_workers=2, threadpool=False), bool)
    survivors = {'all faces': np.ones(len(rows), bool), 'HOG finds the unmasked face (MaskTheFace step)': kept_bare,
                 'HOG finds the masked face (crop step)': kept_masked, 'both (the paper\'s survivors)': kept_bare & kept_masked}
    print(f"{args.split}: {len(rows)} faces; HOG keeps {kept_bare.mean():.1%} unmasked, {kept_masked.mean():.1%} masked, "
          f"{(kept_bare & kept_masked).mean():.1%} both")
    for model, what in ((args.eyes, 'masked eye crops'), (args.face, 'unmasked whole faces')):
        res = scored(model, args.prepared, args.split)
        assert res.path.tolist() == rows.path.tolist()
        correct = res.correct.astype(str).eq('True').to_numpy()
        print(f"\n{model} ({what})\n| faces | n | accuracy | 95% CI |\n|---|---|---|---|")
        for name, keep in survivors.items(): print(row(name, correct[keep]))
    print(f"\n{time.perf_counter() - t:.0f} s")
