"""Why sensor drift is watched on step-to-step changes rather than raw readings.

Compares, with scipy's two-sample KS test, the training half of NAB machine temperature with
(a) 20 block resamples of it (18 blocks of 50 consecutive readings, 900 values) and (b) every
window of 900 consecutive readings in it, for raw readings and for their first differences.
A feature that suits drift monitoring flags about 5% of these at p < 0.05.

Run with Debian's python3-scipy: /usr/bin/python3 drift_feature_choice.py DATA_ROOT
Output on the shared data (2026-12-04):

raw block resample flagged 20 /20; contiguous windows flagged 12 / 12
   ambient_temperature_ p 0.0
   ec2_request_latency_ p 0.0
  test half last 900 p 8.353238331157725e-188
diff block resample flagged 1 /20; contiguous windows flagged 0 / 12
   ambient_temperature_ p 0.06638694573359005
   ec2_request_latency_ p 1.4941142455328617e-45
  test half last 900 p 0.9920745121168484
"""
import csv
import random
import sys

import numpy as np
from scipy.stats import ks_2samp


def load(path):
    with open(path) as f:
        return np.array([float(r[1]) for r in list(csv.reader(f))[1:]])


def main(root):
    base = root + "/sensor/nab/"
    m = load(base + "machine_temperature_system_failure.csv")
    train = m[: len(m) // 2]
    for name, feat in [("raw", lambda x: x), ("diff", np.diff)]:
        ref = feat(train)
        flagged = 0
        for seed in range(20):
            rnd = random.Random(seed)
            out = []
            while len(out) < 900:
                s = rnd.randrange(0, len(train) - 51)
                out += list(feat(train[s : s + 51]))
            flagged += ks_2samp(ref, np.array(out[:900])).pvalue < 0.05
        windows = [ks_2samp(ref, feat(train[s : s + 901])).pvalue for s in range(0, len(train) - 901, 900)]
        print(name, "block resample flagged", flagged, "/20; contiguous windows flagged",
              sum(p < 0.05 for p in windows), "/", len(windows))
        for other in ["ambient_temperature_system_failure.csv", "ec2_request_latency_system_failure.csv"]:
            print("  ", other[:20], "p", ks_2samp(ref, feat(load(base + other))[:900]).pvalue)
        print("  test half last 900 p", ks_2samp(ref, feat(m[-901:])).pvalue)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../../../../../shared/data")
