package dev.lstmforge.plugins.video.decode;

import java.util.Locale;

/**
 * Which frames of a clip to keep: a strategy and how many frames. Every strategy returns exactly
 * {@link #frames()} frames in time order, or fails with "too short" when the clip cannot give that
 * many (no padding, no repeats).
 *
 * <ul>
 *   <li>{@link Kind#UNIFORM} with {@code step == 0}: {@code N} evenly spaced frames, the middle
 *       frame of each of {@code N} equal segments of the clip (frame {@code floor((2i + 1) L / 2N)}
 *       of a clip of {@code L} frames). Needs {@code L >= N}.
 *   <li>{@link Kind#UNIFORM} with {@code step == k > 0}: every {@code k}-th frame, {@code N} of
 *       them, from a window centred in the clip (frames {@code s, s + k, ..., s + (N - 1) k} with
 *       {@code s = (L - ((N - 1) k + 1)) / 2}). Needs {@code L >= (N - 1) k + 1}; a shorter clip is
 *       an error rather than padded, so every sample covers the same span of time.
 *   <li>{@link Kind#DIFFERENCE} ("dynamic"): the {@code N} frames that change most from the frame
 *       before, measured as the mean absolute difference of small grey copies (at most 32x32); the
 *       first frame has no predecessor and counts as no change; ties go to the earlier frame.
 *       Needs {@code L >= N}.
 *   <li>{@link Kind#KEYFRAMES}: the codec's key frames, decoded without decoding the frames between
 *       them (FFmpeg's {@code skip_frame=nokey}); {@code N} evenly spaced ones when the clip has
 *       more. A clip with fewer than {@code N} key frames falls back to {@code uniform(N)}, and the
 *       result says so ({@link DecodedClip#fallback()}).
 * </ul>
 *
 * <pre>{@code
 * Sampling.uniform(16);          // 16 evenly spaced frames
 * Sampling.every(5, 16);         // 1 frame in 5, 16 of them
 * Sampling.difference(16);       // the 16 frames that change most
 * Sampling.keyframes(16);        // 16 key frames, or uniform(16) when the clip has fewer
 * Sampling.parse("every:5:16");  // the same as Sampling.every(5, 16)
 * }</pre>
 *
 * @param kind the strategy
 * @param frames how many frames to return, 1 to {@value #MAX_FRAMES}
 * @param step for {@link Kind#UNIFORM}: 0 for evenly spaced frames, or {@code k} for every
 *     {@code k}-th frame; 0 for the other kinds
 */
public record Sampling(Kind kind, int frames, int step) {

    /** The most frames one sample may hold. */
    public static final int MAX_FRAMES = 4096;

    /** The sampling strategies. */
    public enum Kind {
        /** Evenly spaced frames, or every k-th frame. */
        UNIFORM,
        /** The frames that change most from the frame before. */
        DIFFERENCE,
        /** The codec's key frames, decoded alone. */
        KEYFRAMES;

        /**
         * The kind's name in configuration: uniform, difference or keyframes.
         *
         * @return the lower-case name
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the values. */
    public Sampling {
        if (kind == null) {
            throw new IllegalArgumentException("sampling kind is missing");
        }
        if (frames < 1 || frames > MAX_FRAMES) {
            throw new IllegalArgumentException("frames must be 1.." + MAX_FRAMES + ", got " + frames);
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be 0 (evenly spaced) or positive, got " + step);
        }
        if (step > 0 && kind != Kind.UNIFORM) {
            throw new IllegalArgumentException("a step applies to uniform sampling only, not " + kind.id());
        }
    }

    /**
     * {@code n} evenly spaced frames.
     *
     * @param n how many frames
     * @return the sampling
     */
    public static Sampling uniform(int n) {
        return new Sampling(Kind.UNIFORM, n, 0);
    }

    /**
     * Every {@code k}-th frame, {@code n} of them, centred in the clip.
     *
     * @param k the step between kept frames, at least 1
     * @param n how many frames
     * @return the sampling
     */
    public static Sampling every(int k, int n) {
        if (k < 1) {
            throw new IllegalArgumentException("the step must be at least 1, got " + k);
        }
        return new Sampling(Kind.UNIFORM, n, k);
    }

    /**
     * The {@code n} frames that change most from the frame before.
     *
     * @param n how many frames
     * @return the sampling
     */
    public static Sampling difference(int n) {
        return new Sampling(Kind.DIFFERENCE, n, 0);
    }

    /**
     * {@code n} key frames, falling back to {@link #uniform(int) uniform(n)} when a clip has fewer.
     *
     * @param n how many frames
     * @return the sampling
     */
    public static Sampling keyframes(int n) {
        return new Sampling(Kind.KEYFRAMES, n, 0);
    }

    /**
     * Reads a sampling from its text form, as {@link #toString()} writes it: {@code uniform:N},
     * {@code every:K:N}, {@code difference:N} (or {@code dynamic:N}) and {@code keyframes:N}, in
     * any case.
     *
     * @param text the text
     * @return the sampling
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static Sampling parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "sampling is empty; expected uniform:N, every:K:N, difference:N or keyframes:N");
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (parts[0]) {
                case "uniform" -> {
                    if (parts.length == 2) {
                        return uniform(Integer.parseInt(parts[1]));
                    }
                }
                case "every" -> {
                    if (parts.length == 3) {
                        return every(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                    }
                }
                case "difference", "dynamic" -> {
                    if (parts.length == 2) {
                        return difference(Integer.parseInt(parts[1]));
                    }
                }
                case "keyframes" -> {
                    if (parts.length == 2) {
                        return keyframes(Integer.parseInt(parts[1]));
                    }
                }
                default -> {
                    // reported below
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sampling '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(
                "sampling '" + text + "' is not one of uniform:N, every:K:N, difference:N, keyframes:N");
    }

    /**
     * The frames needed from a clip of {@code length} frames for this sampling to succeed without
     * a fallback (key frames aside, whose count is the codec's business).
     *
     * @return {@code (N - 1) k + 1} for every k-th frame, {@code N} otherwise
     */
    public int framesNeeded() {
        return step > 0 ? (frames - 1) * step + 1 : frames;
    }

    /**
     * The text form, which {@link #parse} reads back.
     *
     * @return for example {@code uniform:16}, {@code every:5:16}, {@code difference:16}
     */
    @Override
    public String toString() {
        return switch (kind) {
            case UNIFORM -> step > 0 ? "every:" + step + ":" + frames : "uniform:" + frames;
            case DIFFERENCE -> "difference:" + frames;
            case KEYFRAMES -> "keyframes:" + frames;
        };
    }

    /**
     * The frame indices uniform sampling keeps from a clip of {@code length} frames.
     *
     * @param length the clip's frame count, at least {@link #framesNeeded()}
     * @return {@link #frames()} increasing indices in {@code [0, length)}
     */
    int[] uniformIndices(int length) {
        int[] out = new int[frames];
        if (step > 0) {
            int start = (length - framesNeeded()) / 2;
            for (int i = 0; i < frames; i++) {
                out[i] = start + i * step;
            }
        } else {
            for (int i = 0; i < frames; i++) {
                out[i] = (int) ((2L * i + 1) * length / (2L * frames));
            }
        }
        return out;
    }
}
