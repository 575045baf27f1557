package dev.lstmforge.plugins.text.translator;

import ai.djl.modality.Input;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.lstmforge.plugins.text.TextDrift;
import dev.lstmforge.plugins.text.TextState;
import dev.lstmforge.plugins.text.token.TokenLevel;
import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.plugins.text.token.Tokenizers;
import dev.lstmforge.plugins.text.token.Vocabulary;
import dev.lstmforge.spi.DriftFeatures;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.ModelFiles;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.serving.ProjectServingTranslator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a generation request into text: the one inference path of the language model (CLI
 * {@code predict} and {@code generate}, the Java API, DJL Serving).
 *
 * <p>Request: the body is the prompt as plain text, or JSON
 * {@code {"prompt": "ROMEO:", "length": 400, "temperature": 0.5, "topK": 0, "seed": 42}}; the
 * same keys are also read from request properties (which lose to JSON fields). Defaults: length
 * 200, temperature 1.0, topK 0 (off), seed 42, and the model's default prompt when the prompt is
 * empty. An unknown JSON field is refused, naming the closest known one.
 *
 * <p>Response, JSON:
 *
 * <pre>{@code
 * {"text": "ROMEO:\nWhat ...", "continuation": "\nWhat ...", "tokens": 400, "tokens_per_second": 3812.5,
 *  "unknown_prompt_tokens": 0, "warnings": []}
 * }</pre>
 *
 * <p>{@code warnings} names the prompt's characters (or words) that the vocabulary lacks and how
 * often each occurs; they are read as the unknown token. The prompt is read in one forward pass
 * (batched by DJL when several requests with prompts of the same token count arrive together);
 * the continuation is then sampled token by token, carrying the LSTM state.
 */
public final class TextServingTranslator extends ProjectServingTranslator<TextState> implements DriftFeatures {

    /** The attachment holding the request's options until its output arrives (kept per request by the base). */
    private static final String PENDING = "pending";

    private static final List<String> FIELDS = List.of("prompt", "length", "temperature", "topK", "seed");

    private Tokenizer tokenizer;

    /** One encoded request waiting for its output. */
    private record Pending(GenerationRequest request, long startNanos, long unknownTokens, List<String> warnings) {}

    /** Creates the translator; DJL Serving calls this constructor by name. */
    public TextServingTranslator() {
        super(TextState.class, "generation");
    }

    @Override
    protected void onLoad(Path modelDir, TextState state, HyperParameters hp) {
        tokenizer = Tokenizers.restore(TokenLevel.parse(state.level), Vocabulary.fromTokens(state.tokens));
    }

    @Override
    protected NDList encode(TranslatorContext ctx, String body, Input input) {
        long start = System.nanoTime();
        GenerationRequest request = parse(body, input);
        List<String> warnings = new ArrayList<>();
        PromptWarnings.unknownTokens(tokenizer, request.prompt()).ifPresent(warnings::add);
        ctx.setAttachment(PENDING, new Pending(request, start, tokenizer.countUnknown(request.prompt()), warnings));
        int[] ids = new TextGenerator(ctx.getBlock(), tokenizer).encodePrompt(request.prompt());
        return new NDList(ctx.getNDManager().create(ids));
    }

    @Override
    protected JsonElement decode(TranslatorContext ctx, NDList output) {
        Pending p = (Pending) ctx.getAttachment(PENDING);
        TextGenerator.Result r = new TextGenerator(ctx.getBlock(), tokenizer)
                .continueFrom(ctx.getNDManager(), p.request(), output, p.startNanos());
        JsonObject json = new JsonObject();
        json.addProperty("text", r.text());
        json.addProperty("continuation", r.continuation());
        json.addProperty("tokens", r.tokens());
        json.addProperty("tokens_per_second", Math.round(r.tokensPerSecond() * 10) / 10.0);
        json.addProperty("unknown_prompt_tokens", p.unknownTokens());
        JsonArray warnings = new JsonArray();
        p.warnings().forEach(warnings::add);
        json.add("warnings", warnings);
        return json;
    }

    /** The prompt's unknown-token share ({@link TextDrift}); none for an empty prompt. */
    @Override
    public Map<String, double[]> driftFeatures(Input input) throws TranslateException {
        String body = input.getData() == null ? "" : input.getData().getAsString();
        try {
            String prompt = parse(body, input).prompt();
            return prompt.isEmpty()
                    ? Map.of()
                    : Map.of(TextDrift.UNKNOWN_SHARE, new double[] {TextDrift.share(tokenizer, prompt)});
        } catch (RuntimeException e) {
            throw new TranslateException("bad generation request: " + e.getMessage(), e);
        }
    }

    private GenerationRequest parse(String body, Input input) {
        String prompt = body;
        String length = input.getProperty("length", null);
        String temperature = input.getProperty("temperature", null);
        String topK = input.getProperty("topK", input.getProperty("top-k", null));
        String seed = input.getProperty("seed", null);
        if (body.strip().startsWith("{")) {
            JsonObject json;
            try {
                json = JsonUtils.GSON.fromJson(body, JsonObject.class);
            } catch (JsonParseException e) {
                throw new DataException("request body is not valid JSON: " + ModelFiles.jsonProblem(e), e);
            }
            for (String key : json.keySet()) {
                if (!FIELDS.contains(key)) {
                    String near = HyperParameters.closest(key, FIELDS);
                    throw new DataException("unknown field '" + key + "'"
                            + (near == null
                                    ? "; fields are " + String.join(", ", FIELDS)
                                    : "; did you mean '" + near + "'?"));
                }
            }
            String p = field(json, "prompt");
            prompt = p == null ? "" : p;
            length = orElse(field(json, "length"), length);
            temperature = orElse(field(json, "temperature"), temperature);
            topK = orElse(field(json, "topK"), topK);
            seed = orElse(field(json, "seed"), seed);
        } else if (body.isEmpty()) {
            prompt = input.getProperty("prompt", "");
        }
        if (prompt.isEmpty() && state().defaultPrompt != null) {
            prompt = state().defaultPrompt;
        }
        return new GenerationRequest(
                prompt,
                intOf("length", length, 200),
                doubleOf("temperature", temperature, 1.0),
                intOf("topK", topK, 0),
                longOf("seed", seed, 42L));
    }

    /** A JSON field as text: null when absent or null, refused when it is an object or array. */
    private static String field(JsonObject json, String key) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw new DataException(
                    "field '" + key + "' must be " + ("prompt".equals(key) ? "text" : "a number") + ", got " + e);
        }
        return e.getAsString();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static int intOf(String name, String v, int dflt) {
        long x = longOf(name, v, dflt);
        if (x != (int) x) {
            throw new DataException(name + " is far too large, got '" + v + "'");
        }
        return (int) x;
    }

    private static long longOf(String name, String v, long dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new DataException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static double doubleOf(String name, String v, double dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new DataException(name + " must be a number, got '" + v + "'");
        }
    }
}
