package dev.lstmforge.plugins.audio;

import static dev.lstmforge.plugins.audio.AudioParams.AUGMENT;
import static dev.lstmforge.plugins.audio.AudioParams.DROPOUT;
import static dev.lstmforge.plugins.audio.AudioParams.FMAX;
import static dev.lstmforge.plugins.audio.AudioParams.FMIN;
import static dev.lstmforge.plugins.audio.AudioParams.HIDDEN_SIZE;
import static dev.lstmforge.plugins.audio.AudioParams.HOLD_OUT;
import static dev.lstmforge.plugins.audio.AudioParams.HOP_LENGTH;
import static dev.lstmforge.plugins.audio.AudioParams.LAYERS;
import static dev.lstmforge.plugins.audio.AudioParams.MAX_SECONDS;
import static dev.lstmforge.plugins.audio.AudioParams.N_FFT;
import static dev.lstmforge.plugins.audio.AudioParams.N_MELS;
import static dev.lstmforge.plugins.audio.AudioParams.N_MFCC;
import static dev.lstmforge.plugins.audio.AudioParams.SAMPLE_RATE;
import static dev.lstmforge.plugins.audio.AudioParams.SPLIT;
import static dev.lstmforge.plugins.audio.AudioParams.STREAMS;
import static dev.lstmforge.plugins.audio.AudioParams.TEST_FRACTION;
import static dev.lstmforge.plugins.audio.AudioParams.TOP_DB;
import static dev.lstmforge.plugins.audio.AudioParams.VALIDATION_FRACTION;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import dev.lstmforge.plugins.audio.AudioData.Templates;
import dev.lstmforge.plugins.audio.data.AudioCatalog;
import dev.lstmforge.plugins.audio.data.Clip;
import dev.lstmforge.plugins.audio.data.FullFsdd;
import dev.lstmforge.plugins.audio.data.Splits;
import dev.lstmforge.plugins.audio.data.SyntheticSounds;
import dev.lstmforge.plugins.audio.decode.AudioDecoder;
import dev.lstmforge.plugins.audio.features.Mfcc;
import dev.lstmforge.plugins.audio.features.MfccConfig;
import dev.lstmforge.plugins.audio.translator.AudioServingTranslator;
import dev.lstmforge.spi.Benchmarked;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.DemoVariant;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.spi.TrainingRecipe;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.bench.TimedLoop;
import dev.lstmforge.support.block.EnsembleBlock;
import dev.lstmforge.support.block.EnsembleLoss;
import dev.lstmforge.support.block.SequenceStreamsBlock;
import dev.lstmforge.support.data.BucketedSequences;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import dev.lstmforge.support.download.VerifiedFetcher;
import dev.lstmforge.support.metrics.BaselineComparison;
import dev.lstmforge.support.metrics.ClassifierScore;
import dev.lstmforge.support.metrics.DtwNearestNeighbour;
import dev.lstmforge.support.serving.TopClasses;
import dev.lstmforge.support.train.Recipes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.pf4j.Extension;

/**
 * Audio classification of short sounds with the two-stream LSTM of the source document: MFCC
 * frames through one LSTM, the raw waveform (in hop-sized chunks) through another, both read at
 * each clip's own last frame, concatenated, and a dense softmax layer.
 *
 * <p>Data: the Free Spoken Digit Dataset naming ({@code {digit}_{speaker}_{index}.wav}), a
 * folder per class, or an UrbanSound8K-style metadata CSV (see {@link AudioCatalog}); any format
 * FFmpeg decodes, resampled to {@code sampleRate} and mixed to mono. Default data: the data
 * root's {@code audio/fsdd}, else generated vowel sounds (with a warning). Splits: FSDD's
 * official one, whole speakers or folds held out, or stratified random (see {@link Splits}); the
 * feature statistics come from the training clips only. Clips are batched by length and padded
 * within a batch; padding never changes a prediction.
 */
@Extension
public final class AudioClassificationProject implements LstmProject<AudioState, AudioData>, Benchmarked {

    /** The shared FSDD folder under the data root. */
    static final String FSDD = "audio/fsdd";

