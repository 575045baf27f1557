/**
 * Audio decoding for the audio-classification plugin: {@link
 * dev.lstmforge.plugins.audio.decode.AudioDecoder} turns any file FFmpeg reads (WAV, FLAC, MP3,
 * Ogg, M4A, AIFF...) or a request body into mono float samples in [-1, 1] at one sample rate, and
 * rejects bad input (missing, empty, not audio, truncated or malformed WAV, undecodable sample
 * format, no samples) with a one-line {@link dev.lstmforge.support.DataException} naming the file.
 */
package dev.lstmforge.plugins.audio.decode;
