#!/usr/bin/python3
"""Reference MFCC values for dev.lstmforge.plugins.audio.features.Mfcc, computed with torchaudio.

Usage (Debian's packages; PyPI is not needed):
    apt-get install -y python3-torch python3-torchaudio libopenblas0-openmp
    /usr/bin/python3 plugins/audio-classification/src/test/python/mfcc_reference.py ../shared/data \
        plugins/audio-classification/src/test/resources/mfcc-reference

The first argument is the data root (FSDD WAVs under audio/fsdd/), the second the output folder
(default: the mfcc-reference test resources next to this script). It writes one JSON fixture per
(clip, configuration), a mel filter bank fixture and index.json listing them all. The Java tests
read only the JSON; they never run Python.

The definition reproduced is librosa's (0.10) librosa.feature.mfcc:
    S   = |STFT(y)|^2, periodic Hann window of n_fft, center=True with ZERO padding of n_fft // 2
          on both sides (pad_mode "constant"), frames = 1 + len // hop
    M   = mel filter bank (Slaney mel scale, Slaney area normalisation) @ S
    D   = 10 log10(max(1e-10, M)) - 10 log10(max(1e-10, ref=1.0)); D = max(D, max(D) - top_db)
          with max over the whole clip (all frames and all mel bands)
    C   = orthonormal DCT-II of D along the mel axis, first n_mfcc rows
torchaudio is configured to match it:
  * MelSpectrogram(center=True, pad_mode="constant", power=2.0, normalized=False,
    window_fn=torch.hann_window (periodic=True is torch's default), norm="slaney",
    mel_scale="slaney", f_max given explicitly).
  * AmplitudeToDB("power", top_db): amplitude_to_DB reshapes its input to
    (batch, channel, freq, time) and takes the max over (channel, freq, time), so for the 2-D
    (n_mels, frames) spectrogram used here the clipping floor is the max of the whole clip, as in
    librosa. check_top_db_is_whole_clip() verifies this on every fixture.
  * create_dct(n_mfcc, n_mels, norm="ortho") is the transposed orthonormal DCT-II matrix (row 0
    scaled by 1/sqrt(2), all rows by sqrt(2/n_mels)), i.e. scipy.fftpack.dct(type=2, norm="ortho"),
    which librosa uses. check_dct_is_orthonormal() verifies D @ D.T == I for n_mfcc == n_mels.
  * For log=False, torchaudio's MFCC transform has no "raw mel power" mode (log_mels=True gives
    log(mel + 1e-6), log_mels=False gives dB), so the fixtures are computed from MelSpectrogram and
    create_dct directly: C = dct.T @ M. For log=True the script also checks that
    torchaudio.transforms.MFCC gives the same numbers as the explicit pipeline.
  * numpy_mel_power() writes librosa's framing, window and filter bank out in numpy; every
    fixture's mel power must agree with torchaudio's to 1e-12 relative to its maximum.
Definition differences between torchaudio and librosa, and how they are avoided here:
  * torchaudio's melscale_fbanks spaces the FFT bin frequencies as linspace(0, sample_rate // 2)
    (integer division) where librosa uses k * sr / n_fft; they agree only for even sample rates.
    All fixtures use even rates (8000, 22050).
  * torchaudio's default f_max is float(sample_rate // 2); the script always passes f_max.
  * librosa computes the filter bank and, for float32 input, the STFT in float32. This script
    sets torch's default dtype to float64 and feeds float64 samples, so the fixtures are the exact
    definition to about 1e-12 relative; librosa itself agrees with them only to float32 precision.
Inputs: FSDD WAVs are 16-bit PCM; samples are int16 / 32768 (as soundfile/librosa read them),
rounded to float32 (the Java side takes float[]), then widened to float64. The synthetic signal
is computed in float64 by the formula in synthetic() and rounded to float32 the same way.
"""

import hashlib
import json
import math
import os
import sys
import wave

