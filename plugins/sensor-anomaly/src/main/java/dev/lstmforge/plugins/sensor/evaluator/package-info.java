/** Thresholds, anomaly metrics next to naive detectors, and the plots. */
package dev.lstmforge.plugins.sensor.evaluator;
