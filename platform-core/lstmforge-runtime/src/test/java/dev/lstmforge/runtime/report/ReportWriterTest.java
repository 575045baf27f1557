package dev.lstmforge.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HeatmapSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.89Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ReportWriter writer = new ReportWriter(CLOCK);

    private static List<String> imageSources(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private JsonObject json(String relative) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(relative))).getAsJsonObject();
    }

    /** The process's umask, read from a shell it starts (which inherits it), e.g. {@code 022}. */
    private static int umask() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "umask")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor()).isZero();
        return Integer.parseInt(out, 8);
    }

    /** rw for owner, group and others, less the umask: what a newly created file gets. */
    private static String expectedPermissions(int umask) {
        int mode = 0666 & ~umask;
        String rwx = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            sb.append((mode & (1 << bit)) != 0 ? rwx.charAt(8 - bit) : '-');
        }
        return sb.toString();
    }

    @Test
    void reportFilesFollowTheUmaskNotOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        String expected = expectedPermissions(umask());
        if (umask() == 022) {
            assertThat(expected).isEqualTo("rw-r--r--");
        }

        writer.write(dir, "Permissions", List.of(ReportFixtures.entry("stock-forecast", "default", 3.2146)));

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains("index.html", "report.json", "metrics.json", "loss.png");
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(dir.relativize(f).toString())
                    .isEqualTo(expected);
        }
        if ((umask() & 040) == 0) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("index.html")))
                    .contains(PosixFilePermission.GROUP_READ);
        }
    }

    @Test
    void writesHtmlJsonMetricsAndPngs() throws IOException {
        ReportEntry entry = ReportFixtures.entry("stock-forecast", "default", 3.2146);

        Path index = writer.write(dir, "Nightly <run>", List.of(entry));

        assertThat(index).isEqualTo(dir.resolve("index.html")).isRegularFile();
        String html = Files.readString(index);
        assertThat(html)
                .contains("<title>Nightly &lt;run&gt;</title>", "2025-03-04T05:06:07Z")
                .contains("3.215", "3.05", "rmse", "persistence_rmse")
                .contains("PyTorch", "stock-forecast/v1")
                .contains("RMSE 3.2146 vs persistence 3.05", "early stopping")
                .doesNotContain("<script", "http://", "https://")
                .doesNotContain("Variant comparison");

        Path entryDir = dir.resolve("stock-forecast-default");
        assertThat(entryDir.resolve("metrics.json")).isRegularFile();
        assertThat(entryDir.resolve("loss.png")).isRegularFile();
        assertThat(entryDir.resolve("aapl-test-period.png")).isRegularFile();
        List<String> sources = imageSources(html);
        assertThat(sources)
                .containsExactly("stock-forecast-default/loss.png", "stock-forecast-default/aapl-test-period.png");
        for (String src : sources) {
            assertThat(Path.of(src).isAbsolute()).isFalse();
            BufferedImage image = ImageIO.read(dir.resolve(src).toFile());
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(450);
        }
        assertThat(dir.toFile().list()).noneMatch(name -> name.endsWith(".tmp"));
    }

    @Test
    void jsonParsesBackWithMetricsHistoryAndSections() throws IOException {
        writer.write(dir, "Run", List.of(ReportFixtures.entry("stock-forecast", "default", 3.21)));

        JsonObject report = json("report.json");
        assertThat(report.get("title").getAsString()).isEqualTo("Run");
        JsonObject entry = report.getAsJsonArray("entries").get(0).getAsJsonObject();
        assertThat(entry.get("modelRef").getAsString()).isEqualTo("stock-forecast/v1");
        assertThat(entry.getAsJsonObject("metrics").get("rmse").getAsDouble()).isEqualTo(3.21);
        assertThat(entry.getAsJsonObject("facts").get("seed").getAsString()).isEqualTo("42");
        assertThat(entry.getAsJsonObject("sections").get("Samples").getAsString())
                .contains("101.9");
        JsonObject history = entry.getAsJsonObject("history");
        assertThat(history.get("bestEpoch").getAsInt()).isEqualTo(9);
        JsonArray epochs = history.getAsJsonArray("epochs");
        assertThat(epochs).hasSize(12);
        assertThat(epochs.get(0).getAsJsonObject().get("trainLoss").getAsDouble())
                .isEqualTo(1.0);
        JsonObject second = epochs.get(1).getAsJsonObject();
        assertThat(second.getAsJsonObject("validationMetrics").get("mae").getAsDouble())
                .isEqualTo(0.3);

        JsonObject metrics = json("stock-forecast-default/metrics.json");
        assertThat(metrics.keySet()).containsExactly("rmse", "persistence_rmse");
        assertThat(metrics.get("persistence_rmse").getAsDouble()).isEqualTo(3.05);
    }

    @Test
    void escapesSectionTextAndFacts() throws IOException {
        Evaluation ev = Evaluation.builder()
                .metric("a_b", 1)
                .summary("x < y & \"z\"")
                .section("Generated <b>text</b>", "<script>alert('x')</script>")
                .build();
        ReportEntry entry = new ReportEntry(
                "char-rnn",
                "Char RNN",
                "shakespeare",
                "char-rnn/v2",
                null,
                ev,
                Map.of("data", "<img src=x onerror=alert(1)>"));

        String html = Files.readString(writer.write(dir, "T", List.of(entry)));

        assertThat(html)
                .doesNotContain("<script>", "<b>text", "<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("Generated &lt;b&gt;text&lt;/b&gt;", "a_b")
                .contains("x &lt; y &amp; &quot;z&quot;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(imageSources(html)).isEmpty();
        assertThat(dir.resolve("char-rnn-shakespeare/loss.png")).doesNotExist();
    }

    @Test
    void twoVariantsOfOneProjectGetComparisonTable() throws IOException {
        Evaluation other =
                Evaluation.builder().metric("rmse", 2.5).metric("mape", 0.0123).build();
        ReportEntry second =
                new ReportEntry("stock-forecast", "Stock forecast", "msft", "stock-forecast/v2", null, other, Map.of());
        ReportEntry first = ReportFixtures.entry("stock-forecast", "default", 3.21);
        ReportEntry unrelated = ReportFixtures.entry("energy", "default", 1.0);

        String html = Files.readString(writer.write(dir, "Run", List.of(first, unrelated, second)));

        assertThat(html).containsOnlyOnce("Variant comparison");
        int start = html.indexOf("<table class=\"comparison\">");
        String table = html.substring(start, html.indexOf("</table>", start));
        assertThat(table)
                .contains("<th>rmse</th>", "<th>persistence_rmse</th>", "<th>mape</th>")
                .contains("<td>default</td>", "<td>msft</td>", "3.21", "2.5", "0.0123", "&mdash;");
        assertThat(table.split("<tr>")).hasSize(4);
        assertThat(dir.resolve("stock-forecast-msft")).isDirectory();
        assertThat(dir.resolve("energy-default/loss.png")).isRegularFile();
    }

    @Test
    void nanMetricRendersAsNotAvailable() throws IOException {
        Evaluation ev = Evaluation.builder()
                .metric("rmse", Double.NaN)
                .metric("epochs", 12)
                .metric("huge", Double.POSITIVE_INFINITY)
                .build();
        ReportEntry entry = new ReportEntry("p", "P", "default", "p/v1", null, ev, Map.of());

        String html = Files.readString(writer.write(dir, "Run", List.of(entry)));

        assertThat(html).contains("rmse = n/a", ">n/a</td>", ">12</td>", ">inf</td>");
        JsonObject metrics = json("p-default/metrics.json");
        assertThat(metrics.get("rmse").isJsonNull()).isTrue();
        assertThat(metrics.get("epochs").getAsInt()).isEqualTo(12);
    }

    @Test
    void repeatedEntriesAndChartTitlesGetDistinctFiles() throws IOException {
        Evaluation ev = Evaluation.builder()
                .chart(ReportFixtures.priceChart("Loss", 10))
                .chart(ReportFixtures.priceChart("Loss", 10))
                .chart(ReportFixtures.priceChart("???", 10))
                .build();
        ReportEntry entry = new ReportEntry("p", "P", "default", "p/v1", ReportFixtures.history(3, 2), ev, Map.of());

        String html = Files.readString(writer.write(dir, "Run", List.of(entry, entry)));

        assertThat(imageSources(html))
                .containsExactly(
                        "p-default/loss.png", "p-default/loss-2.png",
                        "p-default/loss-3.png", "p-default/chart.png",
                        "p-default-2/loss.png", "p-default-2/loss-2.png",
                        "p-default-2/loss-3.png", "p-default-2/chart.png");
        imageSources(html).forEach(src -> assertThat(dir.resolve(src)).isRegularFile());
    }

    @Test
    void heatmapIsDrawnBesideATableOfItsValues() throws IOException {
        HeatmapSpec cm = HeatmapSpec.confusion(
                "Confusion matrix", List.of("cat", "dog", "<bird>"), new long[][] {{5, 1, 0}, {2, 7, 0}, {0, 3, 1234}});
        Evaluation ev = Evaluation.builder()
                .metric("accuracy", 0.8)
                .chart(ReportFixtures.priceChart("Confusion matrix", 10))
                .heatmap(cm)
                .build();
        ReportEntry entry = new ReportEntry("audio", "Audio", "fsdd", "audio/v1", null, ev, Map.of());

        String html = Files.readString(writer.write(dir, "Run", List.of(entry)));

        // the chart took the title's file name first; the heatmap gets the next one
        assertThat(imageSources(html))
                .containsExactly("audio-fsdd/confusion-matrix.png", "audio-fsdd/confusion-matrix-2.png");
        BufferedImage image =
                ImageIO.read(dir.resolve("audio-fsdd/confusion-matrix-2.png").toFile());
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.HEATMAP_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEATMAP_HEIGHT);
        int start = html.indexOf("<div class=\"heatmap\">");
        String block = html.substring(start, html.indexOf("</div>", start));
        assertThat(block)
                .contains("<img src=\"audio-fsdd/confusion-matrix-2.png\"", "width=\"640\" height=\"560\"")
                .contains("<table class=\"matrix\" title=\"Confusion matrix\">")
                .contains("<tr><th>actual \\ predicted</th><th>cat</th><th>dog</th><th>&lt;bird&gt;</th></tr>")
                .contains("<tr><th>cat</th><td class=\"num diag\">5</td><td class=\"num\">1</td>"
                        + "<td class=\"num\">0</td></tr>")
                .contains("<tr><th>dog</th><td class=\"num\">2</td><td class=\"num diag\">7</td>"
                        + "<td class=\"num\">0</td></tr>")
                .contains("<tr><th>&lt;bird&gt;</th><td class=\"num\">0</td><td class=\"num\">3</td>"
                        + "<td class=\"num diag\">1234</td></tr>")
                .doesNotContain("<bird>");
        assertThat(block.indexOf("<img")).isLessThan(block.indexOf("<table"));

        JsonObject json = json("report.json").getAsJsonArray("entries").get(0).getAsJsonObject();
        assertThat(json.getAsJsonArray("charts")).hasSize(1);
        JsonObject heatmap = json.getAsJsonArray("heatmaps").get(0).getAsJsonObject();
        assertThat(heatmap.get("file").getAsString()).isEqualTo("audio-fsdd/confusion-matrix-2.png");
        assertThat(heatmap.get("error").isJsonNull()).isTrue();
        assertThat(heatmap.get("yLabel").getAsString()).isEqualTo("actual");
        assertThat(heatmap.getAsJsonArray("rows").get(2).getAsString()).isEqualTo("<bird>");
        JsonArray values = heatmap.getAsJsonArray("values");
        double[][] back = new double[values.size()][];
        for (int r = 0; r < back.length; r++) {
            JsonArray row = values.get(r).getAsJsonArray();
            back[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                back[r][c] = row.get(c).getAsDouble();
            }
        }
        assertThat(back).isDeepEqualTo(cm.values());
    }

    @Test
    void anEvaluationWithoutHeatmapsWritesAnEmptyList() throws IOException {
        String html = Files.readString(
                writer.write(dir, "Run", List.of(ReportFixtures.entry("stock-forecast", "default", 3.21))));

        assertThat(html).doesNotContain("class=\"heatmap\"", "class=\"matrix\"");
        JsonObject entry = json("report.json").getAsJsonArray("entries").get(0).getAsJsonObject();
        assertThat(entry.getAsJsonArray("heatmaps")).isEmpty();
    }

    @Test
    void emptyReportStillWritesPage() throws IOException {
        String html = Files.readString(writer.write(dir.resolve("new/nested"), "Empty", List.of()));

        assertThat(html).contains("No models in this report.");
        assertThat(dir.resolve("new/nested/report.json")).isRegularFile();
    }

    @Test
    void formatsNumbers() {
        assertThat(ReportWriter.formatNumber(3.0)).isEqualTo("3");
        assertThat(ReportWriter.formatNumber(-42.0)).isEqualTo("-42");
        assertThat(ReportWriter.formatNumber(3.14159)).isEqualTo("3.142");
        assertThat(ReportWriter.formatNumber(0.5)).isEqualTo("0.5");
        assertThat(ReportWriter.formatNumber(123456.7)).isEqualTo("123500");
        assertThat(ReportWriter.formatNumber(0.000123456)).isEqualTo("0.0001235");
        assertThat(ReportWriter.formatNumber(1.23456e-7)).isEqualTo("1.235e-07");
        assertThat(ReportWriter.formatNumber(Double.NaN)).isEqualTo("n/a");
        assertThat(ReportWriter.formatNumber(null)).isEqualTo("n/a");
        assertThat(ReportWriter.formatNumber(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }
}
