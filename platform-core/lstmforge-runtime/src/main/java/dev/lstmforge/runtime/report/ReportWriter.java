package dev.lstmforge.runtime.report;

import ai.djl.util.JsonUtils;
import com.google.gson.Gson;
import dev.lstmforge.runtime.train.EpochRecord;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HeatmapSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a report of trained and evaluated models to a directory:
 *
 * <ul>
 *   <li>{@code report.json}: every entry's facts, metrics, summary, sections, chart files,
 *       heatmaps (file, labels and matrix) and training history;
 *   <li>{@code <projectId>-<variant>/}: per entry, {@code metrics.json} (metric name to value),
 *       {@code loss.png} when the entry has a training history, and one PNG per chart and per
 *       heatmap, named after its title;
 *   <li>{@code index.html}: one self-contained page (inline CSS, no scripts, images linked by
 *       relative path) with a summary table, a variant comparison per project and a section
 *       per entry; each heatmap is shown as its image beside an HTML table of its values (rows
 *       down, columns across, e.g. actual by predicted), which a reader can copy.
 * </ul>
 *
 * <p>Non-finite numbers are written as {@code null} in JSON and as {@code n/a} (NaN) or
 * {@code inf}/{@code -inf} in HTML. Files are written to a temporary name and moved into place.
 * Files from earlier reports in the same directory are overwritten but never deleted.
 */
public final class ReportWriter {

    /** How many metrics per entry the summary table shows. */
    private static final int KEY_METRICS = 6;

