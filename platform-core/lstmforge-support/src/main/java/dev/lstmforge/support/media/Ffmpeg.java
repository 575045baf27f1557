package dev.lstmforge.support.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/**
 * What every plugin that decodes media through javacv's FFmpeg needs: quiet logs and readable error
 * codes. Only usable where FFmpeg is on the class path (the support module declares it optional).
 *
 * <p>{@link #quiet()} keeps FFmpeg's per-file chatter off the console while leaving its errors
 * there. At FFmpeg's default level (info), each opened file prints three kinds of noise to standard
 * error: javacv's {@code FFmpegFrameGrabber} reports the options the demuxer did not use ("Info:
 * avformat_open_input rejected some options: pixel_format, sample_rate, channels", through
 * javacpp's logger, only when {@code av_log_get_level() >= AV_LOG_INFO}); it dumps the stream
 * ("Input #0, wav, from ...", {@code av_dump_format}, also only at info); and demuxers warn about
 * harmless things ("Estimating duration from bitrate"). Lowering FFmpeg's level to {@code
 * AV_LOG_ERROR} stops all three at their source; errors (a corrupt MP3 frame, a missing fmt chunk)
 * still print. The level is process-wide, so it is only ever lowered, never raised: a host that set
 * a quieter level keeps it.
 */
public final class Ffmpeg {

    private Ffmpeg() {}

    /** Lowers FFmpeg's log level to errors only (idempotent, cheap). */
    public static void quiet() {
        Holder.touch();
    }

    /**
     * Returns FFmpeg's text for an error code, starting in lower case so it reads inside a
     * sentence.
     *
     * <pre>{@code
     * Ffmpeg.describeError(-1094995529);   // "invalid data found when processing input"
     * }</pre>
     *
     * @param code a negative AVERROR code
     * @return the description, or "error CODE" when FFmpeg has none
     */
    public static String describeError(int code) {
        if (code == 0) {
            return "unknown error";
        }
        byte[] text = new byte[256];
        if (av_strerror(code, text, text.length) < 0) {
            return "error " + code;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        String s = new String(text, 0, end, StandardCharsets.UTF_8);
        return s.isEmpty() ? "error " + code : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Runs the level change once per class loader, the first time a decoder is made. */
    private static final class Holder {
        static {
            if (av_log_get_level() > AV_LOG_ERROR) {
                av_log_set_level(AV_LOG_ERROR);
            }
        }

        static void touch() {
            // class initialisation above does the work
        }
    }
}
