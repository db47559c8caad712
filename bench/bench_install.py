"""Install time and venv size of each README install: plain (`predict`), `[train]`, `[dev]`; each in a fresh venv.

python bench/bench_install.py [--extras plain train dev]   (from the repo root; pip takes what it can from local disk)
"""
import argparse, subprocess, sys, tempfile, time
from pathlib import Path

EXTRAS = {'plain': '.', 'train': '.[train]', 'dev': '.[dev]'}

def venv_size(path: Path) -> int:
    "Bytes under `path`, each file once."
    return sum(f.stat().st_size for f in path.rglob('*') if f.is_file() and not f.is_symlink())

def measure(extra: str) -> dict:
    "A fresh venv, `pip install` of `extra`, its wall time and size; the plain one also runs `maskthefer predict`."
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp)/'venv'
        subprocess.run([sys.executable, '-m', 'venv', str(venv)], check=True)
        t = time.perf_counter()
        r = subprocess.run([str(venv/'bin/pip'), 'install', '-q', EXTRAS[extra]], capture_output=True, text=True)
        seconds = time.perf_counter() - t
        if r.returncode: return dict(extra=extra, error=r.stderr.strip().splitlines()[-1])
        torch = subprocess.run([str(venv/'bin/python'), '-c', 'import importlib.util as u; print(bool(u.find_spec("torch")))'],
                               capture_output=True, text=True).stdout.strip()
        ran = subprocess.run([str(venv/'bin/maskthefer'), 'predict'], capture_output=True, text=True, cwd=tmp)
        return dict(extra=extra, command=f'pip install "{EXTRAS[extra]}"', seconds=round(seconds), mb=round(venv_size(venv)/2**20),
                    torch=torch, predict=ran.stdout.splitlines()[0].split(': ')[-1] if ran.returncode == 0 else ran.stderr[-200:])

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--extras', nargs='+', default=list(EXTRAS), choices=list(EXTRAS))
    for e in p.parse_args().extras: print(measure(e), flush=True)
