package dev.lstmforge.plugins.audio;

import dev.lstmforge.plugins.audio.features.Mfcc;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import java.util.List;

/**
 * Turns a clip's samples into the model's two input streams, both with one step per MFCC frame:
 *
 * <ul>
 *   <li>stream 0, spectral: {@code nMfcc} MFCC per frame (or, with {@code features=logmel}, the
 *       {@code nMels} log-mel bands they come from), standardised per coefficient with the
 *       training clips' statistics;
 *   <li>stream 1, waveform: the raw samples cut into consecutive chunks of {@code hopLength}
 *       samples (chunk {@code t} starts where frame {@code t} is centred), scaled by one over the
 *       training samples' RMS, zero after the clip's end. A raw 22,050 Hz clip is tens of
 *       thousands of steps long, too long for an LSTM to carry information through; as chunks it
 *       has as many steps as MFCC frames (43 per second with the defaults), and each step's input
 *       is a short stretch of waveform the LSTM learns its own filters on.
 * </ul>
 *
 * Not thread-safe (it reuses an {@link Mfcc}); use one per thread.
 *
 * <pre>{@code
 * ClipEncoder enc = new ClipEncoder(state);
 * Sequence s = enc.encode(samples, 3);        // label 3
 * s.length();                                  // MFCC frames = 1 + samples.length / hop
 * }</pre>
 */
public final class ClipEncoder {

    private final AudioState state;
    private final Mfcc mfcc;
    private final int n;
    private final int hop;
    private final boolean logMel;

    /**
     * Creates an encoder for a model's settings.
     *
     * @param state the settings and, for {@link #encode}, the fitted statistics
     */
    public ClipEncoder(AudioState state) {
        this.state = state;
        this.mfcc = new Mfcc(state.mfccConfig());
        this.n = state.spectralWidth();
        this.logMel = state.logMel();
        this.hop = state.hopLength;
    }

    /**
     * Returns the steps a clip of {@code samples} samples becomes.
     *
     * @param samples the clip length
     * @return the MFCC frame count
     */
    public int steps(int samples) {
        return mfcc.frames(samples);
    }

    /**
     * Computes a clip's raw (unstandardised) spectral frames, MFCC or log-mel, {@code frames *
     * spectralWidth} values, frame-major.
     *
     * @param samples the clip
     * @return the coefficients
     */
    public float[] rawMfcc(float[] samples) {
        samples = withoutDc(samples);
        float[] out = new float[mfcc.frames(samples.length) * n];
        spectral(samples, out);
        normaliseClip(out);
        return out;
    }

    /** Computes the spectral stream's frames (MFCC or log-mel bands) of a DC-free clip into {@code out}. */
    private void spectral(float[] samples, float[] out) {
        if (logMel) {
            mfcc.computeLogMel(samples, samples.length, out);
        } else {
            mfcc.compute(samples, samples.length, out);
        }
    }

