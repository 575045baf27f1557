/**
 * Classification and ranking metrics every classifier and detector shares: binary
 * {@link dev.lstmforge.support.metrics.Confusion} rates (precision, recall, F1, G-Mean), the
 * multi-class {@link dev.lstmforge.support.metrics.ConfusionMatrix} (accuracy, per-class and macro
 * precision, recall and F1), threshold-free {@link dev.lstmforge.support.metrics.Ranking} metrics
 * (ROC-AUC, PR-AUC, precision at k) and {@link dev.lstmforge.support.metrics.Thresholds}
 * (percentiles, best-F1 or best-G-Mean search). Regression metrics are in the {@code regression}
 * subpackage.
 */
package dev.lstmforge.support.metrics;
