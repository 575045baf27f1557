/**
 * Audio features computed in plain Java, independent of any engine: {@link
 * dev.lstmforge.plugins.audio.features.Mfcc} gives librosa-compatible mel-frequency cepstral
 * coefficients for the settings in {@link dev.lstmforge.plugins.audio.features.MfccConfig}.
 */
package dev.lstmforge.plugins.audio.features;
