/**
 * Loading and preparing sensor time series: the CSV reader with the sensor rules (time column,
 * sorting, gap interpolation), NAB label windows, time-gap checks, a synthetic generator, and the
 * support library's scaler applied to series. Plain JDK plus Gson; no DJL.
 */
package dev.lstmforge.plugins.sensor.data;
