/**
 * The sensor-anomaly project: an LSTM autoencoder scored by reconstruction error (no labels
 * needed to train) and an LSTM window classifier trained with optional SMOTE oversampling, both
 * evaluated with point-wise and event-wise F1, ROC-AUC, PR-AUC and the NAB score next to naive
 * detectors. Sub-packages: {@code data}, {@code metrics}, {@code baseline}, {@code dataset},
 * {@code block}, {@code translator}, {@code evaluator}; shared code (scaling, windows, SMOTE,
 * classification metrics, block builders) comes from {@code dev.lstmforge.support}.
 */
package dev.lstmforge.plugins.sensor;
