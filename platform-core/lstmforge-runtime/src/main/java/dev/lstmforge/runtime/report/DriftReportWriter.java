package dev.lstmforge.runtime.report;

import dev.lstmforge.runtime.drift.DriftProfile;
import dev.lstmforge.runtime.drift.DriftResult;
import dev.lstmforge.runtime.drift.FeatureProfile;
import dev.lstmforge.spi.ChartSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the HTML report of a batch drift check ({@code lstmforge drift MODEL --data FILE}): one
 * row per feature with PSI and its band, the KS statistic and p-value, the rule that decided and
 * the verdict, plus a chart per feature of the two empirical distribution functions (the
 * training reference sample and the new data), whose largest vertical gap is the KS statistic.
 *
 * <pre>{@code
 * Path index = DriftReportWriter.write(dir, "stock-forecast/v3", "2020-2022.csv", profile, current, result);
 * }</pre>
 */
public final class DriftReportWriter {

    private DriftReportWriter() {}

    /**
     * Writes {@code index.html}, {@code drift.json} and one PNG per checked feature.
     *
     * @param dir the report folder (created)
     * @param model the model reference
     * @param data what the new data was
     * @param profile the model's reference profile
     * @param current the new data's feature values
     * @param result the check
     * @return the index file
     * @throws IOException if a file cannot be written
     */
    public static Path write(
            Path dir,
            String model,
            String data,
            DriftProfile profile,
            Map<String, double[]> current,
            DriftResult result)
            throws IOException {
        Files.createDirectories(dir);
        ReportFiles.writeString(dir.resolve("drift.json"), result.toJson());
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Drift: ")
                .append(ReportWriter.escape(model))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child{text-align:left}"
                        + ".drift{color:#b00;font-weight:bold}</style></head><body>\n");
        h.append("<h1>Input drift of ").append(ReportWriter.escape(model)).append("</h1>\n");
        h.append("<p>New data: ")
                .append(ReportWriter.escape(data))
                .append(". Verdict: <span class=\"")
                .append(result.drifted() ? "drift\">drift" : "\">no drift")
                .append("</span> (")
                .append(result.driftedCount())
                .append(" of ")
                .append(result.checkedCount())
                .append(" features drifted; the data counts as drifted from a share of ")
                .append(fmt(result.shareThreshold()))
                .append(").</p>\n");
        h.append("<p>Rule per feature: with up to 1,000 new values, a two-sample Kolmogorov-Smirnov test at"
                + " p &lt; 0.05; with more, PSI &ge; 0.1 (PSI bands: below 0.1 none, 0.1 to 0.25 moderate, 0.25 and"
                + " above significant). The reference is the training part of the model's data.</p>\n");
        h.append("<table><tr><th>feature</th><th>reference values</th><th>new values</th><th>PSI</th><th>band</th>"
                + "<th>KS D</th><th>KS p</th><th>decided by</th><th>drifted</th></tr>\n");
        List<String> charts = new ArrayList<>();
        for (DriftResult.FeatureResult f : result.features()) {
            h.append("<tr><td>").append(ReportWriter.escape(f.name())).append("</td>");
            if (f.status() == DriftResult.Status.MISSING) {
                h.append("<td>")
                        .append(f.referenceCount())
                        .append("</td><td colspan=\"7\">missing from the new data</td></tr>\n");
                continue;
            }
            h.append("<td>")
                    .append(f.referenceCount())
                    .append("</td><td>")
                    .append(f.currentCount())
                    .append("</td><td>")
                    .append(fmt(f.psi()))
                    .append("</td><td>")
                    .append(f.psiBand().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(fmt(f.ksStatistic()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3g", f.ksPValue()))
                    .append("</td><td>")
                    .append(f.decidedBy())
                    .append("</td><td")
                    .append(f.drifted() ? " class=\"drift\">yes" : ">no")
                    .append("</td></tr>\n");
            FeatureProfile ref = profile.feature(f.name()).orElseThrow();
            double[] now = current.get(f.name()).clone();
            Arrays.sort(now);
            String png = "cdf-" + f.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
            ChartRenderer.render(
                    new ChartSpec(
                            f.name() + ": empirical distribution, training reference vs new data",
                            f.name(),
                            "share of values at or below",
                            List.of(cdf("training reference", ref.sample()), cdf("new data", now))),
                    dir.resolve(png));
            charts.add(png);
        }
        h.append("</table>\n");
        for (String png : charts) {
            h.append("<p><img src=\"")
                    .append(png)
                    .append("\" alt=\"")
                    .append(png)
                    .append("\"></p>\n");
        }
        h.append("<p>Figures as JSON: <a href=\"drift.json\">drift.json</a>.</p>\n</body></html>\n");
        Path index = dir.resolve("index.html");
        ReportFiles.writeString(index, h.toString());
        return index;
    }

    private static ChartSpec.Series cdf(String name, double[] sorted) {
        double[] y = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            y[i] = (i + 1) / (double) sorted.length;
        }
        return new ChartSpec.Series(name, sorted, y);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
