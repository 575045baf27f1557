package dev.lstmforge.support.serving;

import ai.djl.modality.Input;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Values a translator works out for a request while it answers it and hands over once afterwards,
 * keyed by the request object itself. Drift monitoring asks for a request's features after its
 * answer; keeping what encoding already computed saves decoding or parsing the body twice. Entries
 * are held weakly: a request nobody asks about is dropped with it.
 *
 * <pre>{@code
 * private final RequestMemo<Map<String, double[]>> drift = new RequestMemo<>();
 * // in encode:          drift.put(input, features);
 * // in driftFeatures:   Map<String, double[]> kept = drift.take(input);
 * }</pre>
 *
 * @param <T> the kept value's type
 */
public final class RequestMemo<T> {

    private final Map<Input, T> values = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Keeps a value for a request (DJL's {@code Input} compares by identity).
     *
     * @param request the request
     * @param value the value
     */
    public void put(Input request, T value) {
        values.put(request, value);
    }

    /**
     * Hands over the value kept for a request, once.
     *
     * @param request the request
     * @return the value, or null when none was kept (or it was taken already)
     */
    public T take(Input request) {
        return values.remove(request);
    }
}
