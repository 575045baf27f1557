/**
 * The on-disk cache of per-clip frame features for a frozen backbone
 * ({@link dev.lstmforge.plugins.video.cache.FeatureCache}): keyed by the clip's SHA-256 and the
 * settings, written atomically, checked on every read.
 */
package dev.lstmforge.plugins.video.cache;
