package dev.lstmforge.plugins.audio.features;

/**
 * The settings of an {@link Mfcc} computation, named and defined as in librosa's {@code
 * librosa.feature.mfcc} (librosa 0.10 defaults: periodic Hann window, centred frames padded with
 * zeros, power spectrum, Slaney mel scale and filter normalisation, {@code power_to_db} with
 * {@code amin = 1e-10} and {@code ref = 1.0}, orthonormal DCT-II).
 *
 * <p>The compact constructor validates every field and throws {@link IllegalArgumentException}
 * with a message naming the field and its value, e.g. {@code "nMfcc 0 must be between 1 and nMels
 * (128)"}.
 *
 * @param sampleRate the sample rate of the audio in Hz; at least 1
 * @param nMfcc      how many cepstral coefficients to keep per frame; between 1 and {@code nMels}
 * @param nFft       the frame and FFT length in samples; even and at least 2 (any even length
 *                   works, powers of two are fastest)
 * @param hopLength  the distance between frame starts in samples; at least 1
 * @param nMels      how many triangular mel filters; at least 1
 * @param fmin       the lowest filter edge in Hz; at least 0 and below the effective {@code fmax}
 * @param fmax       the highest filter edge in Hz, at most {@code sampleRate / 2}; 0 or less means
 *                   {@code sampleRate / 2} (see {@link #effectiveFmax()})
 * @param topDb      the dynamic range kept in dB: every log-mel value below the clip's maximum
 *                   minus {@code topDb} is raised to that floor; 0 or less (or infinity) keeps
 *                   everything; ignored when {@code log} is false; not NaN
 * @param log        {@code true} for the DCT of the log-mel spectrogram in dB (the usual MFCC);
 *                   {@code false} for the DCT of the mel power itself
 */
public record MfccConfig(
        int sampleRate,
        int nMfcc,
        int nFft,
        int hopLength,
        int nMels,
        double fmin,
        double fmax,
        double topDb,
        boolean log) {

    /** Validates the fields; see the record description for the rules. */
    public MfccConfig {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sampleRate " + sampleRate + " must be at least 1");
        }
        if (nFft < 2 || nFft % 2 != 0) {
            throw new IllegalArgumentException("nFft " + nFft + " must be an even number of at least 2");
        }
        if (hopLength < 1) {
            throw new IllegalArgumentException("hopLength " + hopLength + " must be at least 1");
        }
        if (nMels < 1) {
            throw new IllegalArgumentException("nMels " + nMels + " must be at least 1");
        }
        if (nMfcc < 1 || nMfcc > nMels) {
            throw new IllegalArgumentException("nMfcc " + nMfcc + " must be between 1 and nMels (" + nMels + ")");
        }
        double nyquist = sampleRate / 2.0;
        if (!(fmax <= nyquist)) {
            throw new IllegalArgumentException(
                    "fmax " + fmax + " must be at most half the sample rate (" + nyquist + ")");
        }
        double top = fmax > 0 ? fmax : nyquist;
        if (!(fmin >= 0) || fmin >= top) {
            throw new IllegalArgumentException("fmin " + fmin + " must be at least 0 and below fmax (" + top + ")");
        }
        if (Double.isNaN(topDb)) {
            throw new IllegalArgumentException("topDb NaN must be a number (0 or less disables clipping)");
        }
    }

    /**
     * The usual settings for a sample rate: 40 coefficients from 128 mel filters over 0 Hz to
     * {@code sampleRate / 2}, 2048-sample frames every 512 samples, 80 dB dynamic range, in dB.
     *
     * @param sampleRate the sample rate of the audio in Hz
     * @return {@code new MfccConfig(sampleRate, 40, 2048, 512, 128, 0, 0, 80, true)}
     * @throws IllegalArgumentException if {@code sampleRate < 1}
     */
    public static MfccConfig defaults(int sampleRate) {
        return new MfccConfig(sampleRate, 40, 2048, 512, 128, 0.0, 0.0, 80.0, true);
    }

    /**
     * The highest filter edge actually used.
     *
     * @return {@code fmax} when it is above 0, else {@code sampleRate / 2}
     */
    public double effectiveFmax() {
        return fmax > 0 ? fmax : sampleRate / 2.0;
    }
}
