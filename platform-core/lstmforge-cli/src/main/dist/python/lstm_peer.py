#!/usr/bin/python3
"""Plain-PyTorch peer of LSTM Forge's stock-forecast network, for side-by-side benchmarks.

The network is the one `stock-forecast` builds with its defaults: a stacked LSTM
(`--hidden` units, `--layers` layers, batch first) whose last step feeds a Linear layer with
one output; MSE loss, Adam with learning rate 1e-3, mini-batches of 64 shuffled windows of
`--window` steps and one feature. The data is a seeded random walk of `--samples` windows, the
size of the stock plugin's training part on AAPL, so no file is needed.

It measures what `lstmforge bench --suite` measures on the JVM side:
  * training samples per second: the training pass of each epoch only (no validation), the
    median of epochs 2..N, and the median of that over `--repeats` runs;
  * one-window inference latency (batch 1, no gradients): p50, p99 and p99.9 of
    `--latency-calls` calls after a warm-up;
  * batch-64 forward time: the median of `--batch-calls` calls;
each inference figure at both the cores' thread count and one thread, the better one reported
(with the count it came from).

It prints one JSON object, including which BLAS library the process loaded (Debian's
python3-torch uses the system BLAS: the reference BLAS is 8x slower than OpenBLAS) and the
thread counts. `lstmforge bench --suite --python` runs it at its best: Debian's OpenMP build
of OpenBLAS first on LD_LIBRARY_PATH (/usr/lib/x86_64-linux-gnu/openblas-openmp) and
OMP_NUM_THREADS set to the number of cores, the fastest set-up measured. By hand:

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS=2 \
        /usr/bin/python3 lstm_peer.py --window 60 --hidden 50
"""

import argparse
import json
import os
import platform
import statistics
import time

import torch
from torch import nn


class StockNet(nn.Module):
    """LSTM layers, the last step's output, one Linear output."""

    def __init__(self, hidden, layers, features=1):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, layers, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1, :])


def blas_library():
    """Names the BLAS shared library mapped into this process, from /proc/self/maps."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    except OSError:
        return "unknown"
    for p in sorted(paths):
        if "openblas-openmp" in p:
            return "OpenBLAS (OpenMP): " + p
        if "openblas-pthread" in p:
            return "OpenBLAS (pthreads): " + p
        if "libblas" in p and "openblas" not in p:
            return "reference BLAS (slow): " + p
    return ", ".join(sorted(paths)) or "none found"


def windows(samples, window, seed):
    """A seeded random walk cut into standardised windows and next-step targets."""
    g = torch.Generator().manual_seed(seed)
    walk = torch.cumsum(torch.randn(samples + window + 1, generator=g) * 0.01, 0)
    x = torch.stack([walk[i : i + window] for i in range(samples)]).unsqueeze(-1)
    y = walk[window : window + samples].unsqueeze(-1)
    mean, std = x.mean(), x.std()
    return (x - mean) / std, (y - mean) / std


def train_speed(args, seed):
    """Samples per second of the training pass, median over epochs 2..N."""
    torch.manual_seed(seed)
    x, y = windows(args.samples, args.window, seed)
    net = StockNet(args.hidden, args.layers)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    speeds = []
    for _ in range(args.epochs):
        order = torch.randperm(args.samples)
        net.train()
        start = time.perf_counter()
        for b in range(0, args.samples, args.batch):
            idx = order[b : b + args.batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
        speeds.append(args.samples / (time.perf_counter() - start))
    return statistics.median(speeds[1:])


def percentile(sorted_values, q):
    """The q-quantile by the nearest-rank method."""
    k = max(0, min(len(sorted_values) - 1, int(round(q * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def inference(args):
    """One-window latency percentiles and the batch-64 forward time, in milliseconds."""
    torch.manual_seed(1)
    net = StockNet(args.hidden, args.layers).eval()
    one = torch.randn(1, args.window, 1)
    batch = torch.randn(64, args.window, 1)
    with torch.no_grad():
        for _ in range(args.warmup):
            net(one)
        times = []
        for _ in range(args.latency_calls):
            t = time.perf_counter()
            net(one)
            times.append((time.perf_counter() - t) * 1000)
        for _ in range(20):
            net(batch)
        batch_times = []
        for _ in range(args.batch_calls):
            t = time.perf_counter()
            net(batch)
            batch_times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "one_window_p50_ms": percentile(times, 0.50),
        "one_window_p99_ms": percentile(times, 0.99),
        "one_window_p999_ms": percentile(times, 0.999),
        "batch64_forward_ms": statistics.median(batch_times),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--window", type=int, default=60)
    p.add_argument("--hidden", type=int, default=50)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--samples", type=int, default=1800)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--latency-calls", type=int, default=2000)
    p.add_argument("--batch-calls", type=int, default=200)
    p.add_argument("--no-inference", action="store_true", help="measure training only")
    args = p.parse_args()
    runs = [train_speed(args, 42 + r) for r in range(args.repeats)]
    out = {
        "system": "python-pytorch",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "blas": blas_library(),
        "torch_threads": torch.get_num_threads(),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "window": args.window,
        "hidden": args.hidden,
        "layers": args.layers,
        "samples": args.samples,
        "batch": args.batch,
        "epochs": args.epochs,
        "train_samples_per_second": statistics.median(runs),
        "train_samples_per_second_runs": runs,
    }
    if not args.no_inference:
        # Python at its best here too: each figure from the intra-op thread count that gave the
        # better one (one window: often a single thread; batch 64: often all cores).
        by_threads = {}
        for n in sorted({torch.get_num_threads(), 1}, reverse=True):
            torch.set_num_threads(n)
            by_threads[n] = inference(args)
        lat = min(by_threads, key=lambda n: by_threads[n]["one_window_p50_ms"])
        bat = min(by_threads, key=lambda n: by_threads[n]["batch64_forward_ms"])
        out.update({k: v for k, v in by_threads[lat].items() if k.startswith("one_window")})
        out["one_window_threads"] = lat
        out["batch64_forward_ms"] = by_threads[bat]["batch64_forward_ms"]
        out["batch64_threads"] = bat
        out["inference_by_threads"] = {str(n): r for n, r in by_threads.items()}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
