#!/usr/bin/env bash
# The paper's VGG with the paper's recipe, and our best recipe, on one CUDA GPU in mixed precision (`eye_learner`
# calls fastai's `to_fp16` on CUDA; on a CPU the same commands run in float32). Each result is appended as a row to
# bench/gpu_results.csv (`maskthefer evaluate --results`), with its command, machine and time.
#
#   bash bench/gpu_paper.sh [EPOCHS_PAPER] [EPOCHS_OURS]        # defaults: 150 (the paper's) and 18
#   DATA=../shared/data OUT=outputs/gpu bash bench/gpu_paper.sh
#
# Checked on CPU with one epoch each on the shipped sample: DATA=sample OUT=/tmp/gpu bash bench/gpu_paper.sh 1 1
set -euo pipefail
cd "$(dirname "$0")/.."
paper_epochs=${1:-150}; our_epochs=${2:-18}
out=${OUT:-outputs/gpu}; data=${DATA:-${MASKTHEFER_DATA:-../shared/data}}
[ "$data" = sample ] && data_opt=() || data_opt=(--data "$data")
results=${RESULTS:-bench/gpu_results.csv}
python -c "import torch; print('device:', torch.cuda.get_device_name() if torch.cuda.is_available() else 'CPU (no CUDA: float32)')"
maskthefer prepare --dataset fer2013 "${data_opt[@]}" --out "$out/fer2013"
maskthefer train --dataset fer2013 --prepared "$out/fer2013" --arch paper_vgg --recipe paper --epochs "$paper_epochs" \
  --seed 0 --out "$out/fer2013/models/paper_vgg_paper_$paper_epochs"
maskthefer evaluate --model "$out/fer2013/models/paper_vgg_paper_$paper_epochs" --results "$results"
maskthefer train --dataset fer2013 --prepared "$out/fer2013" --arch eyenet_wide --recipe onecycle --epochs "$our_epochs" \
  --seed 0 --teacher face --out "$out/fer2013/models/eyenet_wide_kd_onecycle_$our_epochs"
maskthefer evaluate --model "$out/fer2013/models/eyenet_wide_kd_onecycle_$our_epochs" --results "$results"
echo "rows appended to $results"
