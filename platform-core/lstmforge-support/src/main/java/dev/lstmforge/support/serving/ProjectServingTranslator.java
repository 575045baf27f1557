package dev.lstmforge.support.serving;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The base of every plugin's serving translator: the one inference path of {@code predict}, the
 * Java API and DJL Serving.
 *
 * <p>It reads the model's fitted state and hyper-parameters from the model directory once, turns
 * bad requests into a {@link TranslateException} whose message starts with
 * {@code "bad <kind> request: "} and names the field and value, and writes JSON responses. It
 * batches with {@link Batchifier#STACK}: {@link #encode} returns one request's arrays without a
 * batch dimension and {@link #decode} receives one request's outputs, so DJL (and DJL Serving's
 * dynamic batching) can stack several requests into one forward pass. The context that
 * {@code encode} and {@code decode} receive keeps attachments per request, so
 * {@code ctx.setAttachment} in {@code encode} and {@code ctx.getAttachment} in {@code decode} see the
 * same request's values even when DJL encodes a whole batch before decoding any of it.
 *
 * <pre>{@code
 * public final class EchoTranslator extends ProjectServingTranslator<MyState> {
 *     public EchoTranslator() { super(MyState.class, "forecast"); }
 *
 *     protected NDList encode(TranslatorContext ctx, String body, Input input) {
 *         float[] window = parse(body);                       // throws DataException on bad input
 *         return new NDList(ctx.getNDManager().create(window, new Shape(window.length, 1)));
 *     }
 *     protected JsonElement decode(TranslatorContext ctx, NDList out) {
 *         return new JsonPrimitive(out.head().getFloat(0));
 *     }
 * }
 * }</pre>
 *
 * @param <S> the plugin's fitted-state type, read from {@code state.json}
 */
public abstract class ProjectServingTranslator<S> implements ServingTranslator {

    private static final String PENDING = "lstmforge.pendingRequests";

    private final Class<S> stateType;
    private final String requestKind;
    private S state;
    private HyperParameters hyperParameters;

    /**
     * Creates the base.
     *
     * @param stateType the plugin's state class
     * @param requestKind a word for error messages, for example {@code "forecast"}
     */
    protected ProjectServingTranslator(Class<S> stateType, String requestKind) {
        this.stateType = stateType;
        this.requestKind = requestKind;
    }

    @Override
    public final void setArguments(Map<String, ?> arguments) {
        // everything a model needs is in its directory
    }

    @Override
    public final void prepare(TranslatorContext ctx) throws IOException {
        loadModelFiles(ctx.getModel().getModelPath());
    }

    /**
     * Reads the state and hyper-parameters from a model directory, once; DJL does it through
     * {@link #prepare} before the first prediction, and a drift check that predicts nothing
     * calls it directly (it satisfies {@code DriftFeatures.loadModelFiles} for subclasses that
     * monitor drift).
     *
     * @param dir the model directory
     * @throws IOException if a model file is unusable
     */
    public final synchronized void loadModelFiles(Path dir) throws IOException {
        if (state == null) {
            S s = ModelFiles.readState(dir, stateType);
            hyperParameters = ModelFiles.readHyperParameters(dir);
            onLoad(dir, s, hyperParameters);
            state = s;
        }
    }

    /**
     * Called once when the model is loaded, to build what every request needs (scalers,
     * vocabularies, parsed recent data).
     *
     * @param modelDir the model directory
     * @param state the fitted state
     * @param hp the saved hyper-parameters
     * @throws IOException if a model file is unusable
     */
    protected void onLoad(Path modelDir, S state, HyperParameters hp) throws IOException {}

    /**
     * Returns the fitted state (after {@link #prepare}).
     *
     * @return the state
     */
    protected final S state() {
        return state;
    }

    /**
     * Returns the saved hyper-parameters (after {@link #prepare}).
     *
     * @return the hyper-parameters
     */
    protected final HyperParameters hyperParameters() {
        return hyperParameters;
    }

    /**
     * Says whether {@link #encode} receives the request body as text. A translator for binary
     * requests (audio, images) returns {@code false}, gets an empty {@code body} and reads
     * {@code input.getData().getAsBytes()} itself.
     *
     * @return true (the default) to decode the body as UTF-8 text
     */
    protected boolean textBody() {
        return true;
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    @Override
    public final NDList processInput(TranslatorContext ctx, Input input) throws TranslateException {
        String body =
                input.getData() == null || !textBody() ? "" : input.getData().getAsString();
        RequestContext request = new RequestContext(ctx);
        NDList encoded;
        try {
            encoded = encode(request, body, input);
        } catch (LstmForgeException
                | JsonParseException
                | IllegalStateException
                | UnsupportedOperationException
                | NumberFormatException e) {
            throw badRequest(
                    e instanceof JsonParseException ? "not valid JSON: " + ModelFiles.jsonProblem(e) : e.getMessage(),
                    e);
        }
        pending(ctx).addLast(request);
        return encoded;
    }

    @Override
    public final Output processOutput(TranslatorContext ctx, NDList list) throws TranslateException {
        RequestContext request = pending(ctx).pollFirst();
        if (request == null) {
            throw new TranslateException("internal error: an output arrived for no pending request");
        }
        Output output = new Output();
        output.addProperty("Content-Type", "application/json");
        output.add(JsonUtils.GSON_COMPACT.toJson(decode(request.over(ctx), list)));
        return output;
    }

    /**
     * The requests of the current batch that were encoded and not yet decoded, oldest first: DJL
     * decodes in the order it encoded.
     */
    @SuppressWarnings("unchecked")
    private static Deque<RequestContext> pending(TranslatorContext ctx) {
        Deque<RequestContext> queue = (Deque<RequestContext>) ctx.getAttachment(PENDING);
        if (queue == null) {
            queue = new ArrayDeque<>();
            ctx.setAttachment(PENDING, queue);
        }
        return queue;
    }

    /**
     * Turns one request into the model's input arrays, without a batch dimension. Throw a
     * {@code DataException} (or any {@link LstmForgeException}) for a bad request.
     *
     * @param ctx the translator context; keep per-request values with {@code setAttachment}
     * @param body the request body as text (empty when there is none)
     * @param input the whole request, for its properties
     * @return the input arrays of one request
     * @throws TranslateException if the request cannot be served
     */
    protected abstract NDList encode(TranslatorContext ctx, String body, Input input) throws TranslateException;

    /**
     * Turns one request's outputs into the JSON response.
     *
     * @param ctx the translator context, with the attachments {@link #encode} left
     * @param output the model's outputs for this request, without a batch dimension
     * @return the response
     * @throws TranslateException if decoding fails
     */
    protected abstract JsonElement decode(TranslatorContext ctx, NDList output) throws TranslateException;

    /**
     * Builds the error for a request that cannot be served.
     *
     * @param problem what is wrong, naming the field and value
     * @param cause the underlying failure, or null
     * @return the exception to throw
     */
    protected final TranslateException badRequest(String problem, Throwable cause) {
        return new TranslateException("bad " + requestKind + " request: " + problem, cause);
    }
}
