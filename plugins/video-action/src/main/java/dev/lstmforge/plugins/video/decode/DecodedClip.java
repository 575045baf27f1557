package dev.lstmforge.plugins.video.decode;

/**
 * The frames a {@link VideoDecoder} sampled from one clip, as one contiguous float array, with what
 * was chosen and what it cost.
 *
 * <p>Layout: frame-major, then channel-major (NCHW): the value of channel {@code c} (0 red, 1 green,
 * 2 blue) at row {@code y}, column {@code x} of frame {@code i} is {@code pixels[((i * 3 + c) *
 * height + y) * width + x]}, in [0, 1]. The array may be longer than {@code frames * 3 * height *
 * width} when the caller passed a larger buffer to reuse; only that prefix is written.
 *
 * <pre>{@code
 * DecodedClip clip = decoder.decode(file, Sampling.uniform(16));
 * NDArray x = manager.create(FloatBuffer.wrap(clip.pixels(), 0, clip.values()),
 *         new Shape(clip.frames(), 3, clip.height(), clip.width()));
 * clip.indices();        // [8, 26, 43, ...]: which frames of the clip
 * clip.nanos();          // decode + sample time
 * }</pre>
 *
 * @param pixels the frames (see the layout above)
 * @param frames how many frames were returned: always the sampling's frame count
 * @param height frame height in pixels
 * @param width frame width in pixels
 * @param indices each returned frame's 0-based index in the clip, increasing: its position in
 *     decoding (display) order, or for key frames its time times the frame rate
 * @param timestampsMicros each returned frame's presentation time in microseconds
 * @param sampling the sampling asked for
 * @param fallback true when key-frame sampling found fewer key frames than asked and used uniform
 *     sampling instead
 * @param clipFrames the clip's frame count as far as it is known: the frames decoded when the whole
 *     clip was decoded, else the container's count (or -1 when it declares none)
 * @param decodedFrames how many frames the decoder produced in all (passes included): the clip's
 *     length for full decoding, about the key frames' count when only key frames were decoded
 * @param nanos wall time of opening, decoding and sampling, in nanoseconds
 */
public record DecodedClip(
        float[] pixels,
        int frames,
        int height,
        int width,
        int[] indices,
        long[] timestampsMicros,
        Sampling sampling,
        boolean fallback,
        int clipFrames,
        int decodedFrames,
        long nanos) {

    /**
     * The number of values the frames fill: {@code frames * 3 * height * width}.
     *
     * @return the length of the written prefix of {@link #pixels()}
     */
    public int values() {
        return frames * 3 * height * width;
    }

    /**
     * Where frame {@code i} starts in {@link #pixels()}.
     *
     * @param i the frame, 0 to {@code frames - 1}
     * @return its offset
     */
    public int offset(int i) {
        return i * 3 * height * width;
    }

    /**
     * One value.
     *
     * @param frame the frame
     * @param channel 0 red, 1 green, 2 blue
     * @param y the row
     * @param x the column
     * @return the value in [0, 1]
     */
    public float at(int frame, int channel, int y, int x) {
        return pixels[((frame * 3 + channel) * height + y) * width + x];
    }
}
