package dev.lstmforge.plugins.audio.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Mono float resampling with FFmpeg's swresample (its default windowed-sinc filter), flushed at the
 * end so that the whole clip comes out: {@code n * outRate / inRate} samples, rounded, where the
 * resampling FFmpegFrameGrabber does on the fly loses the last filter length (about 16 input
 * samples) because it never drains the resampler.
 *
 * <p>Each call builds its own resampler and frees all native memory before it returns, so calls
 * may run in parallel.
 */
final class Resampler {

    private Resampler() {}

    /**
     * Resamples one clip.
     *
     * @param in the samples at {@code inRate}
     * @param inRate the input rate in Hz
     * @param outRate the output rate in Hz
     * @return the samples at {@code outRate}
     * @throws IllegalStateException when FFmpeg refuses the rates (a programming error: both are
     *     checked before)
     */
    static float[] resample(float[] in, int inRate, int outRate) {
        if (inRate == outRate || in.length == 0) {
            return in;
        }
        try (PointerScope scope = new PointerScope()) {
            AVChannelLayout mono = new AVChannelLayout();
            av_channel_layout_default(mono, 1);
            SwrContext swr = new SwrContext(null);
            check(
                    swr_alloc_set_opts2(
                            swr, mono, AV_SAMPLE_FMT_FLT, outRate, mono, AV_SAMPLE_FMT_FLT, inRate, 0, null),
                    "swr_alloc_set_opts2");
            try {
                check(swr_init(swr), "swr_init");
                int capacity = swr_get_out_samples(swr, in.length) + 64;
                FloatPointer input = new FloatPointer(in);
                FloatPointer output = new FloatPointer(capacity);
                int n = check(swr_convert(swr, planes(output), capacity, planes(input), in.length), "swr_convert");
                int m = check(
                        swr_convert(swr, planes(output.getPointer(n)), capacity - n, (PointerPointer<?>) null, 0),
                        "swr_convert (flush)");
                float[] out = new float[n + m];
                output.get(out);
                return out;
            } finally {
                swr_free(swr);
            }
        }
    }

    /**
     * The one-plane pointer array swr_convert takes. (Not {@code new PointerPointer(p)}: with one
     * argument that constructor reinterprets {@code p} itself as the array.)
     */
    private static PointerPointer<FloatPointer> planes(FloatPointer plane) {
        return new PointerPointer<FloatPointer>(1).put(0, plane);
    }

    private static int check(int ret, String call) {
        if (ret < 0) {
            throw new IllegalStateException(call + " failed with FFmpeg error " + ret);
        }
        return ret;
    }
}
