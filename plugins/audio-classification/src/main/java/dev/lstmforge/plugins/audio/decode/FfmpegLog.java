package dev.lstmforge.plugins.audio.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Keeps FFmpeg's per-file chatter off the console while leaving its errors there.
 *
 * <p>At FFmpeg's default level (info), each opened file prints three kinds of noise to standard
 * error: javacv's {@code FFmpegFrameGrabber} reports the options the demuxer did not use ("Info:
 * avformat_open_input rejected some options: pixel_format, sample_rate, channels", through
 * javacpp's logger, only when {@code av_log_get_level() >= AV_LOG_INFO}); it dumps the stream
 * ("Input #0, wav, from ...", {@code av_dump_format}, also only at info); and demuxers warn about
 * harmless things ("Estimating duration from bitrate"). Lowering FFmpeg's level to {@code
 * AV_LOG_ERROR} stops all three at their source; errors (a corrupt MP3 frame, a missing fmt chunk)
 * still print. The level is process-wide, so it is only ever lowered, never raised: a host that set
 * a quieter level keeps it.
 */
final class FfmpegLog {

    private FfmpegLog() {}

    /** Lowers FFmpeg's log level to errors only (idempotent, cheap). */
    static void quiet() {
        Holder.touch();
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
