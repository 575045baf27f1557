/**
 * Video action recognition: a per-frame CNN (time-distributed) feeding an LSTM over frames sampled
 * from each clip ({@link dev.lstmforge.plugins.video.VideoActionProject}).
 */
package dev.lstmforge.plugins.video;
