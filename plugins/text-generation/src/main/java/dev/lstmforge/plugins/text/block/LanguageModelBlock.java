package dev.lstmforge.plugins.text.block;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedding → stacked LSTM → dense layer over the vocabulary, with the LSTM state exposed so
 * generation can carry it from one step to the next instead of re-reading the whole context.
 *
 * <p>Input: token ids {@code (batch, steps)} (int32), optionally followed by the LSTM hidden and
 * cell states {@code (batch, layers, hidden)}. Output: logits {@code (batch, steps, vocab)} and
 * the new hidden and cell states, also {@code (batch, layers, hidden)}. Training passes token ids
 * only (the state starts at zero for every sequence). Every input and output has the batch first,
 * so DJL's stacking batchifier can split one batched forward pass into per-request outputs, states
 * included; inside, the states are transposed to the {@code (layers, batch, hidden)} layout the
 * engines' LSTM expects.
 *
 * <pre>{@code
 * LanguageModelBlock lm = new LanguageModelBlock(66, 64, 256, 2, 0f);
 * NDList out = lm.forward(ps, new NDList(promptIds), false);          // promptIds (1, steps)
 * NDList next = lm.forward(ps, new NDList(oneId, out.get(1), out.get(2)), false);
 * }</pre>
 */
public final class LanguageModelBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int vocabSize;
    private final int embeddingSize;
    private final int hiddenSize;
    private final int layers;
    private final TrainableWordEmbedding embedding;
    private final LSTM lstm;
    private final Linear output;

    /**
     * Creates the block.
     *
     * @param vocabSize number of token ids
     * @param embeddingSize embedding width
     * @param hiddenSize LSTM state size
     * @param layers number of stacked LSTM layers
     * @param dropout dropout between LSTM layers (training only), 0 for none
     */
    public LanguageModelBlock(int vocabSize, int embeddingSize, int hiddenSize, int layers, float dropout) {
        super(VERSION);
        this.vocabSize = vocabSize;
        this.embeddingSize = embeddingSize;
        this.hiddenSize = hiddenSize;
        this.layers = layers;
        // DJL's embedding needs a vocabulary only to size its table; ids are looked up directly.
        List<String> ids = new ArrayList<>(vocabSize);
        for (int i = 0; i < vocabSize; i++) {
            ids.add(Integer.toString(i));
        }
        embedding = addChildBlock("embedding", new TrainableWordEmbedding(new DefaultVocabulary(ids), embeddingSize));
        LSTM.Builder b = LSTM.builder()
                .setStateSize(hiddenSize)
                .setNumLayers(layers)
                .optBatchFirst(true)
                .optReturnState(true);
        if (layers > 1 && dropout > 0) {
            b.optDropRate(dropout);
        }
        lstm = addChildBlock("lstm", b.build());
        output = addChildBlock("output", Linear.builder().setUnits(vocabSize).build());
    }

    /**
     * Returns the vocabulary size.
     *
     * @return the number of output classes
     */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * Returns the state shape for a batch: {@code (batch, layers, hidden)}.
     *
     * @param batch the batch size
     * @return the shape of the hidden (and cell) state
     */
    public Shape stateShape(long batch) {
        return new Shape(batch, layers, hiddenSize);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.get(0);
        NDArray emb = embedding.forward(ps, new NDList(tokens), training).head();
        NDList lstmIn = inputs.size() >= 3
                ? new NDList(emb, layersFirst(inputs.get(1)), layersFirst(inputs.get(2)))
                : new NDList(emb);
        NDList seq = lstm.forward(ps, lstmIn, training);
        NDArray logits = output.forward(ps, new NDList(seq.get(0)), training).head();
        return new NDList(logits, layersFirst(seq.get(1)), layersFirst(seq.get(2)));
    }

    /** Swaps the first two axes: {@code (batch, layers, hidden)} and {@code (layers, batch, hidden)}. */
    private static NDArray layersFirst(NDArray state) {
        return state.transpose(1, 0, 2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        long steps = inputShapes[0].get(1);
        return new Shape[] {new Shape(batch, steps, vocabSize), stateShape(batch), stateShape(batch)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        embedding.initialize(manager, dataType, tokens);
        lstm.initialize(manager, dataType, new Shape(tokens.get(0), tokens.get(1), embeddingSize));
        output.initialize(manager, dataType, new Shape(tokens.get(0), tokens.get(1), hiddenSize));
    }
}
