package dev.lstmforge.plugins.text;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.ServingTranslator;
import dev.lstmforge.plugins.text.block.LanguageModelBlock;
import dev.lstmforge.plugins.text.block.SequenceCrossEntropy;
import dev.lstmforge.plugins.text.corpus.Corpus;
import dev.lstmforge.plugins.text.corpus.CorpusReader;
import dev.lstmforge.plugins.text.corpus.KnownCorpora;
import dev.lstmforge.plugins.text.corpus.SyntheticCorpus;
import dev.lstmforge.plugins.text.dataset.TokenWindows;
import dev.lstmforge.plugins.text.evaluator.LanguageModelEvaluator;
import dev.lstmforge.plugins.text.token.TokenLevel;
import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.plugins.text.token.Tokenizers;
import dev.lstmforge.plugins.text.token.Vocabulary;
import dev.lstmforge.plugins.text.translator.TextServingTranslator;
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
import dev.lstmforge.support.download.KnownFile;
import dev.lstmforge.support.download.VerifiedFetcher;
import dev.lstmforge.support.train.Recipes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Character- or word-level language modelling of a text corpus.
 *
 * <p>Data: {@code --data FILE|FOLDER} (UTF-8 text; a folder's {@code .txt} files), else the
 * known corpus named by {@code corpus} (read from the data root, fetched and SHA-256-checked
 * when missing), else tiny-shakespeare if the data root has it, else a generated play-like
 * corpus (with a warning). The last {@code validationFraction} of the text is held out; the
 * vocabulary is fitted on the rest. Its hyper-parameters are declared in {@link TextParams}.
 */
@Extension
public final class TextGenerationProject implements LstmProject<TextState, TextData> {

    /** Pieces of the training text sampled for the drift reference. */
    private static final int DRIFT_PIECES = 2000;

    private static final String DEFAULT_CORPUS = "tiny-shakespeare";
    private static final int SYNTHETIC_CHARS = 200_000;

    @Override
    public ProjectInfo info() {
        return new ProjectInfo(
                "text-generation",
                "Text generation",
                "Character- and word-level LSTM language models with temperature and top-k sampling",
                ProjectInfo.Task.GENERATION,
                Set.of(ProjectInfo.Capability.GENERATE));
    }

    @Override
    public List<Param<?>> parameters() {
        return TextParams.ALL;
    }

    @Override
    public Class<TextState> stateType() {
        return TextState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        return List.of(
                new DemoVariant("char", Map.of(TextParams.LEVEL.name(), "char")),
                new DemoVariant(
                        "word",
                        Map.of(
                                TextParams.LEVEL.name(),
                                "word",
                                TextParams.WINDOW.name(),
                                "35",
                                TextParams.SAMPLE_LENGTH.name(),
                                "80")));
    }

    @Override
    public TextData prepare(ProjectContext ctx, TextState fitted) {
        HyperParameters hp = ctx.hyperParameters();
        TokenLevel level = TokenLevel.parse(hp.get(TextParams.LEVEL));
        int window = hp.get(TextParams.WINDOW);
        double validationFraction = hp.get(TextParams.VALIDATION_FRACTION);
        // parsed before training, so a typo stops the run before it spends its budget
        List<Double> temperatures = TextParams.sampleTemperatures(hp);
        Corpus corpus = loadCorpus(ctx, hp);
        corpus.warnings().forEach(ctx::warn);
        String text = corpus.text();
        int limit = hp.get(TextParams.CORPUS_CHARS);
        String extent = String.format(Locale.ROOT, "%,d characters", text.length());
        if (limit > 0 && text.length() > limit) {
            extent = String.format(Locale.ROOT, "the first %,d of %,d characters (corpusChars)", limit, text.length());
            text = text.substring(0, limit);
        }
        int cut = (int) Math.round(text.length() * (1 - validationFraction));
        String trainText = text.substring(0, cut);
        String validText = text.substring(cut);

        Tokenizer tokenizer;
        TextState state;
        if (fitted == null) {
            tokenizer = Tokenizers.fit(level, trainText, hp.get(TextParams.MAX_VOCAB));
            state = new TextState();
            state.level = level.name();
            state.tokens = tokenizer.vocabulary().tokens();
            state.corpusSource = corpus.source();
            state.corpusSha256 = corpus.sha256();
            state.defaultPrompt = firstLine(text);
        } else {
            if (!fitted.level.equalsIgnoreCase(level.name())) {
                throw new DataException("the saved model is " + fitted.level.toLowerCase(Locale.ROOT)
                        + "-level but level=" + level.id());
            }
            tokenizer = Tokenizers.restore(level, Vocabulary.fromTokens(fitted.tokens));
            state = fitted;
        }
        int[] train = tokenizer.encode(trainText);
        int[] valid = tokenizer.encode(validText);
        int trainWindows = TokenWindows.count(train.length, window);
        int validWindows = TokenWindows.count(valid.length, window);
        if (trainWindows < 1 || validWindows < 1) {
            throw new DataException(String.format(
                    Locale.ROOT,
                    "%s: %d %s tokens (%d for training, %d for validation) are too few for %d-token windows: each "
                            + "part needs at least %d. Use a longer corpus or a smaller window (-P window=...)",
                    corpus.source(),
                    train.length + valid.length,
                    level.id(),
                    train.length,
                    valid.length,
                    window,
                    window + 1));
        }
        long unknown = tokenizer.countUnknown(validText);
        double unknownRate = valid.length == 0 ? 0 : unknown / (double) valid.length;
        int batch = hp.get(TrainingParams.BATCH_SIZE);
        Dataset trainSet = TokenWindows.build(ctx.manager(), train, window, batch, true);
        Dataset validSet = TokenWindows.build(ctx.manager(), valid, window, batch, false);
        long bytes = 8L * window * (trainWindows + validWindows);
        double charsPerSample = trainText.length() / (double) train.length * window;
        String description = String.format(
                Locale.ROOT,
                "%s: %s; %s-level, vocabulary %,d; %,d training and %,d "
                        + "validation tokens (last %.0f%% of the text); %,d training windows of %d tokens",
                corpus.source(),
                extent,
                level.id(),
                tokenizer.vocabulary().size(),
                train.length,
                valid.length,
                100 * validationFraction,
                trainWindows,
                window);
        DataFingerprint fp = new DataFingerprint(corpus.source(), corpus.sha256(), text.length());
        TextData.HeldOut heldOut = new TextData.HeldOut(validSet, valid.length, validText.length(), unknownRate);
        return new TextData(
                trainSet,
                heldOut,
                window,
                state,
                fp,
                tokenizer,
                charsPerSample,
                bytes,
                temperatures,
                description,
                TextDrift.reference(train, window, DRIFT_PIECES, ctx.seed()));
    }

    private Corpus loadCorpus(ProjectContext ctx, HyperParameters hp) {
        if (ctx.dataPath().isPresent()) {
            return CorpusReader.read(ctx.dataPath().get());
        }
        String name = hp.get(TextParams.CORPUS).strip();
        if (!name.isEmpty()) {
            KnownFile known = KnownCorpora.byName(name)
                    .orElseThrow(() -> new DataException("unknown corpus '" + name + "'; known corpora: "
                            + String.join(
                                    ", ",
                                    KnownCorpora.all().stream()
                                            .map(KnownFile::name)
                                            .toList())
                            + " (or give a file with --data)"));
            Path root = VerifiedFetcher.downloadRoot(ctx.dataRoot());
            Path file = root.resolve(known.fileName());
            if (!Files.isRegularFile(file)) {
                ctx.warn("corpus '" + name + "' is not in " + root + "; fetching it from " + known.uri());
            }
            return CorpusReader.read(new VerifiedFetcher().fetch(known, root));
        }
        if (ctx.dataRoot().isPresent()) {
            KnownFile dflt = KnownCorpora.byName(DEFAULT_CORPUS).orElseThrow();
            Path file = ctx.dataRoot().get().resolve(dflt.fileName());
            if (Files.isRegularFile(file)) {
                return CorpusReader.read(file);
            }
        }
        ctx.warn("no corpus given (--data or -P corpus=NAME) and none found under the data root; "
                + "training on a generated play-like corpus of about "
                + String.format(Locale.ROOT, "%,d", SYNTHETIC_CHARS) + " characters, not on real text");
        return Corpus.ofText(
                "generated corpus (seed " + ctx.seed() + ")", SyntheticCorpus.generate(ctx.seed(), SYNTHETIC_CHARS));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = (nl < 0 ? text : text.substring(0, nl + 1));
        return line.length() > 80 ? line.substring(0, 80) : line;
    }

    @Override
    public Block newBlock(HyperParameters hp, TextState state) {
        return new LanguageModelBlock(
                state.tokens.size(),
                hp.get(TextParams.EMBEDDING_SIZE),
                hp.get(TextParams.HIDDEN_SIZE),
                hp.get(TextParams.LAYERS),
                hp.get(TextParams.DROPOUT).floatValue());
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        return Recipes.adam(hp, new SequenceCrossEntropy("nll"), List.of());
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, TextData data, Model model) throws Exception {
        HyperParameters hp = ctx.hyperParameters();
        String prompt = hp.get(TextParams.SAMPLE_PROMPT);
        if (prompt.isEmpty()) {
            prompt = data.state().defaultPrompt;
        }
        TextData.HeldOut tail = data.heldOut();
        LanguageModelEvaluator.Inputs in = new LanguageModelEvaluator.Inputs(
                tail.windows(),
                tail.tokens(),
                tail.chars(),
                tail.unknownRate(),
                data.datasetBytes(),
                data.description());
        return LanguageModelEvaluator.evaluate(
                model,
                ctx.manager(),
                data.tokenizer(),
                in,
                prompt,
                hp.get(TextParams.SAMPLE_LENGTH),
                data.sampleTemperatures(),
                ctx.seed());
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new TextServingTranslator();
    }
}
