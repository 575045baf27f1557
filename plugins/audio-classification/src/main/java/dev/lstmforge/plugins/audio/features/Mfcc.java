package dev.lstmforge.plugins.audio.features;

import java.util.Arrays;
import java.util.Objects;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Mel-frequency cepstral coefficients of a mono clip, in plain Java over JTransforms and equal to
 * {@code librosa.feature.mfcc(y, sr, n_mfcc, n_fft, hop_length, n_mels, fmin, fmax)} with
 * librosa 0.10's defaults for everything else:
 *
 * <ol>
 *   <li>frames of {@code nFft} samples every {@code hopLength} samples, centred: the clip is padded
 *       with {@code nFft / 2} zeros on both sides, giving {@code 1 + samples / hopLength} frames
 *       (so a clip shorter than a frame, even an empty one, still gives one frame);
 *   <li>each frame times a periodic Hann window, then its power spectrum {@code |X[k]|^2} for
 *       {@code k = 0 .. nFft / 2};
 *   <li>{@code nMels} triangular filters on the Slaney mel scale between {@code fmin} and {@code
 *       fmax}, each scaled to unit area (Slaney normalisation), summed over the power spectrum;
 *   <li>when {@link MfccConfig#log()}: {@code 10 log10(max(1e-10, mel))} (reference power 1.0),
 *       and every value below the clip's maximum minus {@link MfccConfig#topDb()} raised to it;
 *   <li>the orthonormal DCT-II over the mel axis, keeping the first {@code nMfcc} coefficients.
 * </ol>
 *
 * <p>The computation runs in double precision and rounds the coefficients to float at the end:
 * the results agree with a float64 torchaudio rendering of the same definition to within float
 * rounding of the output (see {@code MfccReferenceTest}); librosa itself, which works in float32,
 * agrees with them to its own float32 precision. Non-finite samples give NaN coefficients in the
 * frames that contain them.
 *
 * <p>The window, the mel filter bank (sparse: each filter's nonzero bin range) and the DCT matrix
 * are computed once per instance, and the FFT and working buffers are reused between calls, so an
 * instance is <b>not thread-safe</b>: use one per thread. The mel buffer grows to the longest clip
 * seen ({@code 8 * nMels} bytes per frame).
 *
 * <pre>{@code
 * Mfcc mfcc = new Mfcc(MfccConfig.defaults(8000));
 * float[][] features = mfcc.compute(samples);   // [1 + samples.length / 512][40]
 *
 * float[] flat = new float[mfcc.frames(n) * mfcc.config().nMfcc()];
 * int frames = mfcc.compute(buffer, n, flat);   // no allocation once warmed up
 * }</pre>
 */
public final class Mfcc {

    private static final double AMIN = 1e-10;
    private static final double REF = 1.0;
    private static final double REF_DB = 10.0 * Math.log10(Math.max(AMIN, REF));

    private final MfccConfig config;
    private final int nFft;
    private final int half;
    private final int hop;
    private final int nMels;
    private final int nMfcc;
    private final double[] window;
    private final MelFilterBank bank;
    private final double[] dct; // [nMfcc][nMels], row-major
    private final double[] dctT; // [nMels][nMfcc], row-major
    private final double[] coefficients;
    private final DoubleFFT_1D fft;
    private final double[] frame;
    private final double[] power;
    private double[] mel = new double[0]; // [frames][nMels], row-major

    /**
     * Prepares the window, filter bank, DCT matrix and FFT for one configuration.
     *
     * @param config the settings
     */
    public Mfcc(MfccConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        nFft = config.nFft();
        half = nFft / 2;
        hop = config.hopLength();
        nMels = config.nMels();
        nMfcc = config.nMfcc();
        window = new double[nFft];
        for (int n = 0; n < nFft; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * n / nFft);
        }
        bank = new MelFilterBank(config.sampleRate(), nFft, nMels, config.fmin(), config.effectiveFmax());
        dct = dctMatrix(nMfcc, nMels);
        dctT = new double[nMels * nMfcc];
        for (int k = 0; k < nMfcc; k++) {
            for (int i = 0; i < nMels; i++) {
                dctT[i * nMfcc + k] = dct[k * nMels + i];
            }
        }
        coefficients = new double[nMfcc];
        fft = new DoubleFFT_1D(nFft);
        frame = new double[nFft];
        power = new double[half + 1];
    }

    /** The orthonormal DCT-II: {@code sqrt(2 / n) c_k cos(pi k (2m + 1) / 2n)}, {@code c_0 = 1 / sqrt(2)}. */
    static double[] dctMatrix(int rows, int n) {
        double[] d = new double[rows * n];
        double scale = Math.sqrt(2.0 / n);
        for (int k = 0; k < rows; k++) {
            double ck = k == 0 ? scale / Math.sqrt(2.0) : scale;
            for (int m = 0; m < n; m++) {
                d[k * n + m] = ck * Math.cos(Math.PI * k * (2 * m + 1) / (2.0 * n));
            }
        }
        return d;
    }

    /**
     * The settings this instance computes with.
     *
     * @return the configuration
     */
    public MfccConfig config() {
        return config;
    }

    /**
     * How many frames a clip gives.
     *
     * @param samples the clip length in samples
     * @return {@code 1 + samples / hopLength}
     * @throws IllegalArgumentException if {@code samples} is negative
     */
    public int frames(int samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("samples " + samples + " must not be negative");
        }
        return 1 + samples / hop;
    }

    /**
     * Computes the coefficients of a whole clip.
     *
     * @param samples the clip, mono, at {@link MfccConfig#sampleRate()}, usually in [-1, 1]
     * @return {@code [frames(samples.length)][nMfcc]} coefficients, frame by frame
     */
    public float[][] compute(float[] samples) {
        Objects.requireNonNull(samples, "samples");
        int frames = melSpectrogram(samples, samples.length);
        float[][] result = new float[frames][nMfcc];
        for (int t = 0; t < frames; t++) {
            cepstrum(t, result[t], 0);
        }
        return result;
    }

    /**
     * Computes the coefficients of the first {@code length} samples into a caller's buffer,
     * frame after frame: coefficient {@code c} of frame {@code t} goes to {@code out[t * nMfcc +
     * c]}. Allocates nothing once the instance has seen a clip this long.
     *
     * @param samples the clip, mono, at {@link MfccConfig#sampleRate()}
     * @param length  how many samples of {@code samples} form the clip; 0 to {@code samples.length}
     * @param out     receives {@code frames(length) * nMfcc} values; may be longer
     * @return the number of frames written, {@code frames(length)}
     * @throws IllegalArgumentException if {@code length} is out of range or {@code out} is too short
     */
    public int compute(float[] samples, int length, float[] out) {
        checkBuffers(samples, length, out, nMfcc, "nMfcc");
        int frames = melSpectrogram(samples, length);
        for (int t = 0; t < frames; t++) {
            cepstrum(t, out, t * nMfcc);
        }
        return frames;
    }

    /**
     * Computes the log-mel spectrogram of the first {@code length} samples into a caller's
     * buffer: steps 1 to 4 of the class description without the DCT, band {@code b} of frame
     * {@code t} going to {@code out[t * nMels + b]}, in dB (or power when the configuration has
     * {@code log} off). The MFCC are the DCT of exactly these values.
     *
     * @param samples the clip, mono, at {@link MfccConfig#sampleRate()}
     * @param length  how many samples of {@code samples} form the clip; 0 to {@code samples.length}
     * @param out     receives {@code frames(length) * nMels} values; may be longer
     * @return the number of frames written, {@code frames(length)}
     * @throws IllegalArgumentException if {@code length} is out of range or {@code out} is too short
     */
    public int computeLogMel(float[] samples, int length, float[] out) {
        checkBuffers(samples, length, out, nMels, "nMels");
        int frames = melSpectrogram(samples, length);
        double[] m = mel;
        for (int i = 0, cells = frames * nMels; i < cells; i++) {
            out[i] = (float) m[i];
        }
        return frames;
    }

    /** Checks a caller's clip length and that {@code out} holds {@code perFrame} values for every frame. */
    private void checkBuffers(float[] samples, int length, float[] out, int perFrame, String perFrameName) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(out, "out");
        if (length < 0 || length > samples.length) {
            throw new IllegalArgumentException(
                    "length " + length + " must be between 0 and samples.length (" + samples.length + ")");
        }
        long needed = (long) frames(length) * perFrame;
        if (out.length < needed) {
            throw new IllegalArgumentException("out.length " + out.length + " must be at least frames * " + perFrameName
                    + " (" + needed + ") for " + length + " samples");
        }
    }

    /** Fills {@link #mel} with the (log, clipped) mel spectrogram of the clip; returns the frames. */
    private int melSpectrogram(float[] samples, int length) {
        int frames = frames(length);
        long cells = (long) frames * nMels;
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(
                    "length " + length + " gives " + frames + " frames, too many for one clip of " + nMels + " mels");
        }
        if (mel.length < cells) {
            mel = new double[(int) cells];
        }
        double[] m = mel;
        double[] f = frame;
        double[] w = window;
        double[] p = power;
        for (int t = 0; t < frames; t++) {
            // Frame t covers samples start .. start + nFft - 1 of the clip; outside it, zeros.
            int start = t * hop - half;
            int lo = Math.max(0, -start);
            int hi = Math.min(nFft, length - start);
            for (int n = 0; n < lo; n++) {
                f[n] = 0.0;
            }
            for (int n = lo; n < hi; n++) {
                f[n] = samples[start + n] * w[n];
            }
            for (int n = hi; n < nFft; n++) {
                f[n] = 0.0;
            }
            fft.realForward(f);
            // JTransforms' layout: f[0] = Re X[0], f[1] = Re X[n/2], f[2k], f[2k+1] = Re, Im X[k].
            p[0] = f[0] * f[0];
            p[half] = f[1] * f[1];
            for (int k = 1; k < half; k++) {
                double re = f[2 * k];
                double im = f[2 * k + 1];
                p[k] = re * re + im * im;
            }
            bank.apply(p, m, t * nMels);
        }
        int cellCount = (int) cells;
        if (config.log()) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < cellCount; i++) {
                double db = 10.0 * Math.log10(Math.max(AMIN, m[i])) - REF_DB;
                m[i] = db;
                if (db > max) {
                    max = db;
                }
            }
            double topDb = config.topDb();
            if (topDb > 0 && topDb < Double.POSITIVE_INFINITY) {
                double floor = max - topDb;
                for (int i = 0; i < cellCount; i++) {
                    if (m[i] < floor) {
                        m[i] = floor;
                    }
                }
            }
        }
        return frames;
    }

    /** Writes the DCT of mel frame {@code t} to {@code out[offset .. offset + nMfcc - 1]}. */
    private void cepstrum(int t, float[] out, int offset) {
        // acc += dctT[i] * mel[i], mel band by mel band: an axpy over the coefficients, which
        // the JIT vectorises (a dot product per coefficient would be a serial reduction).
        double[] m = mel;
        double[] d = dctT;
        double[] acc = coefficients;
        int base = t * nMels;
        Arrays.fill(acc, 0.0);
        for (int i = 0; i < nMels; i++) {
            double v = m[base + i];
            int row = i * nMfcc;
            for (int k = 0; k < nMfcc; k++) {
                acc[k] += d[row + k] * v;
            }
        }
        for (int k = 0; k < nMfcc; k++) {
            out[offset + k] = (float) acc[k];
        }
    }

    /** The filter bank, for tests. */
    MelFilterBank filterBank() {
        return bank;
    }

    /** The DCT matrix, {@code [nMfcc][nMels]} row-major, for tests. */
    double[] dct() {
        return dct.clone();
    }
}
