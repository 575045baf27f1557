/**
 * Helpers for plugins that decode media with javacv's FFmpeg (audio, video): quiet logs and error
 * texts. FFmpeg is an optional dependency of this module: a plugin using this package declares
 * javacv and its FFmpeg natives itself.
 */
package dev.lstmforge.support.media;
