/**
 * The stock-forecast project: next-day Close from sliding windows of daily prices, with
 * iterative multi-step forecasts. Sub-packages follow DJL's layout: {@code data} (CSV reading),
 * {@code feature} (indicators, representations, window encoding), {@code dataset},
 * {@code block}, {@code translator} and {@code evaluator}.
 */
package dev.lstmforge.plugins.stock;
