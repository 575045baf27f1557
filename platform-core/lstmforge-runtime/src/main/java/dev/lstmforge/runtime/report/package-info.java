/**
 * Turns trained and evaluated models into a human-readable report.
 *
 * <p>A caller collects one {@link dev.lstmforge.runtime.report.ReportEntry} per model (its
 * facts, training history and the plugin's {@link dev.lstmforge.spi.Evaluation}) and hands them
 * to {@link dev.lstmforge.runtime.report.ReportWriter#write ReportWriter.write}, which writes a
 * self-contained {@code index.html}, a machine-readable {@code report.json} and, per entry, a
 * folder with {@code metrics.json} and the PNG charts and heatmaps drawn by
 * {@link dev.lstmforge.runtime.report.ChartRenderer}.
 *
 * <pre>{@code
 * Path index = new ReportWriter().write(Path.of("reports/run-42"), "Nightly run",
 *         List.of(new ReportEntry("stock-forecast", "Stock forecast", "default",
 *                 "stock-forecast/v3", history, evaluation, facts)));
 * }</pre>
 *
 * <p>Charts and heatmaps are drawn headless with XChart; no display is needed.
 */
package dev.lstmforge.runtime.report;