import numpy as np
import torch
import torchaudio
import torchaudio.functional as F
import torchaudio.transforms as T

torch.set_default_dtype(torch.float64)

AMIN = 1e-10
REF = 1.0

FSDD_FILES = [
    "6_nicolas_7.wav",  # 1149 samples: shorter than n_fft = 2048 (the shortest FSDD clip)
    "0_george_0.wav",
    "9_jackson_12.wav",
    "3_lucas_7.wav",  # 10504 samples: the longest FSDD clip
]


def config(sample_rate, n_mfcc=40, n_fft=2048, hop=512, n_mels=128, fmin=0.0, fmax=0.0, top_db=80.0, log=True):
    return {
        "sampleRate": sample_rate,
        "nMfcc": n_mfcc,
        "nFft": n_fft,
        "hopLength": hop,
        "nMels": n_mels,
        "fmin": float(fmin),
        "fmax": float(fmax),
        "topDb": float(top_db),
        "log": log,
    }


def effective_fmax(cfg):
    return cfg["fmax"] if cfg["fmax"] > 0 else cfg["sampleRate"] / 2.0


def synthetic(sample_rate, n):
    """Two sines plus a linear chirp; the Java test evaluates the same formula (MfccFixtures)."""
    t = np.arange(n, dtype=np.float64) / sample_rate
    y = (
        0.5 * np.sin(2 * math.pi * 440.0 * t)
        + 0.25 * np.sin(2 * math.pi * 1234.5 * t + 0.3)
        + 0.2 * np.sin(2 * math.pi * (200.0 * t + 0.5 * 3000.0 * t * t))
    )
    return y.astype(np.float32)


SYNTHETIC_FORMULA = (
    "t = n / sampleRate; y = (float) (0.5 sin(2 pi 440 t) + 0.25 sin(2 pi 1234.5 t + 0.3)"
    " + 0.2 sin(2 pi (200 t + 0.5 * 3000 t^2))), n = 0 .. samples-1"
)


