#!/usr/bin/env python3
"""Writes the reference numbers that the Java drift tests check against.

Generates fixed sample pairs (fixed seed, values rounded to 6 decimals so the JSON text is short
and both languages parse the very same doubles), runs SciPy's two-sample Kolmogorov-Smirnov test
on them, computes the PSI the way dev.lstmforge.runtime.drift.Psi defines it with numpy, and
writes samples and results to ../resources/drift/ks_psi_reference.json.

The Java tests only read that JSON; Python is needed only to regenerate it:

    python3 src/test/python/ks_psi_reference.py     (from platform-core/lstmforge-runtime)

Made with SciPy 1.10.1 and numpy 1.24.2 (the Debian 12 packages python3-scipy, python3-numpy).
"""

import json
import os
import warnings

import numpy as np
import scipy
from scipy import stats

RNG = np.random.default_rng(20240601)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "drift",
                   "ks_psi_reference.json")


def values(x):
    """Rounds to 6 decimals and returns plain floats (json writes them with repr: exact)."""
    return [float(v) for v in np.round(np.asarray(x, dtype=float), 6)]


def ks_case(name, a, b, note):
    a = values(a)
    b = values(b)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a silent fallback from exact to asymp would mislead
        auto = stats.ks_2samp(a, b, method="auto")
        n, m = len(a), len(b)
        auto_method = "exact" if max(n, m) <= 10000 else "asymp"
        exact = stats.ks_2samp(a, b, method="exact")
    asymp = stats.ks_2samp(a, b, method="asymp")
    en = n * m / (n + m)
    return {
        "name": name,
        "note": note,
        "a": a,
        "b": b,
        "n": n,
        "m": m,
        "effectiveN": en,
        "d": float(auto.statistic),
        "pAuto": float(auto.pvalue),
        "autoMethod": auto_method,
        "pExact": float(exact.pvalue),
        "pAsymp": float(asymp.pvalue),
    }


def psi_edges(reference, bins):
    """Interior edges: reference quantiles at k/bins (linear interpolation), duplicates merged;
    a constant reference c gets [nextafter(c, -inf), c]."""
    ref = np.asarray(reference, dtype=float)
    if ref.min() == ref.max():
        c = ref[0]
        return np.array([np.nextafter(c, -np.inf), c])
    q = np.quantile(ref, np.arange(1, bins) / bins)  # numpy's default "linear" = type 7
    return np.unique(q)


def psi_fractions(x, edges):
    """Bins closed on the right: the bin of x is the number of edges strictly below x."""
    idx = np.searchsorted(edges, np.asarray(x, dtype=float), side="left")
    return np.bincount(idx, minlength=len(edges) + 1) / len(x)


def psi_case(name, reference, current, note, bins=10):
    reference = values(reference)
    current = values(current)
    edges = psi_edges(reference, bins)
    r = psi_fractions(reference, edges)
    c = psi_fractions(current, edges)
    r = np.where(r == 0, 1e-4, r)
    c = np.where(c == 0, 1e-4, c)
    psi = float(np.sum((c - r) * np.log(c / r)))
    return {
        "name": name,
        "note": note,
        "bins": bins,
        "reference": reference,
        "current": current,
        "edges": [float(e) for e in edges],
        "psi": psi,
    }


def main():
    normal = RNG.standard_normal
    ks = [
        ks_case("tiny", normal(8), normal(7) + 0.8, "n=8, m=7, continuous"),
        ks_case("equal-sizes", normal(50), normal(50) + 0.4, "n = m = 50"),
        ks_case("ties", RNG.poisson(3.0, 30), RNG.poisson(3.6, 40), "integer data, many ties"),
        ks_case("ties-rounded", np.round(normal(120), 1), np.round(normal(90) * 1.3, 1),
                "one decimal, ties within and across samples"),
        ks_case("medium-shift", normal(300), normal(200) + 0.3, "n=300, m=200, shift 0.3"),
        ks_case("tiny-p", normal(100), normal(120) + 1.5, "p around 1e-20: relative precision"),
        ks_case("no-shift", normal(400), normal(350), "same distribution"),
        ks_case("drift-check-size", normal(2000), normal(1000) + 0.08,
                "reference sample 2000, window 1000"),
        ks_case("large", normal(5000), normal(4000) + 0.05,
                "n*m = 2e7: Java's auto method is asymptotic here, SciPy's is exact"),
        ks_case("large-same", normal(4500), normal(3000),
                "n*m = 1.35e7, same distribution; asymptotic in Java"),
        ks_case("disjoint", normal(20), normal(25) + 100.0, "D = 1"),
    ]
    same = normal(40)
    ks.append(ks_case("identical", same, same, "the same values twice: D = 0, p = 1"))

    psi = [
        psi_case("normal-shift", normal(1000), normal(800) + 0.5, "N(0,1) vs N(0.5,1)"),
        psi_case("normal-same", normal(1000), normal(1000), "fresh sample of the same N(0,1)"),
        psi_case("poisson-ties", RNG.poisson(2.0, 500), RNG.poisson(2.5, 400),
                 "integer data: tied quantiles merge edges"),
        psi_case("outside-range", normal(300), normal(200) * 3.0,
                 "current values beyond the reference range land in the end bins"),
        psi_case("five-bins", RNG.exponential(1.0, 333), RNG.exponential(1.2, 250), "bins = 5",
                 bins=5),
    ]
    fixture = {
        "generator": "src/test/python/ks_psi_reference.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "ks": ks,
        "psi": psi,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    for c in ks:
        print(f"ks  {c['name']:18s} n={c['n']:5d} m={c['m']:5d} D={c['d']:.6f} "
              f"p_auto={c['pAuto']:.6g} p_exact={c['pExact']:.6g} p_asymp={c['pAsymp']:.6g}")
    for c in psi:
        print(f"psi {c['name']:18s} edges={len(c['edges'])} psi={c['psi']:.6f}")


if __name__ == "__main__":
    main()
