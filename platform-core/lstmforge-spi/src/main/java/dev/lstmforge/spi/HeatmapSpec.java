package dev.lstmforge.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A matrix of numbers drawn as a heatmap, above all a confusion matrix; the host draws it as a
 * PNG with a colour scale and the value in each cell, and writes the matrix as a table beside
 * it. Row 0 is drawn at the top, column 0 at the left.
 *
 * <pre>{@code
 * long[][] counts = new long[10][10];          // counts[actual][predicted]
 * for (int i = 0; i < labels.length; i++) {
 *     counts[labels[i]][predictions[i]]++;
 * }
 * Evaluation ev = Evaluation.builder()
 *         .metric("accuracy", accuracy)
 *         .heatmap(HeatmapSpec.confusion("Confusion matrix, test set", digits, counts))
 *         .build();
 * }</pre>
 *
 * <p>The matrix is copied on the way in and on the way out ({@link #values()}), so neither the
 * caller nor a reader can change it; {@link #value(int, int)} reads one cell without a copy.
 * Two specs are equal when their labels and values are.
 *
 * @param title the heatmap title; also used to name the PNG file
 * @param xLabel the label of the column axis, e.g. {@code predicted}
 * @param yLabel the label of the row axis, e.g. {@code actual}
 * @param columns the column names, left to right; at least one
 * @param rows the row names, top to bottom; at least one
 * @param values {@code values[row][column]}, finite numbers, one row per row name and one value
 *     per column name in each row
 */
public record HeatmapSpec(
        String title, String xLabel, String yLabel, List<String> columns, List<String> rows, double[][] values) {

    /** Validates the shape and the values, and copies the lists and the matrix. */
    public HeatmapSpec {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(values, "values");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException("heatmap '" + title + "' needs at least one row and one column, has "
                    + rows.size() + " rows and " + columns.size() + " columns");
        }
        if (values.length != rows.size()) {
            throw new IllegalArgumentException(
                    "heatmap '" + title + "': " + rows.size() + " row names but " + values.length + " rows of values");
        }
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            double[] row = values[r];
            if (row == null || row.length != columns.size()) {
                throw new IllegalArgumentException("heatmap '" + title + "': row '" + rows.get(r) + "' has "
                        + (row == null ? 0 : row.length) + " values but there are " + columns.size() + " columns");
            }
            for (int c = 0; c < row.length; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException("heatmap '" + title + "': the value at row '" + rows.get(r)
                            + "', column '" + columns.get(c) + "' is " + row[c] + ", not a finite number");
                }
            }
            copy[r] = row.clone();
        }
        values = copy;
    }

    /**
     * Creates a confusion matrix: rows are the actual classes, columns the predicted ones, and
     * the axes are labelled {@code actual} and {@code predicted}.
     *
     * @param title the title
     * @param classes the class names, in index order
     * @param counts {@code counts[actual][predicted]}, a square matrix of non-negative counts
     *     with one row and one column per class
     * @return the heatmap
     * @throws IllegalArgumentException if the matrix is not square with one row per class, or
     *     holds a negative count
     */
    public static HeatmapSpec confusion(String title, List<String> classes, long[][] counts) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(counts, "counts");
        double[][] values = new double[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            long[] row = counts[a];
            values[a] = new double[row == null ? 0 : row.length];
            for (int p = 0; p < values[a].length; p++) {
                if (row[p] < 0) {
                    throw new IllegalArgumentException("confusion matrix '" + title + "': the count at actual " + a
                            + ", predicted " + p + " is negative: " + row[p]);
                }
                values[a][p] = row[p];
            }
        }
        return new HeatmapSpec(title, "predicted", "actual", classes, classes, values);
    }

    /**
     * Returns a copy of the matrix.
     *
     * @return {@code values[row][column]}
     */
    @Override
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
        }
        return copy;
    }

    /**
     * Returns one cell without copying the matrix.
     *
     * @param row the row index, from 0 (top)
     * @param column the column index, from 0 (left)
     * @return the value
     * @throws IndexOutOfBoundsException if the cell is outside the matrix
     */
    public double value(int row, int column) {
        return values[row][column];
    }

    /**
     * Compares the labels and the values cell by cell.
     *
     * @param o the other object
     * @return whether {@code o} is a heatmap with the same labels and values
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof HeatmapSpec h
                && title.equals(h.title)
                && Objects.equals(xLabel, h.xLabel)
                && Objects.equals(yLabel, h.yLabel)
                && columns.equals(h.columns)
                && rows.equals(h.rows)
                && Arrays.deepEquals(values, h.values);
    }

    /**
     * Hashes the labels and the values.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(title, xLabel, yLabel, columns, rows, Arrays.deepHashCode(values));
    }

    /**
     * Describes the heatmap with its values.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "HeatmapSpec[title=" + title + ", xLabel=" + xLabel + ", yLabel=" + yLabel + ", columns=" + columns
                + ", rows=" + rows + ", values=" + Arrays.deepToString(values) + "]";
    }
}