def read_fsdd(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise SystemExit(f"{path}: expected 16-bit mono PCM")
        rate = w.getframerate()
        raw = w.readframes(w.getnframes())
    pcm = np.frombuffer(raw, dtype="<i2")
    return rate, (pcm.astype(np.float64) / 32768.0).astype(np.float32)


def mel_power(samples, cfg):
    """(n_mels, frames) mel power spectrogram in float64."""
    mel = T.MelSpectrogram(
        sample_rate=cfg["sampleRate"],
        n_fft=cfg["nFft"],
        hop_length=cfg["hopLength"],
        f_min=cfg["fmin"],
        f_max=effective_fmax(cfg),
        n_mels=cfg["nMels"],
        window_fn=torch.hann_window,  # periodic=True by default
        power=2.0,
        normalized=False,
        center=True,
        pad_mode="constant",
        norm="slaney",
        mel_scale="slaney",
    )
    y = torch.from_numpy(samples.astype(np.float64))
    with torch.no_grad():
        return mel(y)


def numpy_mel_power(samples, cfg):
    """The same (n_mels, frames) mel power written out in numpy after librosa's code, as a check
    that the torchaudio configuration above really is librosa's definition."""
    n_fft, hop, sr = cfg["nFft"], cfg["hopLength"], cfg["sampleRate"]
    y = np.pad(samples.astype(np.float64), n_fft // 2)  # zero padding, center=True
    frames = 1 + (len(y) - n_fft) // hop
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)  # periodic Hann
    spec = np.stack([np.abs(np.fft.rfft(y[t * hop : t * hop + n_fft] * window)) ** 2 for t in range(frames)], axis=1)
    logstep = math.log(6.4) / 27.0

    def hz_to_mel(f):  # Slaney: linear below 1000 Hz (15 mel), logarithmic above
        return 15.0 + math.log(f / 1000.0) / logstep if f >= 1000.0 else f / (200.0 / 3)

    def mel_to_hz(m):
        return np.where(m >= 15.0, 1000.0 * np.exp(logstep * (m - 15.0)), m * (200.0 / 3))

    mel_f = mel_to_hz(np.linspace(hz_to_mel(cfg["fmin"]), hz_to_mel(effective_fmax(cfg)), cfg["nMels"] + 2))
    fft_f = np.arange(n_fft // 2 + 1) * sr / n_fft  # librosa's rfftfreq
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_f[None, :]
    weights = np.zeros((cfg["nMels"], len(fft_f)))
    for i in range(cfg["nMels"]):
        weights[i] = np.maximum(0, np.minimum(-ramps[i] / fdiff[i], ramps[i + 2] / fdiff[i + 1]))
    weights *= (2.0 / (mel_f[2:] - mel_f[:-2]))[:, None]  # Slaney area normalisation
    return weights @ spec


def check_top_db_is_whole_clip(m, top_db, db):
    """torchaudio's clipping floor must be max over the whole 2-D clip minus top_db, as librosa's."""
    raw = 10.0 * np.log10(np.maximum(AMIN, m.numpy())) - 10.0 * math.log10(max(AMIN, REF))
    expected = np.maximum(raw, raw.max() - top_db) if top_db > 0 else raw
    diff = np.abs(expected - db.numpy()).max()
    assert diff < 1e-9, f"top_db clipping differs from librosa's whole-clip definition by {diff}"


def check_dct_is_orthonormal(n):
    d = F.create_dct(n, n, norm="ortho")  # (n_mels, n_mfcc)
    err = (d.t() @ d - torch.eye(n)).abs().max().item()
    assert err < 1e-12, f"create_dct(norm='ortho') is not orthonormal: {err}"
    # and equals the textbook orthonormal DCT-II: sqrt(2/N) c_k cos(pi k (2m+1) / 2N)
    k = np.arange(n)[:, None]
    m = np.arange(n)[None, :]
    ref = np.sqrt(2.0 / n) * np.cos(math.pi * k * (2 * m + 1) / (2 * n))
    ref[0] /= math.sqrt(2.0)
    err = np.abs(d.t().numpy() - ref).max()
    assert err < 1e-12, f"create_dct(norm='ortho') differs from the DCT-II definition: {err}"


def mfcc(samples, cfg):
    m = mel_power(samples, cfg)
    err = np.abs(m.numpy() - numpy_mel_power(samples, cfg)).max() / m.max().item()
    assert err < 1e-12, f"torchaudio's mel power differs from the numpy rendering of librosa's by {err}"
    dct = F.create_dct(cfg["nMfcc"], cfg["nMels"], norm="ortho")  # (n_mels, n_mfcc)
    if cfg["log"]:
        top_db = cfg["topDb"] if cfg["topDb"] > 0 else None
        to_db = T.AmplitudeToDB(stype="power", top_db=top_db)  # amin 1e-10, ref 1.0
        with torch.no_grad():
            db = to_db(m)
        check_top_db_is_whole_clip(m, cfg["topDb"], db)
        c = (db.t() @ dct).t()
        if top_db is not None:
            # torchaudio's own MFCC transform must agree with the explicit pipeline.
            melkwargs = {
                "n_fft": cfg["nFft"],
                "hop_length": cfg["hopLength"],
                "f_min": cfg["fmin"],
                "f_max": effective_fmax(cfg),
                "n_mels": cfg["nMels"],
                "window_fn": torch.hann_window,
                "power": 2.0,
                "center": True,
                "pad_mode": "constant",
                "norm": "slaney",
                "mel_scale": "slaney",
            }
            t = T.MFCC(sample_rate=cfg["sampleRate"], n_mfcc=cfg["nMfcc"], dct_type=2, norm="ortho",
                       log_mels=False, melkwargs=melkwargs)
            t.amplitude_to_DB.top_db = top_db
            with torch.no_grad():
                c2 = t(torch.from_numpy(samples.astype(np.float64)))
            diff = (c2 - c).abs().max().item()
            assert diff < 1e-9, f"torchaudio.transforms.MFCC differs from the explicit pipeline by {diff}"
    else:
        c = (m.t() @ dct).t()
    frames = 1 + len(samples) // cfg["hopLength"]
    assert c.shape == (cfg["nMfcc"], frames), (c.shape, frames)
    return c.t().numpy()  # (frames, n_mfcc)


def versions():
    return {"torch": torch.__version__, "torchaudio": torchaudio.__version__, "numpy": np.__version__}


def write(out_dir, name, obj, index):
    with open(os.path.join(out_dir, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    index.append(name)


def fixture(name, source, cfg, samples):
    values = mfcc(samples, cfg)
    return {
        "name": name,
        "generator": "src/test/python/mfcc_reference.py",
        "versions": versions(),
        "source": source,
        "config": cfg,
        "frames": int(values.shape[0]),
        "values": [[float(v) for v in row] for row in values],
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data_root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../../../../../shared/data")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "../resources/mfcc-reference")
    os.makedirs(out_dir, exist_ok=True)
    for n in (13, 40, 128):
        check_dct_is_orthonormal(n)
    index = []

    fsdd_configs = {
        "defaults": config(8000),
        "small": config(8000, n_mfcc=13, n_fft=512, hop=128, n_mels=40, fmin=20.0, fmax=3800.0),
    }
    for file in FSDD_FILES:
        path = os.path.join(data_root, "audio", "fsdd", file)
        with open(path, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        rate, samples = read_fsdd(path)
        for cname, cfg in fsdd_configs.items():
            assert rate == cfg["sampleRate"]
            name = f"fsdd-{file[:-4]}-{cname}.json"
            source = {"kind": "fsdd", "file": "audio/fsdd/" + file, "sha256": sha, "samples": int(len(samples))}
            write(out_dir, name, fixture(name, source, cfg, samples), index)

    synthetic_cases = [
        ("synthetic-22050-defaults.json", 22050 * 13 // 10, config(22050)),
        ("synthetic-22050-short.json", 1000, config(22050)),  # shorter than n_fft
        ("synthetic-22050-small-topdb40.json", 22050 // 2,
         config(22050, n_mfcc=20, n_fft=1024, hop=256, n_mels=64, fmin=50.0, fmax=9000.0, top_db=40.0)),
        ("synthetic-22050-noclip.json", 22050 // 2, config(22050, n_mfcc=13, top_db=0.0)),
        ("synthetic-22050-power.json", 22050 // 2, config(22050, n_mfcc=13, n_mels=40, log=False)),
    ]
    for name, n, cfg in synthetic_cases:
        samples = synthetic(cfg["sampleRate"], n)
        source = {"kind": "synthetic", "formula": SYNTHETIC_FORMULA, "samples": n}
        write(out_dir, name, fixture(name, source, cfg, samples), index)

    # The mel filter bank alone, as torchaudio builds it: weights[mel][bin].
    cfg = fsdd_configs["small"]
    fb = F.melscale_fbanks(cfg["nFft"] // 2 + 1, cfg["fmin"], effective_fmax(cfg), cfg["nMels"],
                           cfg["sampleRate"], norm="slaney", mel_scale="slaney")
    write(out_dir, "melbank-small.json", {
        "name": "melbank-small.json",
        "generator": "src/test/python/mfcc_reference.py",
        "versions": versions(),
        "config": cfg,
        "weights": [[float(v) for v in row] for row in fb.t().numpy()],
    }, index)

    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump({"versions": versions(), "fixtures": index}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(index)} fixtures to {out_dir} with torch {torch.__version__}, torchaudio {torchaudio.__version__}")


if __name__ == "__main__":
    main()
