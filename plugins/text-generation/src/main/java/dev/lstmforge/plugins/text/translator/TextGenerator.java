package dev.lstmforge.plugins.text.translator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.lstmforge.plugins.text.sampling.Sampler;
import dev.lstmforge.plugins.text.token.TokenLevel;
import dev.lstmforge.plugins.text.token.Tokenizer;
import java.util.SplittableRandom;

/**
 * Generates text token by token, carrying the LSTM's hidden and cell state forward: the prompt
 * is read once, then every new token costs one single-step forward pass, whatever the length of
 * the text so far.
 */
public final class TextGenerator {

    private final Block block;
    private final Tokenizer tokenizer;

    /**
     * Creates a generator.
     *
     * @param block the trained language model
     * @param tokenizer the model's tokenizer
     */
    public TextGenerator(Block block, Tokenizer tokenizer) {
        this.block = block;
        this.tokenizer = tokenizer;
    }

    /**
     * The result of one generation.
     *
     * @param text the prompt followed by the generated continuation
     * @param continuation the generated part only
     * @param tokens tokens generated
     * @param seconds time spent generating (prompt included)
     * @param meanEntropy mean entropy (nats) of the distributions sampled from, NaN if not measured
     */
    public record Result(String text, String continuation, int tokens, double seconds, double meanEntropy) {

        /**
         * Returns the generation speed.
         *
         * @return tokens per second
         */
        public double tokensPerSecond() {
            return tokens / Math.max(seconds, 1e-9);
        }
    }

    /**
     * Encodes a prompt for the model; an empty prompt starts from a line break (or the unknown
     * token when the vocabulary has none).
     *
     * @param prompt the prompt
     * @return token ids, never empty
     */
    public int[] encodePrompt(String prompt) {
        int[] ids = tokenizer.encode(prompt);
        if (ids.length > 0) {
            return ids;
        }
        int[] newline = tokenizer.encode("\n");
        return newline.length > 0 ? newline : new int[] {0};
    }

    /**
     * Generates a continuation: reads the prompt, then samples.
     *
     * @param manager where temporary arrays live (closed before returning)
     * @param request prompt and sampling options
     * @return the text and timing
     */
    public Result generate(NDManager manager, GenerationRequest request) {
        return generate(manager, request, false);
    }

    /**
     * Generates a continuation, optionally measuring the entropy of each sampling distribution
     * (an extra softmax per token, so only for evaluation).
     *
     * @param manager where temporary arrays live (closed before returning)
     * @param request prompt and sampling options
     * @param measureEntropy whether to compute {@link Result#meanEntropy()}
     * @return the text and timing
     */
    public Result generate(NDManager manager, GenerationRequest request, boolean measureEntropy) {
        long start = System.nanoTime();
        int[] prompt = encodePrompt(request.prompt());
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDList first = block.forward(ps, new NDList(scope.create(prompt, new Shape(1, prompt.length))), false);
            float[] last = lastStep(first.get(0));
            return sample(scope, request, last, first.get(1), first.get(2), start, measureEntropy);
        }
    }

    /**
     * Samples the continuation, given the model's output on the prompt for one request (as the
     * stacking batchifier hands it over: without the batch axis).
     *
     * @param manager where temporary arrays live
     * @param request prompt and sampling options
     * @param promptOutput logits {@code (steps, vocab)} and the hidden and cell states
     *     {@code (layers, hidden)} after reading the prompt
     * @param startNanos when the request started, for the speed figure
     * @return the text and timing
     */
    public Result continueFrom(NDManager manager, GenerationRequest request, NDList promptOutput, long startNanos) {
        try (NDManager scope = manager.newSubManager()) {
            float[] last = lastStep(promptOutput.get(0));
            // fresh (1, layers, hidden) copies: the batchifier's slices may be views of a larger batch
            NDArray h = withBatchAxis(scope, promptOutput.get(1));
            NDArray c = withBatchAxis(scope, promptOutput.get(2));
            return sample(scope, request, last, h, c, startNanos, false);
        }
    }

    private static NDArray withBatchAxis(NDManager manager, NDArray state) {
        return manager.create(state.toFloatArray(), new Shape(1).addAll(state.getShape()));
    }

    private Result sample(
            NDManager manager,
            GenerationRequest request,
            float[] promptLogits,
            NDArray h0,
            NDArray c0,
            long startNanos,
            boolean measureEntropy) {
        double entropy = 0;
        int[] out = new int[request.length()];
        Sampler sampler = new Sampler(tokenizer.vocabulary().size());
        SplittableRandom rng = new SplittableRandom(request.seed());
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            float[] logits = promptLogits;
            NDArray h = h0;
            NDArray c = c0;
            int[] one = new int[1];
            for (int i = 0; i < out.length; i++) {
                if (measureEntropy) {
                    entropy += Sampler.entropy(Sampler.distribution(logits, request.temperature(), request.topK()));
                }
                out[i] = sampler.next(logits, request.temperature(), request.topK(), rng);
                if (i == out.length - 1) {
                    break;
                }
                one[0] = out[i];
                NDArray x = scope.create(one, new Shape(1, 1));
                NDList next = block.forward(ps, new NDList(x, h, c), false);
                logits = lastStep(next.get(0));
                x.close();
                next.get(0).close();
                if (i > 0) {
                    // the prompt's states belong to the caller; later ones are ours to free
                    h.close();
                    c.close();
                }
                h = next.get(1);
                c = next.get(2);
            }
        }
        String continuation = tokenizer.decode(out, 0, out.length);
        String text = joinPrompt(request.prompt(), continuation);
        return new Result(
                text,
                continuation,
                out.length,
                (System.nanoTime() - startNanos) / 1e9,
                measureEntropy ? entropy / out.length : Double.NaN);
    }

    private String joinPrompt(String prompt, String continuation) {
        if (prompt.isEmpty()
                || tokenizer.level() == TokenLevel.CHAR
                || continuation.isEmpty()
                || prompt.endsWith("\n")
                || continuation.startsWith("\n")) {
            return prompt + continuation;
        }
        char first = continuation.charAt(0);
        boolean noSpace = ",.;:!?)'".indexOf(first) >= 0;
        return prompt + (noSpace ? "" : " ") + continuation;
    }

    /** The last step's logits of one sequence: {@code (1, steps, vocab)} or {@code (steps, vocab)}. */
    private static float[] lastStep(NDArray logits) {
        Shape shape = logits.getShape();
        long steps = shape.get(shape.dimension() - 2);
        try (NDArray last = shape.dimension() == 3 ? logits.get(0, steps - 1) : logits.get(steps - 1)) {
            return last.toFloatArray();
        }
    }
}
