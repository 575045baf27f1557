/**
 * Loading and preparing sensor time series: the tolerant CSV reader ({@link
 * dev.lstmforge.plugins.sensor.data.SensorCsvReader}), NAB label windows, a synthetic generator,
 * per-column scaling and sliding windows. Plain JDK plus Gson; no DJL.
 */
package dev.lstmforge.plugins.sensor.data;
