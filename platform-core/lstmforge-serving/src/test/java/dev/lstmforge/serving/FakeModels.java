package dev.lstmforge.serving;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model provider without an engine, for the server's own behaviour. Its models answer the
 * body in upper case; "bad" makes the translator refuse the request, "boom" is a fault, and
 * while {@link #gate} is closed every batch waits for it. URLs: "echo" loads, "broken" fails to
 * load, anything with "://" is refused as the real provider does.
 */
final class FakeModels implements ModelProvider {

    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public Description describe(String url) {
        ForgeModels.localReference(url);
        if (!url.equals("echo") && !url.equals("broken")) {
            throw ApiError.badRequest("no model at '" + url + "'");
        }
        return new Description(url, "1", url, Map.of(), null);
    }

    @Override
    public DynamicBatcher.BatchFunction<Input, Output> open(
            Description model, java.util.function.Consumer<Map<String, double[]>> drift) {
        if (model.ref().equals("broken")) {
            throw new IllegalStateException("the parameters file is damaged");
        }
        return batch -> {
            batchSizes.add(batch.size());
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Output> outs = new ArrayList<>();
            for (Input in : batch) {
                String text = in.getData().getAsString();
                if (text.equals("bad")) {
                    throw new TranslateException("bad request: 'bad' is not a valid body");
                }
                if (text.equals("boom")) {
                    throw new IllegalStateException("out of memory in the engine");
                }
                Output out = new Output();
                out.add(text.toUpperCase(Locale.ROOT) + in.getProperty("suffix", ""));
                outs.add(out);
            }
            return outs;
        };
    }
}
