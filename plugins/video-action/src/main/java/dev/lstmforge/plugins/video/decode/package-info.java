/**
 * Video decoding and frame sampling: {@link dev.lstmforge.plugins.video.decode.VideoDecoder} decodes
 * a clip with javacv's FFmpeg, resized while decoding, and keeps the frames a {@link
 * dev.lstmforge.plugins.video.decode.Sampling} strategy picks (uniform, frame difference or key
 * frames), as one float array per clip ({@link dev.lstmforge.plugins.video.decode.DecodedClip}).
 */
package dev.lstmforge.plugins.video.decode;
