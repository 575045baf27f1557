/** The video models' serving translator: a video file, or a keypoint trajectory, in; top classes out. */
package dev.lstmforge.plugins.video.translator;
