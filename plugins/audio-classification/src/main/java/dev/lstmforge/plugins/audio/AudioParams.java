package dev.lstmforge.plugins.audio;

import dev.lstmforge.plugins.audio.data.FullFsdd;
import dev.lstmforge.plugins.audio.data.Splits;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.support.train.CommonParams;
import java.util.List;

/** The hyper-parameters of the audio project, with defaults from the source document. */
public final class AudioParams {

    private AudioParams() {}

    /** What to train on when no {@code --data} is given. */
    public static final Param<String> DATASET = Param.choice(
                    "dataset",
                    "auto",
                    List.of("auto", FullFsdd.NAME),
                    "without --data: auto (the data root's audio/fsdd, else generated sounds) or fsdd-full (all six FSDD"
                            + " speakers, 3,000 clips, fetched once into the data root's audio/fsdd-full from the"
                            + " dataset's GitHub repository at a pinned commit and verified file by file)")
            .perRun();

    /** How the clips are split. */
    public static final Param<String> SPLIT = Param.choice(
                    "split",
                    "auto",
                    Splits.MODES,
                    "auto (official for FSDD names, fold for a metadata CSV, random otherwise), official (FSDD takes 0-4"
                            + " test), speaker (whole speakers held out), fold (whole folds held out), random (stratified)")
            .perRun();

    /** Speakers or folds held out. */
    public static final Param<String> HOLD_OUT = Param.text(
                    "holdOut",
                    "",
                    "speakers (split=speaker) or folds such as fold10 (split=fold) held out for the test, comma-separated;"
                            + " default: the last in sorted order")
            .perRun();

    /** Share of each class tested in random mode. */
    public static final Param<Double> TEST_FRACTION = CommonParams.TEST_FRACTION.withDefault(0.2);

    /** Share of the training side used for validation. */
    public static final Param<Double> VALIDATION_FRACTION = CommonParams.VALIDATION_FRACTION.withDefault(0.1);

    /** Decoding rate. */
    public static final Param<Integer> SAMPLE_RATE = Param.integer(
            "sampleRate",
            22050,
            1000,
            192000,
            "clips are resampled to this rate (Hz) and mixed to mono; 22050 is librosa's default, as in the"
                    + " source document");

    /** MFCC coefficients. */
    public static final Param<Integer> N_MFCC = Param.integer("nMfcc", 40, 1, 256, "MFCC coefficients per frame");

    /** FFT size. */
    public static final Param<Integer> N_FFT = Param.integer("nFft", 2048, 16, 65536, "FFT window in samples");

    /** Hop. */
    public static final Param<Integer> HOP_LENGTH = Param.integer(
            "hopLength", 512, 1, 65536, "samples between frames; also the waveform stream's samples per step");

    /** Mel bands. */
    public static final Param<Integer> N_MELS = Param.integer("nMels", 128, 1, 512, "mel bands");

    /** What the spectral stream carries. */
    public static final Param<String> FEATURES = Param.choice(
            "features",
            "mfcc",
            List.of("mfcc", "logmel"),
            "the spectral stream's frames: mfcc (nMfcc cepstral coefficients) or logmel (the nMels log-mel bands"
                    + " they are computed from, for convChannels)");

    /** Convolutional front end of the spectral stream. */
    public static final Param<Integer> CONV_CHANNELS = Param.integer(
            "convChannels",
            0,
            0,
            256,
            "filters of a two-layer 3x3 convolution over (frame, band) of the spectral stream, each layer followed by"
                    + " max pooling of 2 bands, before the LSTM; 0 for none. Meant for features=logmel, where a band"
                    + " pattern moved by a few bands (another vocal tract) then looks nearly the same");

    /** Members of an ensemble. */
    public static final Param<Integer> MEMBERS = CommonParams.MEMBERS;

    /** Lowest mel edge. */
    public static final Param<Double> FMIN = Param.real("fmin", 0.0, 0, 96000, "lowest mel band edge (Hz)");

    /** Highest mel edge. */
    public static final Param<Double> FMAX =
            Param.real("fmax", 0.0, 0, 96000, "highest mel band edge (Hz); 0 means half the sample rate");

    /** dB floor below the loudest value. */
    public static final Param<Double> TOP_DB = Param.real(
            "topDb", 80.0, 0, 400, "dB range kept below each clip's loudest mel value (librosa's top_db); 0 keeps all");

    /** DC offset removal. */
    public static final Param<Boolean> REMOVE_DC = Param.flag(
            "removeDc",
            true,
            "subtract each clip's mean sample value (a microphone's DC offset) before computing features");

