package dev.lstmforge.plugins.video.decode;

/**
 * What a video file's container says about its video stream, read without decoding a frame
 * ({@link VideoDecoder#probe}).
 *
 * <pre>{@code
 * VideoInfo info = new VideoDecoder(224, 224).probe(Path.of("demo.mp4"));
 * // VideoInfo[format=mov,mp4,m4a,3gp,3g2,mj2, codec=h264, width=340, height=256, fps=28.0,
 * //           durationMicros=10000000, declaredFrames=280, keyFrames=4, hasAudio=false]
 * }</pre>
 *
 * @param format FFmpeg's name for the container format
 * @param codec FFmpeg's name for the video codec
 * @param width the stored frame width in pixels
 * @param height the stored frame height in pixels
 * @param fps the frame rate FFmpeg reports (average, or the stream's base rate)
 * @param durationMicros the container's duration in microseconds, or 0 when unknown
 * @param declaredFrames the frame count the container declares (MP4 and MOV do), or -1 when it
 *     declares none
 * @param keyFrames the key frames in the container's index (MP4 and MOV have one), or -1 when it has
 *     none
 * @param hasAudio whether the file also has an audio stream
 */
public record VideoInfo(
        String format,
        String codec,
        int width,
        int height,
        double fps,
        long durationMicros,
        int declaredFrames,
        int keyFrames,
        boolean hasAudio) {

    /**
     * The best frame count known without decoding: the declared one, else duration times rate.
     *
     * @return the frame count, or -1 when neither is known
     */
    public int estimatedFrames() {
        if (declaredFrames > 0) {
            return declaredFrames;
        }
        if (durationMicros > 0 && fps > 0) {
            return (int) Math.round(durationMicros * fps / 1e6);
        }
        return -1;
    }
}
