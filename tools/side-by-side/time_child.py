"""One retraining step of the authors' evaluation network (SNAS-Series SNAS/model.py NetworkCIFAR, CPU),
timed as snas4j's `bench --network child` times its child: forward, backward of cross-entropy, weight
gradients clipped to norm 5, SGD momentum 0.9 / weight decay 3e-4; random data. Run it beside a scratch copy of the authors' SNAS/ folder (see BENCHMARKS.md).

usage: /usr/bin/python3 time_child.py LAYERS C SIZE IN_CHANNELS BATCH THREADS WARMUP STEPS
"""
import os, resource, statistics, sys, time, types
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("SNAS_DIR", os.path.join(HERE, "SNAS")))   # the authors' SNAS/ folder, patched to the CPU
sys.modules.setdefault("torchvision", types.ModuleType("torchvision"))
sys.modules.setdefault("torchvision.transforms", types.ModuleType("torchvision.transforms"))
import torch
import torch.nn as nn
from model import NetworkCIFAR
import genotypes

layers, C, size, in_channels, batch, threads, warmup, steps = (int(a) for a in sys.argv[1:9])
torch.set_num_threads(threads)
torch.set_num_interop_threads(threads)
torch.manual_seed(1)
model = NetworkCIFAR(C, 10, layers, False, genotypes.SNAS_mild)
if in_channels != 3:
    model.stem[0] = nn.Conv2d(in_channels, 3 * C, 3, padding=1, bias=False)
model.drop_path_prob = 0.0
model.train()
criterion = nn.CrossEntropyLoss()
weights = list(model.parameters())
optimizer = torch.optim.SGD(weights, 0.025, momentum=0.9, weight_decay=3e-4)
images = torch.randn(batch, in_channels, size, size)
labels = torch.randint(0, 10, (batch,))

def step():
    logits, _ = model(images)
    loss = criterion(logits, labels)
    optimizer.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(weights, 5)
    optimizer.step()
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
print(f"authors child SNAS_mild layers={layers} C={C} input={size}x{size}x{in_channels} batch={batch} threads={threads} "
      f"torch={torch.__version__} params={sum(p.numel() for p in weights)} | median {1000 * statistics.median(times):.0f} ms/step "
      f"(min {1000 * min(times):.0f}, max {1000 * max(times):.0f}, n={steps}), CPU {cpu:.2f} s/step, peak RSS {peak_gb:.2f} GB, "
      f"load {os.getloadavg()[0]:.2f}")
