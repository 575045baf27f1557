package dev.lstmforge.plugins.text.evaluator;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.lstmforge.plugins.text.block.SequenceCrossEntropy;
import dev.lstmforge.plugins.text.sampling.LanguageModelMetrics;
import dev.lstmforge.plugins.text.token.TokenLevel;
import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.plugins.text.translator.GenerationRequest;
import dev.lstmforge.plugins.text.translator.TextGenerator;
import dev.lstmforge.spi.Evaluation;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a language model on the held-out tail of the corpus and shows samples.
 *
 * <p>Loss is the mean negative log-likelihood of the next token over every position of the
 * validation windows, in nats per token. Bits per character divide the same total by the
 * characters those windows cover (for word models, estimated from the tail's characters per
 * token), so character and word models can be compared on one scale. The uniform model's loss,
 * ln(vocabulary size), is reported beside it.
 *
 * <p>Metrics (snake_case): {@code validation_nats_per_token}, {@code uniform_nats_per_token},
 * {@code validation_bits_per_char}, {@code validation_perplexity}, {@code uniform_perplexity},
 * {@code vocab_size}, {@code validation_unknown_rate}, {@code validation_tokens_scored},
 * {@code dataset_mb}, per sample temperature {@code sample_distinct_4gram_ratio_t0_50} and
 * {@code sample_mean_entropy_nats_t0_50} (tag from {@link #temperatureTag(double)}), and
 * {@code generation_tokens_per_second}.
 */
public final class LanguageModelEvaluator {

    private LanguageModelEvaluator() {}

    /**
     * What the evaluation needs to know about the data.
     *
     * @param validation the validation windows
     * @param validationTokens tokens in the validation tail
     * @param validationChars characters in the validation tail
     * @param unknownRate share of validation tokens outside the vocabulary
     * @param datasetBytes bytes of the training and validation arrays
     * @param description one line on what was read and how it was split, shown as the "Data" section
     */
    public record Inputs(
            Dataset validation,
            int validationTokens,
            int validationChars,
            double unknownRate,
            long datasetBytes,
            String description) {}

    /**
     * Evaluates.
     *
     * @param model the trained model
     * @param manager where batches are created
     * @param tokenizer the model's tokenizer
     * @param in validation data facts
     * @param prompt the sample prompt
     * @param sampleLength tokens per sample
     * @param temperatures temperatures to sample at
     * @param seed the sampling seed
     * @return metrics, summary and samples
     * @throws IOException if the dataset cannot be read
     * @throws TranslateException if inference fails
     */
    public static Evaluation evaluate(
            Model model,
            NDManager manager,
            Tokenizer tokenizer,
            Inputs in,
            String prompt,
            int sampleLength,
            List<Double> temperatures,
            long seed)
            throws IOException, TranslateException {
        SequenceCrossEntropy loss = new SequenceCrossEntropy("nll");
        double nats = 0;
        long tokens = 0;
        try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator(null))) {
            for (Batch b : in.validation().getData(manager)) {
                try (b) {
                    NDList preds = p.predict(b.getData());
                    long n = b.getLabels().head().size();
                    nats += loss.evaluate(b.getLabels(), preds).getFloat() * n;
                    tokens += n;
                    preds.close();
                }
            }
        }
        double natsPerToken = nats / tokens;
        double charsPerToken = in.validationChars() / (double) in.validationTokens();
        double bitsPerChar = LanguageModelMetrics.bitsPerCharacter(nats, Math.round(tokens * charsPerToken));
        int vocab = tokenizer.vocabulary().size();
        double uniform = Math.log(vocab);

        Evaluation.Builder b = Evaluation.builder()
                .section("Data", in.description())
                .metric("validation_nats_per_token", natsPerToken)
                .metric("uniform_nats_per_token", uniform)
                .metric("validation_bits_per_char", bitsPerChar)
                .metric("validation_perplexity", LanguageModelMetrics.perplexity(natsPerToken))
                .metric("uniform_perplexity", vocab)
                .metric("vocab_size", vocab)
                .metric("validation_unknown_rate", in.unknownRate())
                .metric("validation_tokens_scored", tokens)
                .metric("dataset_mb", in.datasetBytes() / (1024.0 * 1024.0));

        TextGenerator generator = new TextGenerator(model.getBlock(), tokenizer);
        for (double t : temperatures) {
            TextGenerator.Result r =
                    generator.generate(manager, new GenerationRequest(prompt, sampleLength, t, 0, seed), true);
            String tag = temperatureTag(t);
            int[] ids = tokenizer.encode(r.continuation());
            b.metric("sample_distinct_4gram_ratio_" + tag, TextSamples.distinctNgramRatio(ids, 4));
            b.metric("sample_mean_entropy_nats_" + tag, r.meanEntropy());
            b.section(
                    String.format(
                            Locale.ROOT, "Sample at temperature %.2f (%d tokens, seed %d)", t, sampleLength, seed),
                    r.text());
        }
        // Speed without the entropy bookkeeping: one more sample at temperature 1.
        double speed = generator
                .generate(manager, new GenerationRequest(prompt, sampleLength, 1.0, 0, seed))
                .tokensPerSecond();
        b.metric("generation_tokens_per_second", speed);
        String unit = tokenizer.level() == TokenLevel.CHAR ? "char" : "word";
        b.summary(String.format(
                Locale.ROOT,
                "%s model: validation loss %.3f nats/%s (uniform over %d tokens: %.3f), %.3f bits/char, "
                        + "perplexity %.1f; generation %.0f tokens/s with the LSTM state carried forward",
                unit,
                natsPerToken,
                unit,
                vocab,
                uniform,
                bitsPerChar,
                LanguageModelMetrics.perplexity(natsPerToken),
                speed));
        return b.build();
    }

    /**
     * Names a sampling temperature in metric keys: two decimals, the point as an underscore.
     *
     * @param temperature the temperature
     * @return for example {@code t0_50} for 0.5, as in {@code sample_mean_entropy_nats_t0_50}
     */
    public static String temperatureTag(double temperature) {
        return String.format(Locale.ROOT, "t%.2f", temperature).replace('.', '_');
    }
}
