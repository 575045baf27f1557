/**
 * Video collections and gesture trajectories: the folder-per-class scan
 * ({@link dev.lstmforge.plugins.video.data.VideoCatalog}), the group-aware stratified split
 * ({@link dev.lstmforge.plugins.video.data.VideoSplits}), the finger-gesture keypoint sequences
 * with their contiguous-block split ({@link dev.lstmforge.plugins.video.data.GestureTrajectories}),
 * and the synthetic action-clip generator.
 */
package dev.lstmforge.plugins.video.data;
