package dev.lstmforge.plugins.text;

import dev.lstmforge.plugins.text.translator.GenerationRequest;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.support.train.CommonParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text project's hyper-parameters, each declared once, and the one place where the free-text
 * {@link #SAMPLE_TEMPERATURES} list is parsed.
 *
 * <pre>{@code
 * HyperParameters hp = HyperParameters.parse(TextParams.ALL, Map.of("level", "word", "window", "35"));
 * int window = hp.get(TextParams.WINDOW);                    // 35
 * List<Double> ts = TextParams.sampleTemperatures(hp);       // [0.1, 0.5, 1.0]
 * }</pre>
 */
public final class TextParams {

    /** Token unit: single characters or words. */
    public static final Param<String> LEVEL =
            Param.choice("level", "char", List.of("char", "word"), "token unit: single characters or words");

    /** Largest vocabulary, the unknown token included. */
    public static final Param<Integer> MAX_VOCAB = Param.integer(
            "maxVocab", 10_000, 2, 1_000_000, "largest vocabulary (<unk> included); rarer tokens become <unk>");

    /** A known corpus to read from the data root or fetch. */
    public static final Param<String> CORPUS = Param.text(
                    "corpus", "", "known corpus to read from the data root or fetch (tiny-shakespeare); --data wins")
            .perRun();

    /** Use only the start of the corpus. */
    public static final Param<Integer> CORPUS_CHARS = Param.integer(
                    "corpusChars", 0, 0, Integer.MAX_VALUE, "use only the first N characters of the corpus; 0 = all")
            .perRun();

    /** Tokens per training window. */
    public static final Param<Integer> WINDOW =
            Param.integer("window", 100, 2, 100_000, "tokens per training window (truncated backpropagation)");

    /** Width of the token embedding. */
    public static final Param<Integer> EMBEDDING_SIZE =
            Param.integer("embeddingSize", 64, 1, 8192, "width of the token embedding");

    /** Units in each LSTM layer. */
    public static final Param<Integer> HIDDEN_SIZE = CommonParams.HIDDEN_SIZE.withDefault(256);

    /** Stacked LSTM layers. */
    public static final Param<Integer> LAYERS = CommonParams.LAYERS.withDefault(2);

    /** Dropout between the stacked LSTM layers. */
    public static final Param<Double> DROPOUT = CommonParams.DROPOUT;

    /** Share of the text, at its end, held out for validation and evaluation. */
    public static final Param<Double> VALIDATION_FRACTION = CommonParams.VALIDATION_FRACTION;

    /** Tokens per evaluation sample. */
    public static final Param<Integer> SAMPLE_LENGTH = Param.integer(
                    "sampleLength", 300, 1, GenerationRequest.MAX_LENGTH, "tokens per evaluation sample")
            .perRun();

    /** Prompt of the evaluation samples. */
    public static final Param<String> SAMPLE_PROMPT = Param.text(
                    "samplePrompt", "", "prompt of the evaluation samples; empty = the corpus's first line")
            .perRun();

    /** Temperatures of the evaluation samples, as text; read with {@link #sampleTemperatures}. */
    public static final Param<String> SAMPLE_TEMPERATURES = Param.text(
                    "sampleTemperatures",
                    "0.1,0.5,1.0",
                    "comma-separated temperatures (> 0) of the evaluation samples; empty = no samples")
            .perRun();

    /** Every declaration, in the order {@code --help} lists them, with this project's training defaults. */
    public static final List<Param<?>> ALL = TrainingParams.defaults()
            .epochs(50)
            .patience(3)
            .learningRate(0.002)
            .timeBudgetSeconds(900)
            .after(
                    LEVEL,
                    MAX_VOCAB,
                    CORPUS,
                    CORPUS_CHARS,
                    WINDOW,
                    EMBEDDING_SIZE,
                    HIDDEN_SIZE,
                    LAYERS,
                    DROPOUT,
                    VALIDATION_FRACTION,
                    CommonParams.CLIP_GRADIENT,
                    SAMPLE_LENGTH,
                    SAMPLE_PROMPT,
                    SAMPLE_TEMPERATURES);

    private TextParams() {}

    /**
     * Parses {@link #SAMPLE_TEMPERATURES}: numbers above 0 separated by commas, each at most once.
     *
     * @param hp the run's hyper-parameters
     * @return the temperatures in the order given; empty when the value is blank
     * @throws LstmForgeException naming the key, the bad item and the whole value
     */
    public static List<Double> sampleTemperatures(HyperParameters hp) {
        String raw = hp.get(SAMPLE_TEMPERATURES);
        List<Double> temperatures = new ArrayList<>();
        for (String item : raw.split(",", -1)) {
            String t = item.strip();
            if (t.isEmpty()) {
                if (!raw.isBlank()) {
                    throw bad(raw, "an empty item");
                }
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw bad(raw, "'" + t + "' is not a number");
            }
            if (!(value > 0) || Double.isInfinite(value)) {
                throw bad(raw, "'" + t + "' is not above 0");
            }
            if (temperatures.contains(value)) {
                throw bad(raw, "'" + t + "' appears twice");
            }
            temperatures.add(value);
        }
        return temperatures;
    }

    private static LstmForgeException bad(String raw, String problem) {
        return new LstmForgeException(String.format(
                Locale.ROOT,
                "hyper-parameter '%s' must be numbers above 0 separated by commas (e.g. 0.5,1.0): %s in '%s'",
                SAMPLE_TEMPERATURES.name(),
                problem,
                raw));
    }
}