    /** Returns the clip minus its mean sample value when the state asks for it, else the clip itself. */
    private float[] withoutDc(float[] samples) {
        if (!state.removeDc || samples.length == 0) {
            return samples;
        }
        double sum = 0;
        for (float v : samples) {
            sum += v;
        }
        float mean = (float) (sum / samples.length);
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i] - mean;
        }
        return out;
    }

    /** Applies the per-clip normalisation the state asks for (CMN, and CVN on top of it). */
    private void normaliseClip(float[] m) {
        if (state.cmn) {
            subtractClipMean(m, n);
            if (state.cvn) {
                divideClipStd(m, n);
            }
        }
    }

    /**
     * Cepstral variance normalisation of a mean-free clip: divides each coefficient by its root
     * mean square over the clip's frames (left alone when that is near 0, as for a constant band).
     */
    private static void divideClipStd(float[] m, int n) {
        int frames = m.length / n;
        for (int c = 0; c < n; c++) {
            double sq = 0;
            for (int t = 0; t < frames; t++) {
                sq += (double) m[t * n + c] * m[t * n + c];
            }
            double rms = Math.sqrt(sq / Math.max(1, frames));
            if (rms > 1e-6) {
                float inv = (float) (1 / rms);
                for (int t = 0; t < frames; t++) {
                    m[t * n + c] *= inv;
                }
            }
        }
    }

    /**
     * Cepstral mean normalisation: subtracts each coefficient's mean over the clip's frames, which
     * removes a fixed channel response and part of the speaker's fixed spectral colouring.
     */
    private static void subtractClipMean(float[] m, int n) {
        int frames = m.length / n;
        for (int c = 0; c < n; c++) {
            double sum = 0;
            for (int t = 0; t < frames; t++) {
                sum += m[t * n + c];
            }
            float mean = (float) (sum / frames);
            for (int t = 0; t < frames; t++) {
                m[t * n + c] -= mean;
            }
        }
    }

    /**
     * Encodes a clip with the fitted statistics.
     *
     * @param samples the clip, at the model's sample rate
     * @param label the class index (any value for a request)
     * @return both streams, {@code steps(samples.length)} steps
     */
    public Sequence encode(float[] samples, int label) {
        samples = withoutDc(samples);
        int steps = mfcc.frames(samples.length);
        float[] m = standardised(samples, steps);
        float[] w = new float[steps * hop];
        int copy = Math.min(samples.length, w.length);
        float scale = state.waveScale;
        for (int i = 0; i < copy; i++) {
            w[i] = samples[i] * scale;
        }
        return new Sequence(new float[][] {m, w}, steps, label);
    }

    /**
     * Computes a clip's MFCC stream alone, exactly as {@link #encode} does: the model's input
     * features without the waveform stream (for the template-matching baseline).
     *
     * @param samples the clip, at the model's sample rate
     * @return {@code steps(samples.length) * spectralWidth} standardised values, frame-major
     */
    public float[] standardisedMfcc(float[] samples) {
        samples = withoutDc(samples);
        return standardised(samples, mfcc.frames(samples.length));
    }

    /** The spectral frames of a DC-free clip, normalised per clip and standardised with the fitted statistics. */
    private float[] standardised(float[] samples, int steps) {
        float[] m = new float[steps * n];
        spectral(samples, m);
        normaliseClip(m);
        float[] mean = state.mfccMean;
        float[] std = state.mfccStd;
        for (int t = 0, i = 0; t < steps; t++) {
            for (int c = 0; c < n; c++, i++) {
                m[i] = (m[i] - mean[c]) / std[c];
            }
        }
        return m;
    }

    /**
     * Fits the MFCC statistics and the waveform scale on training clips and stores them in the
     * state. Constant coefficients (for example mel bands above a low-rate recording's band
     * limit) get a standard deviation of 1, so they stay at 0 after standardising.
     *
     * @param state the state to fill
     * @param rawMfcc each training clip's raw MFCC, from {@link #rawMfcc}
     * @param samples each training clip's samples
     */
    public static void fit(AudioState state, List<float[]> rawMfcc, List<float[]> samples) {
        int n = state.spectralWidth();
        double[] sum = new double[n];
        double[] sq = new double[n];
        long frames = 0;
        for (float[] m : rawMfcc) {
            for (int i = 0; i < m.length; i++) {
                sum[i % n] += m[i];
            }
            frames += m.length / n;
        }
        float[] mean = new float[n];
        for (int c = 0; c < n; c++) {
            mean[c] = (float) (sum[c] / frames);
        }
        for (float[] m : rawMfcc) {
            for (int i = 0; i < m.length; i++) {
                double d = m[i] - mean[i % n];
                sq[i % n] += d * d;
            }
        }
        float[] std = new float[n];
        for (int c = 0; c < n; c++) {
            double s = Math.sqrt(sq[c] / Math.max(1, frames - 1));
            std[c] = s > 1e-6 ? (float) s : 1f;
        }
        double energy = 0;
        long count = 0;
        for (float[] x : samples) {
            double dc = 0;
            if (state.removeDc && x.length > 0) {
                for (float v : x) {
                    dc += v;
                }
                dc /= x.length;
            }
            for (float v : x) {
                energy += (v - dc) * (v - dc);
            }
            count += x.length;
        }
        double rms = Math.sqrt(energy / Math.max(1, count));
        state.mfccMean = mean;
        state.mfccStd = std;
        state.waveScale = rms > 1e-9 ? (float) (1 / rms) : 1f;
    }
}
