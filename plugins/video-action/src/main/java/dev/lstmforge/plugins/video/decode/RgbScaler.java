package dev.lstmforge.plugins.video.decode;

import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Scales and converts a decoded picture (FFmpeg's own frame, in its own pixel format and size) to
 * packed RGB at the output size with swscale, with the same filter (bilinear) as javacv's grabber,
 * so the pixels match what the grabber would have made. Lets a strategy decide after decoding which
 * frames are worth converting. Holds native memory: close it.
 */
final class RgbScaler implements AutoCloseable {

    private final int width;
    private final int height;
    private final BytePointer rgb;
    private final PointerPointer<BytePointer> planes;
    private final IntPointer strides;
    private SwsContext context;

    /**
     * Makes the scaler.
     *
     * @param width output width
     * @param height output height
     */
    RgbScaler(int width, int height) {
        this.width = width;
        this.height = height;
        rgb = new BytePointer((long) width * height * 3);
        planes = new PointerPointer<>(rgb, null, null, null);
        strides = new IntPointer(width * 3, 0, 0, 0);
    }

    /**
     * Converts one picture.
     *
     * @param picture the decoded picture
     * @param into {@code height * width * 3} bytes for the RGB result, row-major
     * @return false when swscale cannot convert the picture's pixel format
     */
    boolean scale(AVFrame picture, byte[] into) {
        context = sws_getCachedContext(
                context,
                picture.width(),
                picture.height(),
                picture.format(),
                width,
                height,
                avutil.AV_PIX_FMT_RGB24,
                SWS_BILINEAR,
                null,
                null,
                (DoublePointer) null);
        if (context == null || context.isNull()) {
            return false;
        }
        // an AVFrame starts with its array of plane pointers, as javacv's grabber relies on too
        sws_scale(context, new PointerPointer<>(picture), picture.linesize(), 0, picture.height(), planes, strides);
        rgb.get(into, 0, into.length);
        return true;
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
        strides.close();
        planes.close();
        rgb.close();
    }
}
