/**
 * Feature engineering for next-day price forecasting: raw per-day
 * {@link dev.lstmforge.plugins.stock.feature.Feature}s in a
 * {@link dev.lstmforge.plugins.stock.feature.FeatureMatrix}, and a
 * {@link dev.lstmforge.plugins.stock.feature.WindowEncoder} that turns sliding windows into model
 * inputs and targets under a chosen {@link dev.lstmforge.plugins.stock.feature.Representation}.
 */
package dev.lstmforge.plugins.stock.feature;