    /** Generated clips per class when there is no data. */
    static final int SYNTHETIC_PER_CLASS = 48;

    private static final int EVAL_BATCH = 64;

    @Override
    public ProjectInfo info() {
        return new ProjectInfo(
                "audio-classification",
                "Audio classification",
                "MFCC + raw-waveform two-stream LSTM classifier for short sounds (WAV, FLAC, MP3)",
                ProjectInfo.Task.CLASSIFICATION);
    }

    @Override
    public List<Param<?>> parameters() {
        return AudioParams.all();
    }

    /**
     * MFCC extraction speed with the default settings at 8 kHz, on one thread, as seconds of audio
     * per second: of wall time, and of this thread's CPU time (robust to other load).
     */
    @Override
    public Map<String, Double> benchmark(ProjectContext ctx, double seconds) {
        int rate = 8000;
        Mfcc mfcc = new Mfcc(MfccConfig.defaults(rate));
        float[] clip = SyntheticSounds.speechLike(rate, 10, ctx.seed());
        float[] out = new float[mfcc.frames(clip.length) * mfcc.config().nMfcc()];
        TimedLoop.Result r = TimedLoop.run(() -> mfcc.compute(clip, clip.length, out), seconds / 4, seconds);
        return Map.of(
                "mfcc_8khz_x_real_time", r.perSecond() * 10,
                "mfcc_8khz_x_real_time_cpu", r.perCpuSecond() * 10);
    }

    @Override
    public Class<AudioState> stateType() {
        return AudioState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        return List.of(
                new DemoVariant("two-stream", Map.of("streams", "both")),
                new DemoVariant("mfcc-only", Map.of("streams", "mfcc")),
                new DemoVariant("waveform-only", Map.of("streams", "waveform")));
    }

    @Override
    public AudioData prepare(ProjectContext ctx, AudioState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        AudioState state = fitted != null ? fitted : newState(hp);
        List<String> notes = new ArrayList<>();
        Random random = new Random(ctx.seed());

        if (ctx.dataPath().isPresent() && !"auto".equals(hp.get(AudioParams.DATASET))) {
            throw new DataException("dataset=" + hp.get(AudioParams.DATASET) + " and --data "
                    + ctx.dataPath().get() + " both name the data; give one of them");
        }
        Path data = ctx.dataPath().orElseGet(() -> defaultData(ctx, hp));
        AudioCatalog catalog;
        List<float[]> generated = null;
        if (data != null) {
            catalog = AudioCatalog.scan(data);
        } else {
            SyntheticSounds.Generated g =
                    SyntheticSounds.generate(state.sampleRate, SYNTHETIC_PER_CLASS, new Random(ctx.seed() + 1));
            catalog = g.catalog();
            generated = g.samples();
            String why = "no audio data given and no " + FSDD + " under the data root; trained on "
                    + catalog.clips().size() + " generated vowel sounds (5 classes, 4 synthetic voices)";
            ctx.warn(why);
            notes.add(why);
        }
        if (fitted != null && !catalog.classes().equals(fitted.classes)) {
            throw new DataException(catalog.sourceName() + ": the classes " + catalog.classes()
                    + " differ from the model's " + fitted.classes + " (it was trained on " + fitted.dataSource
                    + "); give --data, or --data-root, with the model's classes");
        }
        Splits.Plan plan = Splits.split(
                catalog,
                hp.get(SPLIT),
                Splits.list(hp.get(HOLD_OUT)),
                hp.get(TEST_FRACTION),
                hp.get(VALIDATION_FRACTION),
                random);

        Map<Clip, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < catalog.clips().size(); i++) {
            index.put(catalog.clips().get(i), i);
        }
        // a saved state with FINE_TUNE: build training data with the state unchanged; otherwise
        // a saved state means evaluation, which needs the test part only
        boolean fineTune = fitted != null && ctx.purpose() == ProjectContext.Purpose.FINE_TUNE;
        boolean evaluateOnly = fitted != null && !fineTune;
        boolean baseline = "dtw".equals(hp.get(AudioParams.BASELINE));
        List<Clip> needed = new ArrayList<>(plan.test());
        if (!evaluateOnly) {
            needed.addAll(plan.train());
            needed.addAll(plan.validation());
        } else if (baseline) {
            needed.addAll(plan.train());
        }
        Map<Clip, float[]> samples = decodeAll(needed, state, index, generated);
        long cut = needed.stream()
                .filter(c -> samples.get(c).length == state.maxSamples())
                .count();
        if (cut > 0) {
            String msg = cut + " clip(s) were " + state.maxSeconds + " s or longer and were cut to that length"
                    + " (maxSeconds)";
            ctx.warn(msg);
            notes.add(msg);
        }

