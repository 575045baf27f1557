/**
 * What only anomaly detection needs on top of the support library's classification metrics:
 * event-wise scores, point adjustment (reported for comparison, never as the headline) and the
 * NAB score.
 */
package dev.lstmforge.plugins.sensor.metrics;
