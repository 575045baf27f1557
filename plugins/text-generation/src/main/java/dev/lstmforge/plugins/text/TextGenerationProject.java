package dev.lstmforge.plugins.text;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.ServingTranslator;

import dev.lstmforge.plugins.text.block.LanguageModelBlockFactory;
import dev.lstmforge.plugins.text.block.LanguageModels;
import dev.lstmforge.plugins.text.block.SequenceCrossEntropy;
import dev.lstmforge.plugins.text.corpus.Corpus;
import dev.lstmforge.plugins.text.corpus.CorpusFetcher;
import dev.lstmforge.plugins.text.corpus.CorpusReader;
import dev.lstmforge.plugins.text.corpus.KnownCorpora;
import dev.lstmforge.plugins.text.corpus.KnownCorpus;
import dev.lstmforge.plugins.text.corpus.SyntheticCorpus;
import dev.lstmforge.plugins.text.corpus.TextDataException;
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
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingRecipe;

import org.pf4j.Extension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Character- or word-level language modelling of a text corpus.
 *
 * <p>Data: {@code --data FILE|FOLDER} (UTF-8 text; a folder's {@code .txt} files), else the
 * known corpus named by {@code corpus} (read from the data root, fetched and SHA-256-checked
 * when missing), else tiny-shakespeare if the data root has it, else a generated play-like
 * corpus (with a warning). The last {@code validationFraction} of the text is held out; the
 * vocabulary is fitted on the rest.
 */
@Extension
public final class TextGenerationProject implements LstmProject<TextState, TextData> {

    private static final String DEFAULT_CORPUS = "tiny-shakespeare";
    private static final int SYNTHETIC_CHARS = 200_000;

    @Override
    public ProjectInfo info() {
        return new ProjectInfo("text-generation", "Text generation",
                "Character- and word-level LSTM language models with temperature and top-k sampling",
                ProjectInfo.Task.GENERATION);
    }

    @Override
    public HyperParameters defaultHyperParameters() {
        return HyperParameters.builder()
                .put("level", "char")
                .put("maxVocab", 10_000)
                .put("corpus", "")
                .put("corpusChars", 0)
                .put("window", 100)
                .put("embeddingSize", 64)
                .put("hiddenSize", 256)
                .put("layers", 2)
                .put("dropout", 0.0)
                .put("validationFraction", 0.1)
                .put("epochs", 50)
                .put("patience", 3)
                .put("batchSize", 64)
                .put("learningRate", 0.002)
                .put("clipGradient", 5.0)
                .put("timeBudgetSeconds", 900)
                .put("sampleLength", 300)
                .put("samplePrompt", "")
                .put("sampleTemperatures", "0.1,0.5,1.0")
                .build();
    }

    @Override
    public Class<TextState> stateType() {
        return TextState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        return List.of(
                new DemoVariant("char", Map.of("level", "char")),
                new DemoVariant("word", Map.of("level", "word", "window", "35", "sampleLength", "80")));
    }

    @Override
    public TextData prepare(ProjectContext ctx, TextState fitted) {
        try {
            return prepareChecked(ctx, fitted);
        } catch (TextDataException e) {
            throw new LstmForgeException(e.getMessage(), e);
        }
    }

    private TextData prepareChecked(ProjectContext ctx, TextState fitted) {
        HyperParameters hp = ctx.hyperParameters();
        TokenLevel level = TokenLevel.parse(hp.get("level"));
        int window = hp.getInt("window", 2);
        int batch = hp.getInt("batchSize", 1);
        double validationFraction = hp.getDouble("validationFraction");
        if (!(validationFraction > 0 && validationFraction < 0.5)) {
            throw new LstmForgeException("hyper-parameter 'validationFraction' must be between 0 and 0.5, got "
                    + validationFraction);
        }
        List<String> notes = new ArrayList<>();
        Corpus corpus = loadCorpus(ctx, hp, notes);
        String text = corpus.text();
        int limit = hp.getInt("corpusChars", 0);
        if (limit > 0 && text.length() > limit) {
            text = text.substring(0, limit);
            notes.add("corpus cut to its first " + limit + " characters (corpusChars)");
        }
        int cut = (int) Math.round(text.length() * (1 - validationFraction));
        String trainText = text.substring(0, cut);
        String validText = text.substring(cut);

        Tokenizer tokenizer;
        TextState state;
        if (fitted == null) {
            tokenizer = Tokenizers.fit(level, trainText, hp.getInt("maxVocab", 2));
            state = new TextState();
            state.level = level.name();
            state.tokens = tokenizer.vocabulary().tokens();
            state.corpusSource = corpus.source();
            state.corpusSha256 = corpus.sha256();
            state.defaultPrompt = firstLine(text);
        } else {
            if (!fitted.level.equalsIgnoreCase(level.name())) {
                throw new LstmForgeException("the saved model is " + fitted.level + "-level but level=" + level);
            }
            tokenizer = Tokenizers.restore(level, Vocabulary.fromTokens(fitted.tokens));
            state = fitted;
        }
        int[] train = tokenizer.encode(trainText);
        int[] valid = tokenizer.encode(validText);
        int trainWindows = TokenWindows.count(train.length, window);
        int validWindows = TokenWindows.count(valid.length, window);
        if (trainWindows < 1 || validWindows < 1) {
            throw new LstmForgeException(String.format(Locale.ROOT,
                    "%s: %d %s tokens (%d for training, %d for validation) are too few for %d-token windows: each "
                            + "part needs at least %d. Use a longer corpus or a smaller window (-P window=...)",
                    corpus.source(), train.length + valid.length, level.name().toLowerCase(Locale.ROOT), train.length,
                    valid.length, window, window + 1));
        }
        long unknown = tokenizer.countUnknown(validText);
        double unknownRate = valid.length == 0 ? 0 : unknown / (double) valid.length;
        Dataset trainSet = TokenWindows.build(ctx.manager(), train, window, batch, true);
        Dataset validSet = TokenWindows.build(ctx.manager(), valid, window, batch, false);
        long bytes = 8L * window * (trainWindows + validWindows);
        double charsPerSample = trainText.length() / (double) train.length * window;
        notes.add(String.format(Locale.ROOT, "%s-level, vocabulary %d; %d training and %d validation tokens "
                        + "(last %.0f%% of the text); %d training windows of %d tokens",
                level.name().toLowerCase(Locale.ROOT), tokenizer.vocabulary().size(), train.length, valid.length,
                100 * validationFraction, trainWindows, window));
        DataFingerprint fp = new DataFingerprint(corpus.source(), corpus.sha256(), text.length());
        return new TextData(trainSet, validSet, window, state, fp, tokenizer, valid.length, validText.length(),
                charsPerSample, bytes, notes, unknownRate);
    }

    private Corpus loadCorpus(ProjectContext ctx, HyperParameters hp, List<String> notes) {
        if (ctx.dataPath().isPresent()) {
            return CorpusReader.read(ctx.dataPath().get());
        }
        String name = hp.get("corpus").trim();
        if (!name.isEmpty()) {
            KnownCorpus known = KnownCorpora.byName(name).orElseThrow(() -> new LstmForgeException(
                    "unknown corpus '" + name + "'; known corpora: "
                            + KnownCorpora.all().stream().map(KnownCorpus::name).toList()
                            + " (or give a file with --data)"));
            Path root = ctx.dataRoot().orElse(Path.of(System.getProperty("user.home"), ".lstmforge", "data"));
            Path file = root.resolve(known.fileName());
            if (!Files.isRegularFile(file)) {
                ctx.warn("corpus '" + name + "' is not in " + root + "; fetching it from " + known.uri());
            }
            return CorpusReader.read(new CorpusFetcher().fetch(known, root));
        }
        if (ctx.dataRoot().isPresent()) {
            KnownCorpus dflt = KnownCorpora.byName(DEFAULT_CORPUS).orElseThrow();
            Path file = ctx.dataRoot().get().resolve(dflt.fileName());
            if (Files.isRegularFile(file)) {
                return CorpusReader.read(file);
            }
        }
        ctx.warn("no corpus given (--data or -P corpus=NAME) and none found under the data root; "
                + "training on a generated play-like corpus of about " + SYNTHETIC_CHARS + " characters");
        notes.add("trained on the plugin's generated corpus, not on real text");
        return Corpus.ofText("generated corpus (seed " + ctx.seed() + ")",
                SyntheticCorpus.generate(ctx.seed(), SYNTHETIC_CHARS));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = (nl < 0 ? text : text.substring(0, nl + 1));
        return line.length() > 80 ? line.substring(0, 80) : line;
    }

    @Override
    public Block newBlock(HyperParameters hp, TextState state) {
        return LanguageModels.build(hp, state.tokens.size());
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        double lr = hp.getDouble("learningRate");
        double clip = hp.getDouble("clipGradient");
        if (!(lr > 0)) {
            throw new LstmForgeException("hyper-parameter 'learningRate' must be > 0, got " + lr);
        }
        var adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr));
        if (clip > 0) {
            adam.optClipGrad((float) clip);
        }
        return new TrainingRecipe(new SequenceCrossEntropy("nll"), List.of(), adam.build());
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, TextData data, Model model) throws Exception {
        HyperParameters hp = ctx.hyperParameters();
        List<Double> temperatures = new ArrayList<>();
        for (String t : hp.get("sampleTemperatures").split(",")) {
            if (!t.isBlank()) {
                try {
                    temperatures.add(Double.parseDouble(t.trim()));
                } catch (NumberFormatException e) {
                    throw new LstmForgeException("hyper-parameter 'sampleTemperatures' must be numbers separated by "
                            + "commas, got '" + t.trim() + "'");
                }
            }
        }
        String prompt = hp.get("samplePrompt").isEmpty() ? data.state().defaultPrompt : hp.get("samplePrompt");
        LanguageModelEvaluator.Inputs in = new LanguageModelEvaluator.Inputs(data.validationSet(),
                data.validationTokens(), data.validationChars(), data.unknownRate(), data.datasetBytes());
        try {
            return LanguageModelEvaluator.evaluate(model, ctx.manager(), data.tokenizer(), in, prompt,
                    hp.getInt("sampleLength", 1), temperatures, ctx.seed());
        } catch (TextDataException e) {
            throw new LstmForgeException(e.getMessage(), e);
        }
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new TextServingTranslator();
    }

    @Override
    public Class<? extends BlockFactory> blockFactoryClass() {
        return LanguageModelBlockFactory.class;
    }
}
