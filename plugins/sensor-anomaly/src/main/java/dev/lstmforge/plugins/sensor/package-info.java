/**
 * The sensor-anomaly project: an LSTM autoencoder scored by reconstruction error (no labels
 * needed to train) and an LSTM window classifier trained with optional SMOTE oversampling, both
 * evaluated with anomaly metrics (point-adjusted F1, G-Mean, ROC/PR-AUC, Precision@K, NAB score)
 * next to naive detectors. Sub-packages: {@code data}, {@code smote}, {@code metrics},
 * {@code baseline}, {@code dataset}, {@code block}, {@code translator}, {@code evaluator}.
 */
package dev.lstmforge.plugins.sensor;
