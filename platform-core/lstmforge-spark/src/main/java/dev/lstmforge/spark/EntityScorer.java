package dev.lstmforge.spark;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.spi.TableScoring;
import dev.lstmforge.spi.TableScoring.Unit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the rows of one entity with a loaded model, through its serving translator: it turns
 * rows into the translator's own requests ({@link TableScoring.Unit}), sends them through
 * {@code predictBatch} (the translator's batchifier) about {@code batchSize} rows at a time, and
 * reads each answer back into values per row. A window translator that answers several rows per
 * request ({@link TableScoring#windowsPerRequest()}) gets up to {@code batchSize} rows in one
 * request: one parse of their context instead of one per row. Nothing here knows Spark; the
 * Spark job feeds it one entity at a time in time order.
 *
 * <p>Bad rows are reported, not thrown: a value that is not a finite number, an entity with
 * fewer rows than one request needs, a file that cannot be read, or a request the translator
 * refuses. A bad value stops its whole entity (its windows would all be suspect); a refused
 * request is sent again one row at a time, so only the rows at fault are lost.
 */
final class EntityScorer {

    /** Receives results, in row order within an entity. */
    interface Sink {
        /**
         * One scored row.
         *
         * @param row the row's index in the entity, 0-based
         * @param values the translator's values for it, per {@link TableScoring#scoreColumns()}
         */
        void scored(int row, Object[] values);

        /**
         * One problem.
         *
         * @param row the row's index in the entity, 0-based, or -1 for the entity as a whole
         * @param message what is wrong, naming the column and value where there is one
         */
        void failed(int row, String message);
    }

    private final LoadedModel model;
    private final TableScoring scoring;
    private final Map<String, String> properties;
    private final int batchSize;
    private final String header;

    EntityScorer(LoadedModel model, TableScoring scoring, Map<String, String> jobProperties, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        this.model = model;
        this.scoring = scoring;
        Map<String, String> p = new LinkedHashMap<>(scoring.scoringProperties());
        p.putAll(jobProperties);
        this.properties = Map.copyOf(p);
        this.batchSize = batchSize;
        this.header = scoring.timeColumn() + "," + String.join(",", scoring.valueColumns());
    }

    /**
     * Scores a table entity: time values and the model's value columns, rows in time order.
     *
     * @param times each row's time, as text the translator's CSV reader accepts
     * @param values each row's values, in {@link TableScoring#valueColumns()} order, as text
     * @param sink receives the results
     */
    void scoreRows(List<String> times, List<String[]> values, Sink sink) {
        int rows = times.size();
        int need = scoring.contextRows();
        if (!numeric(values, sink)) {
            return;
        }
        if (rows < need) {
            sink.failed(
                    -1,
                    rows + " rows, one " + (scoring.scoringUnit() == Unit.WINDOW ? "request" : "series")
                            + " needs at least " + need);
            return;
        }
        String[] lines = new String[rows];
        for (int i = 0; i < rows; i++) {
            lines[i] = times.get(i) + "," + String.join(",", values.get(i));
        }
        if (scoring.scoringUnit() == Unit.SERIES) {
            Input in = input(csv(lines, 0, rows));
            List<Output> out = send(List.of(in), List.of(0), sink);
            if (out != null) {
                read(out.get(0), 0, rows, sink);
            }
            return;
        }
        // k rows per request (one parse, one batched pass inside the translator), and as many
        // requests per forward pass as keep it near batchSize windows
        int k = Math.max(1, Math.min(scoring.windowsPerRequest(), batchSize));
        int perBatch = Math.max(1, batchSize / k);
        List<Input> batch = new ArrayList<>(perBatch);
        List<int[]> scored = new ArrayList<>(perBatch);
        for (int first = need - 1; first < rows; first += k) {
            int last = Math.min(rows - 1, first + k - 1);
            batch.add(input(csv(lines, first - need + 1, last + 1)));
            scored.add(new int[] {first, last});
            if (batch.size() == perBatch || last == rows - 1) {
                flushWindows(batch, scored, lines, need, sink);
            }
        }
    }

    /**
     * Scores files: one request per row with the bytes of the file its path names.
     *
     * @param paths each row's file path
     * @param sink receives the results
     */
    void scoreFiles(List<String> paths, Sink sink) {
        List<Input> batch = new ArrayList<>(batchSize);
        List<Integer> batchRows = new ArrayList<>(batchSize);
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            if (p == null || p.isBlank()) {
                sink.failed(i, "the file column is empty");
            } else {
                try {
                    Input in = new Input();
                    in.add("data", Files.readAllBytes(Path.of(p)));
                    properties.forEach(in::addProperty);
                    batch.add(in);
                    batchRows.add(i);
                } catch (IOException | RuntimeException e) {
                    sink.failed(i, p + ": cannot be read (" + e.getMessage() + ")");
                }
            }
            if (batch.size() == batchSize || (i == paths.size() - 1 && !batch.isEmpty())) {
                flush(batch, batchRows, 1, sink);
            }
        }
    }

    private void flush(List<Input> batch, List<Integer> batchRows, int rowsPerRequest, Sink sink) {
        List<Output> out = send(batch, batchRows, sink);
        if (out != null) {
            for (int k = 0; k < out.size(); k++) {
                read(out.get(k), batchRows.get(k), rowsPerRequest, sink);
            }
        }
        batch.clear();
        batchRows.clear();
    }

    /**
     * Sends window requests, request {@code b} scoring rows {@code scored[b][0]..scored[b][1]}. A
     * request the model refuses, or whose answer cannot be read, is sent again one row at a time,
     * so only the rows at fault are reported.
     */
    private void flushWindows(List<Input> batch, List<int[]> scored, String[] lines, int need, Sink sink) {
        List<Output> out = null;
        try {
            out = model.predictBatch(batch);
        } catch (TranslateException | RuntimeException refused) {
            // found below, row by row
        }
        for (int b = 0; b < batch.size(); b++) {
            int first = scored.get(b)[0];
            int last = scored.get(b)[1];
            Output o = out == null ? null : out.get(b);
            if (o != null && o.getCode() < 400 && readWindows(o, first, last, need, sink)) {
                continue;
            }
            if (o != null && first == last) {
                read(o, last, need, sink);
                continue;
            }
            for (int row = first; row <= last; row++) {
                List<Output> alone = send(List.of(input(csv(lines, row - need + 1, row + 1))), List.of(row), sink);
                if (alone != null) {
                    read(alone.get(0), row, need, sink);
                }
            }
        }
        batch.clear();
        scored.clear();
    }

    /** Reads a window answer for rows {@code first..last}; false if it cannot be read. */
    private boolean readWindows(Output o, int first, int last, int need, Sink sink) {
        List<Object[]> values;
        try {
            values = scoring.scoreRows(o.getData().getAsString(), need + last - first);
        } catch (RuntimeException e) {
            return false;
        }
        if (values.size() != last - first + 1) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            sink.scored(first + i, values.get(i));
        }
        return true;
    }

    /**
     * Sends a batch as one forward pass; when the translator refuses one of its requests, the
     * whole batch fails, so each is then sent alone to find which.
     *
     * @return the answers, or null when they were already handled one by one
     */
    private List<Output> send(List<Input> batch, List<Integer> batchRows, Sink sink) {
        try {
            return model.predictBatch(batch);
        } catch (TranslateException | RuntimeException batchFailure) {
            if (batch.size() == 1) {
                sink.failed(batchRows.get(0), "the model refused the request: " + message(batchFailure));
                return null;
            }
            for (int k = 0; k < batch.size(); k++) {
                try {
                    Output o = model.predictBatch(List.of(batch.get(k))).get(0);
                    read(o, batchRows.get(k), 1, sink);
                } catch (TranslateException | RuntimeException e) {
                    sink.failed(batchRows.get(k), "the model refused the request: " + message(e));
                }
            }
            return null;
        }
    }

    /** Reads one answer; for a series, {@code first} is 0 and it scores {@code rows} rows. */
    private void read(Output o, int lastRow, int rows, Sink sink) {
        boolean series = scoring.scoringUnit() == Unit.SERIES;
        int reportRow = series ? -1 : lastRow;
        if (o.getCode() >= 400) {
            sink.failed(reportRow, "the model refused the request: " + o.getMessage());
            return;
        }
        List<Object[]> values;
        try {
            values = scoring.scoreRows(o.getData().getAsString(), rows);
        } catch (RuntimeException e) {
            sink.failed(reportRow, "unexpected answer: " + message(e));
            return;
        }
        if (series) {
            for (int i = 0; i < values.size(); i++) {
                sink.scored(i, values.get(i));
            }
        } else {
            sink.scored(lastRow, values.get(0));
        }
    }

    /** Checks that every value is a finite number; reports the first that is not. */
    private boolean numeric(List<String[]> values, Sink sink) {
        List<String> names = scoring.valueColumns();
        for (int i = 0; i < values.size(); i++) {
            String[] row = values.get(i);
            for (int c = 0; c < row.length; c++) {
                String v = row[c];
                String problem = null;
                if (v == null || v.isBlank()) {
                    problem = "is empty";
                } else {
                    try {
                        if (!Double.isFinite(Double.parseDouble(v.strip()))) {
                            problem = "is not finite";
                        }
                    } catch (NumberFormatException e) {
                        problem = "is not a number";
                    }
                }
                if (problem != null) {
                    String shown = v == null ? "" : v;
                    sink.failed(
                            i,
                            "column " + names.get(c) + ": value '" + shown + "' " + problem
                                    + "; the entity is skipped");
                    return false;
                }
            }
        }
        return true;
    }

    private String csv(String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder(header.length() + (to - from) * (lines[from].length() + 1) + 1);
        sb.append(header).append('\n');
        for (int i = from; i < to; i++) {
            sb.append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    private Input input(String body) {
        Input in = new Input();
        in.add("data", body.getBytes(StandardCharsets.UTF_8));
        properties.forEach(in::addProperty);
        return in;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