        int members = hp.get(AudioParams.MEMBERS);
        if (members > 1) {
            notes.add("the model is an ensemble of " + members + " (members): its answer is their mean probability;"
                    + " in the training history the training loss is the members' mean and the validation loss the"
                    + " ensemble's, which is never above the members' mean on the same clips");
        }
        Map<String, double[]> drift = Map.of();
        if (fineTune) {
            List<float[]> wave = new ArrayList<>();
            plan.train().forEach(c -> wave.add(samples.get(c)));
            drift = AudioDrift.of(wave, state.sampleRate);
        } else if (!evaluateOnly) {
            ClipEncoder raw = new ClipEncoder(state);
            List<float[]> mfcc = new ArrayList<>();
            List<float[]> wave = new ArrayList<>();
            for (Clip c : plan.train()) {
                mfcc.add(raw.rawMfcc(samples.get(c)));
                wave.add(samples.get(c));
            }
            ClipEncoder.fit(state, mfcc, wave);
            drift = AudioDrift.of(wave, state.sampleRate);
            state.classes = catalog.classes();
            state.split = plan.description();
            state.testGroups = plan.testGroups();
            state.layout = catalog.layout().words();
            state.dataSource = catalog.sourceName();
        }
        int[] widths = state.streamWidths();
        int batch = hp.get(TrainingParams.BATCH_SIZE);
        List<Sequence> test = encodeAll(plan.test(), samples, state, catalog);
        Dataset train;
        Dataset validation;
        if (evaluateOnly) {
            train = new BucketedSequences(BucketedSequences.Items.of(List.of()), widths, batch, null);
            validation = train;
        } else {
            List<Sequence> valid = encodeAll(plan.validation(), samples, state, catalog);
            BucketedSequences.Items items = hp.get(AUGMENT)
                    ? augmented(plan.train(), samples, state, catalog, ctx.seed(), hp)
                    : BucketedSequences.Items.of(encodeAll(plan.train(), samples, state, catalog));
            train = new BucketedSequences(items, widths, batch, new Random(ctx.seed() + 2));
            validation = new BucketedSequences(BucketedSequences.Items.of(valid), widths, batch, null);
        }
        Templates templates = baseline ? templates(plan.train(), samples, state, catalog) : Templates.NONE;
        return new AudioData(
                train, validation, state, fingerprint(catalog, generated), plan, test, notes, drift, templates);
    }

    /**
     * The data used without {@code --data}: all six FSDD speakers when asked for (fetched once),
     * else the data root's {@code audio/fsdd}, else {@code null} for generated sounds.
     */
    private static Path defaultData(ProjectContext ctx, HyperParameters hp) {
        if (FullFsdd.NAME.equals(hp.get(AudioParams.DATASET))) {
            Path root = VerifiedFetcher.downloadRoot(ctx.dataRoot());
            long missing = FullFsdd.missing(root);
            if (missing > 0) {
                ctx.warn(missing + " of the FSDD recordings are not in " + root.resolve(FullFsdd.FOLDER)
                        + "; fetching them from " + FullFsdd.SOURCE);
            }
            return FullFsdd.ensure(root, new VerifiedFetcher(), FullFsdd.SOURCE);
        }
        return ctx.dataRoot()
                .map(r -> r.resolve(FSDD))
                .filter(Files::isDirectory)
                .orElse(null);
    }

    private static AudioState newState(HyperParameters hp) {
        AudioState s = new AudioState();
        s.sampleRate = hp.get(SAMPLE_RATE);
        s.nMfcc = hp.get(N_MFCC);
        s.nFft = hp.get(N_FFT);
        s.hopLength = hp.get(HOP_LENGTH);
        s.nMels = hp.get(N_MELS);
        s.fmin = hp.get(FMIN);
        s.fmax = hp.get(FMAX);
        s.topDb = hp.get(TOP_DB);
        s.maxSeconds = hp.get(MAX_SECONDS);
        s.cmn = hp.get(AudioParams.CMN);
        s.removeDc = hp.get(AudioParams.REMOVE_DC);
        s.cvn = hp.get(AudioParams.CVN);
        s.readout = hp.get(AudioParams.READOUT);
        s.features = hp.get(AudioParams.FEATURES);
        s.streams = hp.get(STREAMS);
        try {
            s.mfccConfig();
        } catch (IllegalArgumentException e) {
            throw new DataException("MFCC settings: " + e.getMessage(), e);
        }
        int conv = hp.get(AudioParams.CONV_CHANNELS);
        if (conv > 0 && !"waveform".equals(s.streams) && s.spectralWidth() < 4) {
            throw new DataException("convChannels " + conv
                    + " needs at least 4 values per spectral frame to pool twice, but features=" + s.features
                    + " gives " + s.spectralWidth() + " (raise nMels or nMfcc)");
        }
        return s;
    }

    /** Decodes the clips in parallel (each thread its own decoder state), cut to maxSeconds. */
    private static Map<Clip, float[]> decodeAll(
            List<Clip> clips, AudioState state, Map<Clip, Integer> index, List<float[]> generated) {
        AudioDecoder decoder = new AudioDecoder(state.sampleRate);
        int max = state.maxSamples();
        float[][] out = new float[clips.size()][];
        IntStream.range(0, clips.size()).parallel().forEach(i -> {
            Clip c = clips.get(i);
            float[] x = generated != null ? generated.get(index.get(c)) : decoder.decode(c.file());
            out[i] = x.length > max ? Arrays.copyOf(x, max) : x;
        });
        Map<Clip, float[]> map = new LinkedHashMap<>();
        for (int i = 0; i < clips.size(); i++) {
            map.put(clips.get(i), out[i]);
        }
        return map;
    }

    private static List<Sequence> encodeAll(
            List<Clip> clips, Map<Clip, float[]> samples, AudioState state, AudioCatalog catalog) {
        Sequence[] out = new Sequence[clips.size()];
        ThreadLocal<ClipEncoder> enc = ThreadLocal.withInitial(() -> new ClipEncoder(state));
        IntStream.range(0, clips.size()).parallel().forEach(i -> {
            Clip c = clips.get(i);
            out[i] = enc.get().encode(samples.get(c), catalog.classIndex(c));
        });
        return Arrays.asList(out);
    }

    /** The training clips' standardised MFCC, unaugmented, as templates for the DTW baseline. */
    private static Templates templates(
            List<Clip> clips, Map<Clip, float[]> samples, AudioState state, AudioCatalog catalog) {
        float[][] mfcc = new float[clips.size()][];
        int[] labels = new int[clips.size()];
        ThreadLocal<ClipEncoder> enc = ThreadLocal.withInitial(() -> new ClipEncoder(state));
        IntStream.range(0, clips.size()).parallel().forEach(i -> {
            Clip c = clips.get(i);
            mfcc[i] = enc.get().standardisedMfcc(samples.get(c));
            labels[i] = catalog.classIndex(c);
        });
        return new Templates(Arrays.asList(mfcc), labels);
    }

    private static BucketedSequences.Items augmented(
            List<Clip> clips,
            Map<Clip, float[]> samples,
            AudioState state,
            AudioCatalog catalog,
            long seed,
            HyperParameters hp) {
        ClipEncoder enc = new ClipEncoder(state);
        boolean mask = hp.get(AudioParams.MASK);
        double speedChange = hp.get(AudioParams.SPEED_CHANGE);
        int[] widths = state.streamWidths();
        return new BucketedSequences.Items() {
            @Override
            public int size() {
                return clips.size();
            }

            @Override
            public int length(int i) {
                return enc.steps(samples.get(clips.get(i)).length);
            }

            @Override
            public Sequence item(int i, int pass) {
                Clip c = clips.get(i);
                Random r = new Random(seed * 1_000_003L + pass * 7919L + i);
                Sequence s = enc.encode(
                        Augmentation.apply(samples.get(c), state.sampleRate, speedChange, r), catalog.classIndex(c));
                if (mask) {
                    Augmentation.mask(s.streams(), widths, s.length(), r);
                }
                return s;
            }
        };
    }

    /** Hashes every clip's bytes (or, for generated data, the samples) in catalog order. */
    private static DataFingerprint fingerprint(AudioCatalog catalog, List<float[]> generated) throws IOException {
        MessageDigest all = sha256();
        if (generated != null) {
            for (float[] x : generated) {
                for (float v : x) {
                    int bits = Float.floatToIntBits(v);
                    all.update(
                            new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
                }
            }
            return new DataFingerprint("generated sounds", HexFormat.of().formatHex(all.digest()), generated.size());
        }
        byte[] buf = new byte[1 << 16];
        for (Clip c : catalog.clips()) {
            all.update(c.name().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(c.file())) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.update(buf, 0, n);
                }
            }
        }
        return new DataFingerprint(
                catalog.source().toString(),
                HexFormat.of().formatHex(all.digest()),
                catalog.clips().size());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Block newBlock(HyperParameters hp, AudioState state) {
        int[] used = switch (state.streams) {
            case "mfcc" -> new int[] {0};
            case "waveform" -> new int[] {1};
            default -> new int[] {0, 1};
        };
        int conv = hp.get(AudioParams.CONV_CHANNELS);
        int[] convChannels = new int[used.length];
        if (used[0] == 0) {
            convChannels[0] = conv;
        }
        SequenceStreamsBlock.Readout readout = "mean".equals(state.readoutOrDefault())
                ? SequenceStreamsBlock.Readout.MEAN
                : SequenceStreamsBlock.Readout.LAST_STEP;
        return EnsembleBlock.of(
                hp.get(AudioParams.MEMBERS),
                i -> new SequenceStreamsBlock(
                        used,
                        hp.get(HIDDEN_SIZE),
                        hp.get(LAYERS),
                        hp.get(DROPOUT),
                        state.classes.size(),
                        hp.get(AudioParams.STREAM_DROPOUT),
                        readout,
                        convChannels));
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        // the members' mean loss in training, the ensemble's on validation; plain for one member
        Loss loss = new EnsembleLoss(new SoftmaxCrossEntropyLoss("cross_entropy"));
        return Recipes.adam(hp, loss, List.of(new Accuracy("accuracy")));
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, AudioData data, Model model) throws TranslateException {
        AudioState state = data.state();
        List<Sequence> test = data.test();
        int[] predicted = new int[test.size()];
        int[] actual = new int[test.size()];
        float[][] probabilities = BucketedSequences.probabilities(
                model, test, new Shape[] {new Shape(state.spectralWidth()), new Shape(state.hopLength)}, EVAL_BATCH);
        for (int i = 0; i < test.size(); i++) {
            actual[i] = test.get(i).label();
            predicted[i] = ClassifierScore.argmax(probabilities[i]);
        }
        BaselineComparison dtw = null;
        if (!data.templates().mfcc().isEmpty()) {
            DtwNearestNeighbour nn = new DtwNearestNeighbour(
                    data.templates().mfcc(), data.templates().labels(), state.spectralWidth());
            int[] byTemplate =
                    nn.classifyAll(test.stream().map(s -> s.streams()[0]).toList());
            dtw = BaselineComparison.of("DTW template baseline", "dtw_baseline", predicted, byTemplate, actual);
        }
        return AudioEvaluation.build(data, predicted, actual, dtw).toBuilder()
                .driftOutput(TopClasses.CONFIDENCE, TopClasses.confidences(probabilities))
                .build();
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new AudioServingTranslator();
    }
}
