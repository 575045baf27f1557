/**
 * Audio classification: MFCC + raw-waveform two-stream LSTM over WAV, FLAC and MP3 clips
 * ({@link dev.lstmforge.plugins.audio.AudioClassificationProject}).
 */
package dev.lstmforge.plugins.audio;
