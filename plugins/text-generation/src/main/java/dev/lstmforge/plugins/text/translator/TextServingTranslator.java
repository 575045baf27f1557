package dev.lstmforge.plugins.text.translator;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.JsonUtils;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import dev.lstmforge.plugins.text.TextState;
import dev.lstmforge.plugins.text.corpus.TextDataException;
import dev.lstmforge.plugins.text.token.TokenLevel;
import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.plugins.text.token.Tokenizers;
import dev.lstmforge.plugins.text.token.Vocabulary;
import dev.lstmforge.spi.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a generation request into text: the one inference path of the language model (CLI
 * {@code predict} and {@code generate}, the Java API, DJL Serving).
 *
 * <p>Request: the body is the prompt as plain text, or JSON
 * {@code {"prompt": "ROMEO:", "length": 400, "temperature": 0.5, "topK": 0, "seed": 42}}; the
 * same keys are also read from request properties (which lose to JSON fields). Defaults: length
 * 200, temperature 1.0, topK 0 (off), seed 42, and the model's default prompt when the prompt is
 * empty and none is given. Characters (or words) of the prompt that the vocabulary lacks are
 * read as the unknown token; their count is returned in the {@code x-unknown-prompt-tokens}
 * property.
 *
 * <p>Response: the prompt followed by the generated text, as {@code text/plain}, with
 * {@code x-tokens} and {@code x-tokens-per-second} properties.
 */
public final class TextServingTranslator implements ServingTranslator {

    private static final String REQUEST = "request";
    private static final String START = "start";

    private TextState state;
    private Tokenizer tokenizer;

    @Override
    public void setArguments(Map<String, ?> arguments) {
        // everything comes from the model directory
    }

    @Override
    public void prepare(TranslatorContext ctx) throws IOException {
        if (tokenizer == null) {
            Path dir = ctx.getModel().getModelPath();
            state = ModelFiles.readState(dir, TextState.class);
            tokenizer = Tokenizers.restore(TokenLevel.parse(state.level), Vocabulary.fromTokens(state.tokens));
        }
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Input input) throws TranslateException {
        long start = System.nanoTime();
        GenerationRequest request;
        try {
            request = parse(input);
        } catch (TextDataException | JsonParseException | NumberFormatException | IllegalStateException
                | UnsupportedOperationException e) {
            throw new TranslateException("bad generation request: " + e.getMessage(), e);
        }
        ctx.setAttachment(REQUEST, request);
        ctx.setAttachment(START, start);
        int[] ids = new TextGenerator(ctx.getBlock(), tokenizer).encodePrompt(request.prompt());
        return new NDList(ctx.getNDManager().create(ids, new Shape(1, ids.length)));
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
        GenerationRequest request = (GenerationRequest) ctx.getAttachment(REQUEST);
        long start = (Long) ctx.getAttachment(START);
        TextGenerator.Result r = new TextGenerator(ctx.getBlock(), tokenizer)
                .continueFrom(ctx.getNDManager(), request, list, start);
        Output out = new Output();
        out.addProperty("Content-Type", "text/plain; charset=utf-8");
        out.addProperty("x-tokens", Integer.toString(r.tokens()));
        out.addProperty("x-tokens-per-second", String.format(Locale.ROOT, "%.1f", r.tokensPerSecond()));
        out.addProperty("x-unknown-prompt-tokens", Long.toString(r.unknownPromptTokens()));
        out.add(r.text());
        return out;
    }

    private GenerationRequest parse(Input input) {
        String body = input.getData() == null ? "" : input.getData().getAsString();
        String prompt = body;
        String length = input.getProperty("length", null);
        String temperature = input.getProperty("temperature", null);
        String topK = input.getProperty("topK", input.getProperty("top-k", null));
        String seed = input.getProperty("seed", null);
        String propPrompt = input.getProperty("prompt", null);
        if (body.strip().startsWith("{")) {
            JsonObject json = JsonUtils.GSON.fromJson(body, JsonObject.class);
            prompt = json.has("prompt") ? json.get("prompt").getAsString() : "";
            length = json.has("length") ? json.get("length").getAsString() : length;
            temperature = json.has("temperature") ? json.get("temperature").getAsString() : temperature;
            topK = json.has("topK") ? json.get("topK").getAsString() : topK;
            seed = json.has("seed") ? json.get("seed").getAsString() : seed;
        } else if (body.isEmpty() && propPrompt != null) {
            prompt = propPrompt;
        }
        if (prompt.isEmpty() && state.defaultPrompt != null) {
            prompt = state.defaultPrompt;
        }
        return new GenerationRequest(prompt, intOf("length", length, 200), doubleOf("temperature", temperature, 1.0),
                intOf("topK", topK, 0), seed == null ? 42L : longOf("seed", seed));
    }

    private static int intOf(String name, String v, int dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new TextDataException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static long longOf(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new TextDataException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static double doubleOf(String name, String v, double dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new TextDataException(name + " must be a number, got '" + v + "'");
        }
    }
}