    private static final Gson GSON =
            JsonUtils.builder(true).serializeNulls().disableHtmlEscaping().create();

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;\
            max-width:1000px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}
            h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #333}
            .meta{color:#666;margin-top:0}.summary{font-weight:600}
            table{border-collapse:collapse;margin:.5rem 0 1rem}
            th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
            th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
            article{border-top:1px solid #ddd;margin-top:1.5rem}
            figure{margin:1rem 0}img{max-width:100%;height:auto;border:1px solid #ddd}
            pre{background:#f6f6f6;padding:.75rem;overflow-x:auto;white-space:pre-wrap}
            .error{color:#b00}
            .heatmap{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
            .heatmap figure{margin:0}table.matrix th,table.matrix td{padding:.15rem .4rem}
            table.matrix{display:block;max-width:100%;overflow-x:auto}table.matrix td.diag{font-weight:700}
            """;

    private final Clock clock;

    /** Creates a writer stamping reports with the system clock. */
    public ReportWriter() {
        this(Clock.systemUTC());
    }

    /**
     * Creates a writer stamping reports with the given clock.
     *
     * @param clock the source of the generation time
     */
    public ReportWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One entry with the directory and images written for it. */
    private record Written(
            ReportEntry entry, Evaluation eval, String dir, List<Image> images, List<Heatmap> heatmaps) {}

    /** A heatmap with its image. */
    private record Heatmap(HeatmapSpec spec, Image image) {}

    /** A chart image: relative {@code path} from the report directory, or an {@code error}. */
    private record Image(String title, String path, String error) {}

    /**
     * Writes the report files and returns the HTML page.
     *
     * @param reportDir the directory to write into, created if missing
     * @param title the report title
     * @param entries the models to show, in display order; entries of one project are grouped
     *     under the project's first appearance
     * @return the path of {@code index.html}
     * @throws IOException if a file cannot be written
     */
    public Path write(Path reportDir, String title, List<ReportEntry> entries) throws IOException {
        Files.createDirectories(reportDir);
        String generated = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        Set<String> dirs = new HashSet<>();
        List<Written> written = new ArrayList<>();
        for (ReportEntry entry : entries) {
            written.add(writeEntry(reportDir, entry, dirs));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("generated", generated);
        json.put("entries", written.stream().map(ReportWriter::entryJson).toList());
        ReportFiles.writeString(reportDir.resolve("report.json"), GSON.toJson(json));
        Path index = reportDir.resolve("index.html");
        ReportFiles.writeString(index, html(title, generated, written));
        return index;
    }

    private static Written writeEntry(Path reportDir, ReportEntry entry, Set<String> dirs) throws IOException {
        Evaluation eval = entry.evaluation() != null
                ? entry.evaluation()
                : Evaluation.builder().build();
        String dir = ReportFiles.unique(ReportFiles.slug(entry.projectId() + "-" + entry.variant(), "entry"), dirs);
        Path folder = reportDir.resolve(dir);
        Files.createDirectories(folder);
        ReportFiles.writeString(folder.resolve("metrics.json"), GSON.toJson(numbers(eval.metrics())));
        List<Image> images = new ArrayList<>();
        Set<String> files = new HashSet<>(Set.of("loss", "metrics"));
        if (entry.history() != null) {
            images.add(draw(
                    "Loss per epoch",
                    dir,
                    "loss.png",
                    p -> ChartRenderer.renderLoss(entry.history(), "Loss per epoch", p),
                    folder));
        }
        for (ChartSpec chart : eval.charts()) {
            String file = ReportFiles.unique(ReportFiles.slug(chart.title(), "chart"), files) + ".png";
            images.add(draw(chart.title(), dir, file, p -> ChartRenderer.render(chart, p), folder));
        }
        List<Heatmap> heatmaps = new ArrayList<>();
        for (HeatmapSpec heatmap : eval.heatmaps()) {
            String file = ReportFiles.unique(ReportFiles.slug(heatmap.title(), "heatmap"), files) + ".png";
            heatmaps.add(new Heatmap(
                    heatmap, draw(heatmap.title(), dir, file, p -> ChartRenderer.render(heatmap, p), folder)));
        }
        return new Written(entry, eval, dir, images, heatmaps);
    }

    /** Something that draws into a file. */
    private interface Drawing {
        void to(Path png) throws IOException;
    }

    /** Draws one image; a chart XChart cannot draw becomes an error note, not a lost report. */
    private static Image draw(String title, String dir, String file, Drawing drawing, Path folder) throws IOException {
        try {
            drawing.to(folder.resolve(file));
            return new Image(title, dir + "/" + file, null);
        } catch (RuntimeException e) {
            return new Image(title, null, "chart not drawn: " + Messages.describe(e));
        }
    }

    // ---- JSON ----

    private static Map<String, Object> entryJson(Written w) {
        ReportEntry e = w.entry();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("projectId", e.projectId());
        m.put("projectTitle", e.projectTitle());
        m.put("variant", e.variant());
        m.put("modelRef", e.modelRef());
        m.put("directory", w.dir());
        m.put("facts", e.facts() != null ? e.facts() : Map.of());
        m.put("summary", w.eval().summary());
        m.put("metrics", numbers(w.eval().metrics()));
        m.put(
                "charts",
                w.images().stream()
                        .map(i -> {
                            Map<String, Object> c = new LinkedHashMap<>();
                            c.put("title", i.title());
                            c.put("file", i.path());
                            c.put("error", i.error());
                            return c;
                        })
                        .toList());
        m.put(
                "heatmaps",
                w.heatmaps().stream()
                        .map(hm -> {
                            HeatmapSpec spec = hm.spec();
                            Map<String, Object> c = new LinkedHashMap<>();
                            c.put("title", spec.title());
                            c.put("file", hm.image().path());
                            c.put("error", hm.image().error());
                            c.put("xLabel", spec.xLabel());
                            c.put("yLabel", spec.yLabel());
                            c.put("columns", spec.columns());
                            c.put("rows", spec.rows());
                            c.put("values", spec.values());
                            return c;
                        })
                        .toList());
        m.put("sections", w.eval().sections());
        m.put("history", e.history() == null ? null : historyJson(e.history()));
        return m;
    }

    private static Map<String, Object> historyJson(TrainingHistory h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bestEpoch", h.bestEpoch());
        m.put("stopReason", h.stopReason());
        m.put(
                "epochs",
                h.epochs().stream()
                        .map(r -> {
                            Map<String, Object> ep = new LinkedHashMap<>();
                            ep.put("epoch", r.epoch());
                            ep.put("trainLoss", number(r.trainLoss()));
                            ep.put("validationLoss", number(r.validationLoss()));
                            ep.put("trainMetrics", numbers(new TreeMap<>(r.trainMetrics())));
                            ep.put("validationMetrics", numbers(new TreeMap<>(r.validationMetrics())));
                            ep.put("seconds", number(r.seconds()));
                            ep.put("samplesPerSecond", number(r.samplesPerSecond()));
                            return ep;
                        })
                        .toList());
        return m;
    }

    /** JSON has no NaN or infinity; such values become {@code null}. */
    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, Double> numbers(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v == null ? null : number(v)));
        return out;
    }

    // ---- HTML ----

    private static String html(String title, String generated, List<Written> written) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n")
                .append("<header>\n<h1>")
                .append(escape(title))
                .append("</h1>\n")
                .append("<p class=\"meta\">Generated ")
                .append(escape(generated))
                .append(" &middot; ")
                .append(written.size())
                .append(written.size() == 1 ? " model" : " models")
                .append("</p>\n</header>\n");
        h.append("<h2>Summary</h2>\n");
        if (written.isEmpty()) {
            h.append("<p>No models in this report.</p>\n");
        } else {
            h.append("<table class=\"overview\">\n<tr><th>Project</th><th>Variant</th>")
                    .append("<th>Model</th><th>Key metrics</th></tr>\n");
            for (Written w : written) {
                String keys = w.eval().metrics().entrySet().stream()
                        .limit(KEY_METRICS)
                        .map(m -> escape(m.getKey()) + " = " + formatNumber(m.getValue()))
                        .collect(Collectors.joining("<br>"));
                h.append("<tr><td><a href=\"#")
                        .append(w.dir())
                        .append("\">")
                        .append(escape(w.entry().projectTitle()))
                        .append("</a></td>")
                        .append(td(w.entry().variant()))
                        .append(td(w.entry().modelRef()))
                        .append("<td>")
                        .append(keys)
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        Map<String, List<Written>> byProject = new LinkedHashMap<>();
        for (Written w : written) {
            byProject
                    .computeIfAbsent(w.entry().projectId(), k -> new ArrayList<>())
                    .add(w);
        }
        for (List<Written> group : byProject.values()) {
            ReportEntry first = group.get(0).entry();
            h.append("<section>\n<h2>")
                    .append(escape(first.projectTitle()))
                    .append(" <small>(")
                    .append(escape(first.projectId()))
                    .append(")</small></h2>\n");
            if (group.size() > 1) {
                comparison(h, group);
            }
            group.forEach(w -> entry(h, w));
            h.append("</section>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void comparison(StringBuilder h, List<Written> group) {
        Set<String> columns = new LinkedHashSet<>();
        group.forEach(w -> columns.addAll(w.eval().metrics().keySet()));
        h.append("<h3>Variant comparison</h3>\n<table class=\"comparison\">\n")
                .append("<tr><th>Variant</th><th>Model</th>");
        columns.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
        h.append("</tr>\n");
        for (Written w : group) {
            h.append("<tr>").append(td(w.entry().variant())).append(td(w.entry().modelRef()));
            for (String c : columns) {
                Double v = w.eval().metrics().get(c);
                h.append(v == null ? "<td>&mdash;</td>" : numberCell(v));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void entry(StringBuilder h, Written w) {
        ReportEntry e = w.entry();
        Evaluation eval = w.eval();
        h.append("<article id=\"")
                .append(w.dir())
                .append("\">\n<h3>")
                .append(escape(e.variant()))
                .append(" &mdash; ")
                .append(escape(e.modelRef()))
                .append("</h3>\n");
        if (eval.summary() != null && !eval.summary().isBlank()) {
            h.append("<p class=\"summary\">").append(escape(eval.summary())).append("</p>\n");
        }
        if (e.facts() != null && !e.facts().isEmpty()) {
            h.append("<table class=\"facts\">\n");
            e.facts()
                    .forEach((k, v) -> h.append("<tr><th>")
                            .append(escape(k))
                            .append("</th>")
                            .append(td(v))
                            .append("</tr>\n"));
            h.append("</table>\n");
        }
        TrainingHistory history = e.history();
        if (history != null && !history.epochs().isEmpty()) {
            int n = history.epochs().size();
            h.append("<p>Trained ").append(n).append(n == 1 ? " epoch" : " epochs");
            if (history.bestEpoch() >= 1
                    && history.bestEpoch() <= history.epochs().size()) {
                EpochRecord best = history.best();
                h.append("; kept epoch ")
                        .append(best.epoch())
                        .append(" (train loss ")
                        .append(formatNumber(best.trainLoss()))
                        .append(", validation loss ")
                        .append(formatNumber(best.validationLoss()))
                        .append(')');
            }
            if (history.stopReason() != null && !history.stopReason().isBlank()) {
                h.append("; stopped: ").append(escape(history.stopReason()));
            }
            h.append(".</p>\n");
        }
        if (!eval.metrics().isEmpty()) {
            h.append("<h4>Metrics</h4>\n<table class=\"metrics\">\n");
            eval.metrics()
                    .forEach((k, v) -> h.append("<tr><th>")
                            .append(escape(k))
                            .append("</th>")
                            .append(numberCell(v))
                            .append("</tr>\n"));
            h.append("</table>\n");
        }
        for (Image img : w.images()) {
            figure(h, img, ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
        }
        for (Heatmap hm : w.heatmaps()) {
            h.append("<div class=\"heatmap\">\n");
            figure(h, hm.image(), ChartRenderer.HEATMAP_WIDTH, ChartRenderer.HEATMAP_HEIGHT);
            matrix(h, hm.spec());
            h.append("</div>\n");
        }
        eval.sections()
                .forEach((title, text) -> h.append("<h4>")
                        .append(escape(title))
                        .append("</h4>\n<pre>")
                        .append(escape(text))
                        .append("</pre>\n"));
        h.append("</article>\n");
    }

    private static void figure(StringBuilder h, Image img, int width, int height) {
        if (img.path() != null) {
            h.append("<figure><img src=\"")
                    .append(escape(img.path()))
                    .append("\" alt=\"")
                    .append(escape(img.title()))
                    .append("\" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append("\"><figcaption>")
                    .append(escape(img.title()))
                    .append("</figcaption></figure>\n");
        } else {
            h.append("<p class=\"error\">Chart &ldquo;")
                    .append(escape(img.title()))
                    .append("&rdquo; could not be drawn: ")
                    .append(escape(img.error()))
                    .append("</p>\n");
        }
    }

    /** The heatmap's values as a table: one row per matrix row, the diagonal in bold. */
    private static void matrix(StringBuilder h, HeatmapSpec spec) {
        String corner = spec.yLabel() == null || spec.yLabel().isBlank()
                ? escape(spec.xLabel())
                : escape(spec.yLabel()) + " \\ " + escape(spec.xLabel());
        h.append("<table class=\"matrix\" title=\"")
                .append(escape(spec.title()))
                .append("\">\n<tr><th>")
                .append(corner)
                .append("</th>");
        spec.columns().forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
        h.append("</tr>\n");
        for (int r = 0; r < spec.rows().size(); r++) {
            String row = spec.rows().get(r);
            h.append("<tr><th>").append(escape(row)).append("</th>");
            for (int c = 0; c < spec.columns().size(); c++) {
                h.append(row.equals(spec.columns().get(c)) ? "<td class=\"num diag\">" : "<td class=\"num\">")
                        .append(formatNumber(spec.value(r, c)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String td(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    private static String numberCell(Double v) {
        String full = v == null ? "" : String.valueOf(v);
        return "<td class=\"num\" title=\"" + escape(full) + "\">" + formatNumber(v) + "</td>";
    }

    /**
     * Escapes text for HTML element content and double- or single-quoted attribute values.
     *
     * @param text the text, may be {@code null} (gives an empty string)
     * @return the escaped text
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Formats a metric for display: integers without decimals, other values to 4 significant
     * digits (scientific notation when very large or small), {@code n/a} for NaN or null and
     * {@code inf}/{@code -inf} for infinities.
     *
     * @param v the value
     * @return the display text, which needs no HTML escaping
     */
    static String formatNumber(Double v) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        if (v.isInfinite()) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return Long.toString(v.longValue());
        }
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(v)
                    .round(new MathContext(4, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