    /** Cepstral mean normalisation. */
    public static final Param<Boolean> CMN = Param.flag(
            "cmn",
            true,
            "subtract each clip's own mean from its MFCC (cepstral mean normalisation) before standardising; removes"
                    + " a fixed channel and part of a speaker's fixed colouring");

    /** Cepstral variance normalisation. */
    public static final Param<Boolean> CVN = Param.flag(
            "cvn",
            false,
            "after cepstral mean normalisation, also divide each coefficient by its standard deviation over the clip"
                    + " (per-clip CMVN; needs cmn)");

    /** Longest clip. */
    public static final Param<Double> MAX_SECONDS =
            Param.real("maxSeconds", 10.0, 0.05, 600, "longer clips are cut to this many seconds (with a warning)");

    /** Which streams the model reads. */
    public static final Param<String> STREAMS = Param.choice(
            "streams",
            "both",
            List.of("both", "mfcc", "waveform"),
            "the two-stream model, or one stream alone (the ablation)");

    /** How an LSTM's outputs become one vector per clip. */
    public static final Param<String> READOUT = Param.choice(
            "readout",
            "last",
            List.of("last", "mean"),
            "read each stream's LSTM at the clip's own last frame, or average it over the clip's frames (masked mean"
                    + " pooling); padding changes neither");

    /** LSTM units per stream. */
    public static final Param<Integer> HIDDEN_SIZE = CommonParams.HIDDEN_SIZE.withDefault(64);

    /** LSTM layers per stream. */
    public static final Param<Integer> LAYERS = CommonParams.LAYERS.withDefault(1);

    /** Dropout. */
    public static final Param<Double> DROPOUT = CommonParams.DROPOUT.withDefault(0.2);

    /** Stream dropout. */
    public static final Param<Double> STREAM_DROPOUT = Param.real(
            "streamDropout",
            0.5,
            0,
            0.95,
            "in training, drop each stream's reading of a clip with this probability (never both), so the dense"
                    + " layer cannot lean on one stream alone (streams=both only)");

    /** Training-only augmentation. */
    public static final Param<Boolean> AUGMENT = Param.flag(
                    "augment",
                    true,
                    "augment training clips only, anew each epoch: speed +-10%, time shift up to 0.1 s, gain +-6 dB, noise at"
                            + " 20-40 dB SNR")
            .perRun();

    /** Largest speed change of the augmentation. */
    public static final Param<Double> SPEED_CHANGE = Param.real(
                    "speedChange",
                    0.1,
                    0,
                    0.5,
                    "with augment, the largest relative speed change either way (resampling moves pitch and formants, as a"
                            + " longer or shorter vocal tract would)")
            .perRun();

    /** Training-only masking. */
    public static final Param<Boolean> MASK = Param.flag(
            "mask",
            false,
            "with augment, also hide up to two short stretches of each training clip and a band of MFCC coefficients"
                    + " (SpecAugment-style masking)");

    /** The real baseline the model is compared with. */
    public static final Param<String> BASELINE = Param.choice(
                    "baseline",
                    "dtw",
                    List.of("dtw", "none"),
                    "dtw: also classify each test clip by its nearest training clip under dynamic time warping of the"
                            + " standardised MFCC (template matching, no learning) and test the model against it with an"
                            + " exact McNemar test; none: skip it (it costs a few seconds per thousand test clips)")
            .perRun();

    /**
     * Returns every parameter, training ones first.
     *
     * @return the declarations
     */
    public static List<Param<?>> all() {
        return TrainingParams.defaults()
                .epochs(40)
                .patience(8)
                .batchSize(32)
                .learningRate(0.002)
                .after(
                        DATASET,
                        SPLIT,
                        HOLD_OUT,
                        TEST_FRACTION,
                        VALIDATION_FRACTION,
                        SAMPLE_RATE,
                        N_MFCC,
                        N_FFT,
                        HOP_LENGTH,
                        N_MELS,
                        FEATURES,
                        FMIN,
                        FMAX,
                        TOP_DB,
                        REMOVE_DC,
                        CMN,
                        CVN,
                        MAX_SECONDS,
                        STREAMS,
                        READOUT,
                        HIDDEN_SIZE,
                        CONV_CHANNELS,
                        MEMBERS,
                        LAYERS,
                        DROPOUT,
                        STREAM_DROPOUT,
                        AUGMENT,
                        SPEED_CHANGE,
                        MASK,
                        BASELINE);
    }
}
