"""One SNAS search step of the authors' model (SNAS-Series SNAS/model_search.py, patched to the CPU),
timed the way snas4j's `bench` times its supernet: forward, ONE backward of cross-entropy plus the
reparametrised log resource penalty (mild constraint, lambda 1.5e-3, as the authors' command), weight
gradients clipped to norm 5, SGD momentum 0.9 / weight decay 3e-4 for the weights, Adam (0.5, 0.999),
weight decay 1e-3 for alpha; random data. Not part of snas4j's build: run it beside a scratch copy of the authors' SNAS/ folder (see BENCHMARKS.md).

usage: /usr/bin/python3 time_step.py LAYERS C SIZE IN_CHANNELS BATCH THREADS WARMUP STEPS
"""
import argparse, os, resource, statistics, sys, time, types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("SNAS_DIR", os.path.join(HERE, "SNAS")))   # the authors' SNAS/ folder, patched to the CPU
sys.modules.setdefault("torchvision", types.ModuleType("torchvision"))          # utils.py imports it, drop_path does not need it
sys.modules.setdefault("torchvision.transforms", types.ModuleType("torchvision.transforms"))

import torch
import torch.nn as nn
from model_search import Network

layers, C, size, in_channels, batch, threads, warmup, steps = (int(a) for a in sys.argv[1:9])
torch.set_num_threads(threads)
torch.set_num_interop_threads(threads)
torch.manual_seed(1)

args = argparse.Namespace(
    snas=True, dsnas=False, use_ckpt=False, resample_layer=False, resource_efficient=True, resource_lambda=1.5e-3,
    method="reparametrization", drop_path_prob=0.0, normalization=False, running_mean_var=False, separation="all",
    log_penalty=True, loss=True, ckpt_false_list="[]", bn_affine=False, distributed=False, minus_baseline=False,
    loc_mean=1.0, loc_std=0.01, temp=1.0, nsample=1, init_channels=C, auxiliary=False, auxiliary_weight=0.4,
    random_sample=False, random_sample_fix_temp=False, gen_max_child_flag=False, prox_policy_opt=False,
    edge_reward=False, edge_reward_norm=False, edge_reward_norm_mean_0=False, add_entropy_loss=False, ratio=1.0)
criterion = nn.CrossEntropyLoss()
model = Network(C, 10, layers, criterion, args, 0, 1)
if in_channels != 3:   # the authors' stem reads 3 channels; Fashion-MNIST has 1
    model.stem[0] = nn.Conv2d(in_channels, 3 * C, 3, padding=1, bias=False)
model.train()
weights = list(model.parameters())
optimizer = torch.optim.SGD(weights, 0.025, momentum=0.9, weight_decay=3e-4)
arch_optimizer = torch.optim.Adam(model.arch_parameters(), lr=3e-4, betas=(0.5, 0.999), weight_decay=1e-3)
images = torch.randn(batch, in_channels, size, size)
labels = torch.randint(0, 10, (batch,))

def step():
    logits, _, penalty, _, _ = model(images)
    loss = criterion(logits, labels) + args.resource_lambda * (penalty[37] / 6 + args.ratio * penalty[38] / 2)
    optimizer.zero_grad()
    arch_optimizer.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(weights, 5)
    optimizer.step()
    arch_optimizer.step()
    return float(loss)

for _ in range(warmup):
    step()
times = []
cpu_start = time.process_time()
for _ in range(steps):
    start = time.perf_counter()
    step()
    times.append(time.perf_counter() - start)
cpu = (time.process_time() - cpu_start) / steps
peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9
print(f"authors layers={layers} C={C} input={size}x{size}x{in_channels} batch={batch} threads={threads} torch={torch.__version__} "
      f"params={sum(p.numel() for p in weights)} | median {1000 * statistics.median(times):.0f} ms/step "
      f"(min {1000 * min(times):.0f}, max {1000 * max(times):.0f}, n={steps}), CPU {cpu:.2f} s/step, peak RSS {peak_gb:.2f} GB, "
      f"load {os.getloadavg()[0]:.2f}")
