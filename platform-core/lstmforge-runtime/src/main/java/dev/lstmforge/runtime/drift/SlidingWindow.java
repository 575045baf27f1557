package dev.lstmforge.runtime.drift;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest live values of a fixed list of features, for a model server to check for drift:
 * per feature a ring buffer of {@code capacity} doubles allocated once, so adding a value
 * allocates nothing and, once the ring is full, overwrites the oldest value.
 *
 * <p>Thread-safe: every method holds the window's lock, so {@link #add(double[])} adds a whole row
 * at once and {@link #snapshot()} sees whole rows. Values must be finite; a NaN or infinite value
 * is rejected with an {@link IllegalArgumentException} naming the feature, and a rejected row adds
 * nothing.
 *
 * <pre>{@code
 * SlidingWindow window = SlidingWindow.of(profile.names());         // 1,000 values per feature
 * window.add(new double[] {close, volume});                        // per request, in feature order
 * if (window.size() >= 200) {
 *     DriftResult r = DriftCheck.defaults().check(profile, window.snapshot());
 * }
 * }</pre>
 */
public final class SlidingWindow {

    /** The number of values kept per feature when none is given: {@value}. */
    public static final int DEFAULT_CAPACITY = 1000;

    private final List<String> features;
    private final Map<String, Integer> positions;
    private final int capacity;
    private final double[][] rings;
    private final int[] next;
    private final int[] sizes;
    private long added;

    private SlidingWindow(List<String> features, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be at least 1, got " + capacity);
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one feature");
        }
        this.features = List.copyOf(features);
        this.positions = new HashMap<>();
        for (int i = 0; i < this.features.size(); i++) {
            String name = this.features.get(i);
            FeatureProfile.requireName(name);
            if (positions.put(name, i) != null) {
                throw new IllegalArgumentException("feature '" + name + "' appears twice; names must be unique");
            }
        }
        this.capacity = capacity;
        this.rings = new double[this.features.size()][capacity];
        this.next = new int[this.features.size()];
        this.sizes = new int[this.features.size()];
    }

    /**
     * Creates a window of {@value #DEFAULT_CAPACITY} values per feature.
     *
     * @param features the feature names in input order, unique, at least one
     * @return the empty window
     * @throws IllegalArgumentException when there is no feature or a name is blank or repeated
     */
    public static SlidingWindow of(List<String> features) {
        return new SlidingWindow(features, DEFAULT_CAPACITY);
    }

    /**
     * Creates a window.
     *
     * @param features the feature names in input order, unique, at least one
     * @param capacity the number of values kept per feature, at least 1
     * @return the empty window
     * @throws IllegalArgumentException when there is no feature, a name is blank or repeated, or
     *     {@code capacity < 1}
     */
    public static SlidingWindow of(List<String> features, int capacity) {
        return new SlidingWindow(features, capacity);
    }

    /**
     * Adds one value of one feature.
     *
     * @param feature a feature of the window
     * @param value a finite value
     * @throws IllegalArgumentException when the feature is unknown or the value is not finite
     */
    public void add(String feature, double value) {
        Integer k = positions.get(feature);
        if (k == null) {
            throw new IllegalArgumentException("unknown feature '" + feature + "'; the window has " + features);
        }
        requireFinite(k, value);
        synchronized (this) {
            put(k, value);
            added++;
        }
    }

    /**
     * Adds one value of every feature, given in the window's feature order, as one step.
     *
     * @param valuesInFeatureOrder one finite value per feature
     * @throws IllegalArgumentException when the length differs from the number of features or a
     *     value is not finite; nothing is added then
     */
    public void add(double[] valuesInFeatureOrder) {
        if (valuesInFeatureOrder.length != features.size()) {
            throw new IllegalArgumentException(
                    "expected " + features.size() + " values " + features + ", got " + valuesInFeatureOrder.length);
        }
        for (int k = 0; k < valuesInFeatureOrder.length; k++) {
            requireFinite(k, valuesInFeatureOrder[k]);
        }
        synchronized (this) {
            for (int k = 0; k < valuesInFeatureOrder.length; k++) {
                put(k, valuesInFeatureOrder[k]);
            }
            added += valuesInFeatureOrder.length;
        }
    }

    private void put(int k, double value) {
        rings[k][next[k]] = value;
        next[k] = next[k] + 1 == capacity ? 0 : next[k] + 1;
        if (sizes[k] < capacity) {
            sizes[k]++;
        }
    }

    private void requireFinite(int k, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "feature '" + features.get(k) + "': value " + value + " rejected; only finite values are allowed");
        }
    }

    /**
     * Copies the values held, oldest first, per feature in the window's feature order; a feature
     * without values maps to an empty array.
     *
     * @return a new map of new arrays
     */
    public synchronized Map<String, double[]> snapshot() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (int k = 0; k < features.size(); k++) {
            copy.put(features.get(k), copyOf(k));
        }
        return copy;
    }

    /**
     * Copies the values held for one feature, oldest first.
     *
     * @param feature a feature of the window
     * @return a new array
     * @throws IllegalArgumentException when the feature is unknown
     */
    public synchronized double[] values(String feature) {
        return copyOf(position(feature));
    }

    private double[] copyOf(int k) {
        int size = sizes[k];
        double[] out = new double[size];
        int start = size < capacity ? 0 : next[k]; // when full, the next slot holds the oldest value
        int firstPart = Math.min(size, capacity - start);
        System.arraycopy(rings[k], start, out, 0, firstPart);
        System.arraycopy(rings[k], 0, out, firstPart, size - firstPart);
        return out;
    }

    /**
     * Returns the number of values held for the feature with the fewest: every feature has at
     * least this many values in a {@link #snapshot()}. With rows added by {@link #add(double[])}
     * only, it is the number of rows held.
     *
     * @return a number in {@code [0, capacity()]}
     */
    public synchronized int size() {
        int min = capacity;
        for (int s : sizes) {
            min = Math.min(min, s);
        }
        return min;
    }

    /**
     * Returns the number of values held for one feature.
     *
     * @param feature a feature of the window
     * @return a number in {@code [0, capacity()]}
     * @throws IllegalArgumentException when the feature is unknown
     */
    public synchronized int size(String feature) {
        return sizes[position(feature)];
    }

    /**
     * Returns the number of values added since creation or the last {@link #clear()}, all
     * features together, including those already overwritten.
     *
     * @return the count
     */
    public synchronized long totalAdded() {
        return added;
    }

    /** Forgets all values. */
    public synchronized void clear() {
        Arrays.fill(next, 0);
        Arrays.fill(sizes, 0);
        added = 0;
    }

    /**
     * Returns the number of values kept per feature.
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns the feature names in window order.
     *
     * @return an unmodifiable list
     */
    public List<String> features() {
        return features;
    }

    private int position(String feature) {
        Integer k = positions.get(feature);
        if (k == null) {
            throw new IllegalArgumentException("unknown feature '" + feature + "'; the window has " + features);
        }
        return k;
    }
}
