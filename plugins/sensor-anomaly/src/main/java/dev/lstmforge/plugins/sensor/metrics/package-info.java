/**
 * Evaluation of anomaly detectors: confusion-matrix rates, point adjustment, ranking metrics
 * (ROC AUC, average precision, precision at k), thresholds and the NAB score.
 */
package dev.lstmforge.plugins.sensor.metrics;
