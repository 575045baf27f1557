package dev.lstmforge.plugins.audio;

import dev.lstmforge.plugins.audio.features.MfccConfig;
import java.util.List;

/**
 * What a trained audio model needs besides its parameters, saved as {@code state.json}: the
 * classes, how a clip becomes features (sample rate, MFCC settings, the longest clip read), the
 * feature statistics fitted on the training clips only, the streams the model reads, and where
 * the data came from and how it was split.
 */
public final class AudioState {

    /** Class names, in output order. */
    public List<String> classes;

    /** Clips are decoded, resampled and mixed to mono at this rate. */
    public int sampleRate;

    /** MFCC coefficients per frame. */
    public int nMfcc;

    /** FFT size (window length) in samples. */
    public int nFft;

    /** Samples between frames; also the waveform stream's samples per step. */
    public int hopLength;

    /** Mel bands. */
    public int nMels;

    /**
     * {@code mfcc} or {@code logmel}: what the spectral stream carries; absent (null) in models
     * saved before the setting existed, which read MFCC.
     */
    public String features;

    /**
     * Returns what the spectral stream carries.
     *
     * @return {@code mfcc} or {@code logmel}
     */
    public String featuresOrDefault() {
        return features == null ? "mfcc" : features;
    }

    /**
     * Returns whether the spectral stream carries log-mel bands rather than MFCC.
     *
     * @return true for {@code features=logmel}
     */
    public boolean logMel() {
        return "logmel".equals(featuresOrDefault());
    }

    /**
     * Returns the values per step of the two input streams, in input order.
     *
     * @return {@code {spectralWidth(), hopLength}}
     */
    public int[] streamWidths() {
        return new int[] {spectralWidth(), hopLength};
    }

    /**
     * Returns the spectral stream's values per frame.
     *
     * @return {@link #nMels} for log-mel features, else {@link #nMfcc}
     */
    public int spectralWidth() {
        return logMel() ? nMels : nMfcc;
    }

    /** Lowest mel band edge in Hz. */
    public double fmin;

    /** Highest mel band edge in Hz; 0 means half the sample rate. */
    public double fmax;

    /** dB range kept below each clip's loudest mel value; 0 keeps all. */
    public double topDb;

    /** Longer clips are cut to this many seconds. */
    public double maxSeconds;

    /** Subtract each clip's mean sample value (a recording's DC offset) before anything else. */
    public boolean removeDc;

    /** Subtract each clip's own mean from its MFCC (cepstral mean normalisation). */
    public boolean cmn;

    /**
     * Also divide each coefficient by its standard deviation over the clip (after {@link #cmn});
     * absent, and so false, in models saved before the setting existed.
     */
    public boolean cvn;

    /** Per-coefficient (or per-band, for log-mel features) mean of the training clips' frames. */
    public float[] mfccMean;

    /** Per-coefficient (or per-band) standard deviation of the training clips' frames. */
    public float[] mfccStd;

    /** The waveform stream is multiplied by this: one over the training samples' RMS. */
    public float waveScale;

    /** {@code both}, {@code mfcc} or {@code waveform}: the streams the model reads. */
    public String streams;

    /**
     * {@code last} or {@code mean}: how each stream's LSTM outputs become one vector per clip;
     * absent (null) in models saved before the setting existed, which read the last step.
     */
    public String readout;

    /**
     * Returns how the model reads its LSTMs' outputs.
     *
     * @return the readout, {@code last} when the state predates the setting
     */
    public String readoutOrDefault() {
        return readout == null ? "last" : readout;
    }

    /** How the data was laid out (FSDD file names, folder-per-class, metadata CSV, generated). */
    public String layout;

    /** Where the training data came from. */
    public String dataSource;

    /** The split in words. */
    public String split;

    /** Held-out speakers or folds, when the split holds out groups. */
    public List<String> testGroups;

    /**
     * Returns the MFCC settings.
     *
     * @return the configuration
     */
    public MfccConfig mfccConfig() {
        // log-mel features do not use the cepstrum, so nMfcc need not fit under nMels
        int coefficients = logMel() ? Math.min(nMfcc, nMels) : nMfcc;
        return new MfccConfig(sampleRate, coefficients, nFft, hopLength, nMels, fmin, fmax, topDb, true);
    }

    /**
     * Returns the longest clip in samples.
     *
     * @return the sample limit
     */
    public int maxSamples() {
        return (int) Math.round(maxSeconds * sampleRate);
    }
}
