package dev.lstmforge.support.serving;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.translate.TranslatorContext;
import java.util.HashMap;
import java.util.Map;

/**
 * One request's view of a batch's translator context. DJL hands a single context to every
 * request of a batch (it encodes them all, runs one forward pass, then decodes them all in the
 * same order), so attachments set on the shared context would be overwritten by the next request.
 * This view delegates everything to the shared context except attachments, which it keeps per
 * request.
 */
final class RequestContext implements TranslatorContext {

    private final TranslatorContext shared;
    private final Map<String, Object> attachments = new HashMap<>();

    RequestContext(TranslatorContext shared) {
        this.shared = shared;
    }

    /**
     * Returns the same view over another shared context (encode and decode may see different
     * context objects, for example when a batch is split).
     *
     * @param other the context DJL passed now
     * @return a view with this request's attachments
     */
    RequestContext over(TranslatorContext other) {
        if (other == shared) {
            return this;
        }
        RequestContext copy = new RequestContext(other);
        copy.attachments.putAll(attachments);
        return copy;
    }

    @Override
    public Model getModel() {
        return shared.getModel();
    }

    @Override
    public NDManager getNDManager() {
        return shared.getNDManager();
    }

    @Override
    public NDManager getPredictorManager() {
        return shared.getPredictorManager();
    }

    @Override
    public Block getBlock() {
        return shared.getBlock();
    }

    @Override
    public Metrics getMetrics() {
        return shared.getMetrics();
    }

    @Override
    public Object getAttachment(String key) {
        return attachments.get(key);
    }

    @Override
    public void setAttachment(String key, Object value) {
        attachments.put(key, value);
    }

    @Override
    public void close() {
        // the shared context is closed by DJL
    }
}
