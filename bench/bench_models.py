"""Training throughput of the CNNs on CPU: images/s of one training step (forward, cross-entropy, backward, SGD step)
on random data, for float32 and bfloat16 autocast, NCHW and channels-last. Prints a markdown table.

Usage: python bench/bench_models.py [--threads 2] [--bs 128] [--steps 20]
Run it on a quiet machine: other processes on the cores make every number lower (the best of `steps` steps is kept).
"""
import argparse, datetime, os, platform, subprocess, sys
import torch
from maskthefer.models import create_model, default_size, n_params, train_throughput, cpu_bf16_supported

p = argparse.ArgumentParser()
p.add_argument('--threads', type=int, default=2)
p.add_argument('--bs', type=int, default=128)
p.add_argument('--steps', type=int, default=20)
p.add_argument('--archs', default='paper_vgg,eyenet')
args = p.parse_args()
torch.set_num_threads(args.threads)

def cpu_name():
    try: return next(l.split(':', 1)[1].strip() for l in subprocess.run(['lscpu'], capture_output=True, text=True).stdout.splitlines()
                     if l.startswith('Model name'))
    except Exception: return platform.processor() or platform.machine()

load0 = os.getloadavg()
rows = []
for arch in args.archs.split(','):
    size = default_size(arch)
    model = create_model(arch, channels_last=False)
    for dtype in (torch.float32, torch.bfloat16):
        for cl in (False, True):
            native = dtype == torch.float32 or cpu_bf16_supported()
            # emulated bf16 is 10-20x slower: a few small batches are enough to show it
            bs, steps, warmup = (args.bs, args.steps, 3) if native else (16, 2, 1)
            ips = train_throughput(model, size, bs=bs, steps=steps, warmup=warmup, dtype=dtype, channels_last=cl)
            rows.append((arch, f'{size[0]}×{size[1]}', f'{n_params(model)/1e6:.2f}M', str(dtype).replace('torch.', ''),
                         'channels-last' if cl else 'NCHW', f'{ips:,.0f}'))
            print(*rows[-1], file=sys.stderr, flush=True)
load1 = os.getloadavg()

print(f"Command: `{' '.join(['python', 'bench/bench_models.py', *sys.argv[1:]])}`")
print(f"Machine: {cpu_name()}, {os.cpu_count()} CPUs, {args.threads} torch threads, native bf16: {cpu_bf16_supported()}; "
      f"torch {torch.__version__}, Python {platform.python_version()}; {datetime.date.today()}")
print(f"Batch {args.bs}, best of {args.steps} steps (bf16 without native support: batch 16, best of 2). "
      f"Load average before/after: {load0[0]:.2f}/{load1[0]:.2f} (above 0 = other processes were running).\n")
print('| arch | input | params | dtype | memory format | train img/s |')
print('|---|---|---|---|---|---|')
for r in rows: print('| ' + ' | '.join(r) + ' |')
