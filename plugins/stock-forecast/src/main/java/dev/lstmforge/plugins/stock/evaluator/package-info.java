/**
 * Forecast quality metrics: {@link dev.lstmforge.plugins.stock.evaluator.ForecastMetrics}
 * compares next-day forecasts with the realised prices and with the persistence baseline.
 */
package dev.lstmforge.plugins.stock.evaluator;
