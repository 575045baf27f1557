/**
 * Reference detectors that any learned model should beat: rolling z-score and random alerts.
 */
package dev.lstmforge.plugins.sensor.baseline;
