package dev.lstmforge.plugins.stock.feature;

import static dev.lstmforge.plugins.stock.feature.Feature.CLOSE;
import static dev.lstmforge.plugins.stock.feature.Feature.MACD;
import static dev.lstmforge.plugins.stock.feature.Feature.RSI;
import static dev.lstmforge.plugins.stock.feature.Feature.VOLUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.support.DataException;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WindowEncoderTest {

    private static final List<Feature> ALL = List.of(CLOSE, VOLUME, RSI, MACD);

    /**
     * Five hand-made rows; the first four are the training period.
     * <pre>
     * row close volume rsi macd
     *  0   10    100   30   0.5
     *  1   12    200   40   1.0
     *  2   11    300   50  -0.5
     *  3   15    400   70   2.0
     *  4   20    500   80   3.0
     * </pre>
     */
    private static FeatureMatrix handMade() {
        return FeatureMatrix.of("hand.csv", ALL, TestSeries.weekdays(5), new double[][] {
            {10, 100, 30, 0.5},
            {12, 200, 40, 1.0},
            {11, 300, 50, -0.5},
            {15, 400, 70, 2.0},
            {20, 500, 80, 3.0},
        });
    }

    @Test
    void globalMinMaxWindowLayoutIsTimeMajor() {
        FeatureMatrix m = handMade();
        WindowEncoder e = WindowEncoder.fit(m, ALL, Representation.GLOBAL_MINMAX, 2, 4);

        assertThat(e.min()).containsExactly(10, 100, 30, -0.5);
        assertThat(e.max()).containsExactly(15, 400, 70, 2.0);
        assertThat(e.inputSize()).isEqualTo(8);

        float[] dst = new float[13];
        Arrays.fill(dst, 7f);
        e.encodeWindow(m, 2, dst, 3);

        assertThat(Arrays.copyOfRange(dst, 0, 3)).containsOnly(7f);
        assertThat(Arrays.copyOfRange(dst, 11, 13)).containsOnly(7f);
        float[] window = Arrays.copyOfRange(dst, 3, 11);
        float[] expected = {
            0.4f, 1f / 3, 0.25f, 0.6f, // step 0 = row 1: close, volume, rsi, macd
            0.2f, 2f / 3, 0.5f, 0f, // step 1 = row 2
        };
        for (int k = 0; k < expected.length; k++) {
            assertThat(window[k]).as("element %d", k).isCloseTo(expected[k], within(1e-6f));
        }
        assertThat(e.encodeTarget(m, 2)).isCloseTo(1.0f, within(1e-6f)); // close 15
        assertThat(e.encodeTarget(m, 3)).isCloseTo(2.0f, within(1e-6f)); // close 20 > train max
        assertThat(e.decode(m, 3, 2.0f)).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void windowNormalisedLayoutFollowsTheDocumentedFormulas() {
        FeatureMatrix m = handMade();
        WindowEncoder e = WindowEncoder.fit(m, ALL, Representation.WINDOW_NORMALISED, 2, 4);

        double r1 = 12.0 / 10 - 1;
        double r2 = 11.0 / 12 - 1;
        double r3 = 15.0 / 11 - 1;
        double mean = (r1 + r2 + r3) / 3;
        double std = Math.sqrt(((r1 - mean) * (r1 - mean) + (r2 - mean) * (r2 - mean) + (r3 - mean) * (r3 - mean)) / 2);
        assertThat(e.returnScale()).isCloseTo(std, within(1e-12));

        float[] dst = new float[8];
        e.encodeWindow(m, 2, dst, 0);
        // last close 11, mean window volume 250
        double[] expected = {
            12.0 / 11 - 1,
            200.0 / 250 - 1,
            0.40 - 0.5,
            1.0 / 11, // row 1
            0.0,
            300.0 / 250 - 1,
            0.50 - 0.5,
            -0.5 / 11, // row 2
        };
        for (int k = 0; k < expected.length; k++) {
            assertThat((double) dst[k]).as("element %d", k).isCloseTo(expected[k], within(1e-6));
        }
        assertThat((double) e.encodeTarget(m, 2)).isCloseTo((15.0 / 11 - 1) / std, within(1e-6));
        assertThat(e.decode(m, 2, e.encodeTarget(m, 2))).isCloseTo(15.0, within(1e-5));
    }

    @Test
    void encoderMaySelectASubsetOfTheMatrixFeatures() {
        FeatureMatrix m = handMade();
        WindowEncoder e = WindowEncoder.fit(m, List.of(RSI), Representation.WINDOW_NORMALISED, 3, 4);

        assertThat(e.features()).containsExactly(CLOSE, RSI);
        float[] dst = new float[e.inputSize()];
        e.encodeWindow(m, 3, dst, 0);
        assertThat(dst).containsExactly((float) (12.0 / 15 - 1), -0.1f, (float) (11.0 / 15 - 1), 0f, 0f, 0.2f);
    }

    @ParameterizedTest
    @EnumSource(Representation.class)
    void targetRoundTripsToTheTrueNextPriceOnAapl(Representation r) {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.aapl(), ALL);
        int trainEnd = m.rowOnOrAfter(LocalDate.of(2020, 1, 1));
        WindowEncoder e = WindowEncoder.fit(m, ALL, r, 60, trainEnd);
        double[] close = m.close();

        for (int last = 59; last < m.rows() - 1; last++) {
            float y = e.encodeTarget(m, last);
            assertThat(Float.isFinite(y)).isTrue();
            assertThat(e.decode(m, last, y))
                    .as("row %d", last + 1)
                    .isCloseTo(close[last + 1], within(1e-6 * close[last + 1]));
        }
    }

    @ParameterizedTest
    @EnumSource(Representation.class)
    void targetRoundTripsOnSyntheticData(Representation r) {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(400), ALL);
        WindowEncoder e = WindowEncoder.fit(m, ALL, r, 30, 200);
        for (int last = 29; last < m.rows() - 1; last++) {
            double truth = m.value(last + 1, CLOSE);
            assertThat(e.decode(m, last, e.encodeTarget(m, last))).isCloseTo(truth, within(1e-6 * truth));
            assertThat(e.encodeClose(truth, m.value(last, CLOSE))).isCloseTo(e.encodeTarget(m, last), within(1e-6));
        }
    }

    @Test
    void globalMinMaxIsFittedOnTrainingRowsOnly() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.aapl(), ALL);
        int trainEnd = m.rowOnOrAfter(LocalDate.of(2020, 1, 1));
        WindowEncoder e = WindowEncoder.fit(m, ALL, Representation.GLOBAL_MINMAX, 60, trainEnd);

        for (int j = 0; j < ALL.size(); j++) {
            double[] train = Arrays.copyOf(m.column(ALL.get(j)), trainEnd);
            assertThat(e.min()[j]).isEqualTo(Arrays.stream(train).min().orElseThrow());
            assertThat(e.max()[j]).isEqualTo(Arrays.stream(train).max().orElseThrow());
        }
        // AAPL closed far above its 2010-2019 high in 2021-2023: scaled test values exceed 1.
        assertThat(e.encodeTarget(m, m.rows() - 2)).isGreaterThan(1.5f);
        float[] dst = new float[e.inputSize()];
        e.encodeWindow(m, m.rows() - 1, dst, 0);
        assertThat(dst[dst.length - ALL.size()]).isGreaterThan(1.5f);
    }

    @ParameterizedTest
    @EnumSource(Representation.class)
    void changingTestPeriodDataDoesNotChangeTheFit(Representation r) {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(300), ALL);
        int trainEnd = 150;
        double[][] v = m.values();
        for (int i = trainEnd; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] *= 10;
            }
        }
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < m.rows(); i++) {
            dates.add(m.date(i));
        }
        FeatureMatrix tampered = FeatureMatrix.of(m.source(), ALL, dates, v);

        WindowEncoder a = WindowEncoder.fit(m, ALL, r, 20, trainEnd);
        WindowEncoder b = WindowEncoder.fit(tampered, ALL, r, 20, trainEnd);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void returnScaleIsTheStdOfTrainingReturns() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.aapl(), List.of(CLOSE));
        int trainEnd = 2000;
        WindowEncoder e = WindowEncoder.fit(m, List.of(CLOSE), Representation.WINDOW_NORMALISED, 60, trainEnd);
        double[] c = m.close();
        double[] r = new double[trainEnd - 1];
        for (int t = 1; t < trainEnd; t++) {
            r[t - 1] = c[t] / c[t - 1] - 1;
        }
        double mean = Arrays.stream(r).average().orElseThrow();
        double var = Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / (r.length - 1);
        assertThat(e.returnScale()).isCloseTo(Math.sqrt(var), within(1e-12));
        // Daily AAPL moves are around 1.5-2%.
        assertThat(e.returnScale()).isBetween(0.01, 0.03);
    }

    @ParameterizedTest
    @EnumSource(Representation.class)
    void stateRoundTripsThroughPlainFields(Representation r) {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(300), ALL);
        WindowEncoder original = WindowEncoder.fit(m, List.of(MACD, VOLUME), r, 25, 200);
        WindowEncoder.State s = original.state();

        assertThat(s.representation).isEqualTo(r.name());
        assertThat(s.features).containsExactly("CLOSE", "MACD", "VOLUME");
        assertThat(s.windowSize).isEqualTo(25);

        // Simulate a JSON round trip: only the public plain fields survive.
        WindowEncoder.State copy = new WindowEncoder.State();
        copy.representation = s.representation.toLowerCase();
        copy.features = new ArrayList<>(s.features);
        copy.windowSize = s.windowSize;
        copy.min = s.min.clone();
        copy.max = s.max.clone();
        copy.returnScale = s.returnScale;
        WindowEncoder restored = WindowEncoder.fromState(copy);
        copy.min[0] = -1e9; // the restored encoder must not share the state's arrays

        assertThat(restored).isEqualTo(original);
        float[] a = new float[original.inputSize()];
        float[] b = new float[restored.inputSize()];
        for (int last = 24; last < m.rows() - 1; last += 17) {
            original.encodeWindow(m, last, a, 0);
            restored.encodeWindow(m, last, b, 0);
            assertThat(b).containsExactly(a);
            assertThat(restored.encodeTarget(m, last)).isEqualTo(original.encodeTarget(m, last));
            assertThat(restored.decode(m, last, 0.3f)).isEqualTo(original.decode(m, last, 0.3f));
        }
    }

    @Test
    void fromStateRejectsBrokenStatesWithTheFieldName() {
        WindowEncoder.State good = WindowEncoder.fit(handMade(), ALL, Representation.GLOBAL_MINMAX, 2, 4)
                .state();

        WindowEncoder.State s1 = good;
        s1.representation = "FANCY";
        assertThatThrownBy(() -> WindowEncoder.fromState(s1)).hasMessageContaining("unknown representation 'FANCY'");

        WindowEncoder.State s2 = WindowEncoder.fit(handMade(), ALL, Representation.GLOBAL_MINMAX, 2, 4)
                .state();
        s2.features = List.of("VOLUME", "CLOSE", "RSI", "MACD");
        assertThatThrownBy(() -> WindowEncoder.fromState(s2)).hasMessageContaining("must start with CLOSE");

        WindowEncoder.State s3 = WindowEncoder.fit(handMade(), ALL, Representation.GLOBAL_MINMAX, 2, 4)
                .state();
        s3.min = new double[] {1, 2};
        assertThatThrownBy(() -> WindowEncoder.fromState(s3))
                .hasMessageContaining("'min'")
                .hasMessageContaining("found 2");

        WindowEncoder.State s4 = WindowEncoder.fit(handMade(), ALL, Representation.WINDOW_NORMALISED, 2, 4)
                .state();
        s4.returnScale = 0;
        assertThatThrownBy(() -> WindowEncoder.fromState(s4)).hasMessageContaining("returnScale");

        WindowEncoder.State s5 = new WindowEncoder.State();
        assertThatThrownBy(() -> WindowEncoder.fromState(s5)).hasMessageContaining("'representation' is missing");

        WindowEncoder.State s6 = WindowEncoder.fit(handMade(), ALL, Representation.GLOBAL_MINMAX, 2, 4)
                .state();
        s6.features = List.of("CLOSE", "VOLUME", "RSI", "BOLLINGER");
        assertThatThrownBy(() -> WindowEncoder.fromState(s6))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("unknown feature 'BOLLINGER'");
    }

    @Test
    void tooFewRowsGivesTheDocumentedMessage() {
        assertThatThrownBy(() -> WindowEncoder.checkEnoughRows("AAPL.csv", 45, 60))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "AAPL.csv: 45 usable rows, need at least 61 for one 60-day window plus its next-day target");
        WindowEncoder.checkEnoughRows("AAPL.csv", 61, 60);

        FeatureMatrix plain = FeatureMatrix.build(TestSeries.wavy(45), List.of(CLOSE));
        assertThatThrownBy(() -> WindowEncoder.fit(plain, List.of(CLOSE), Representation.GLOBAL_MINMAX, 60, 45))
                .hasMessage(
                        "synthetic.csv: 45 usable rows, need at least 61 for one 60-day window plus its next-day target");

        FeatureMatrix warm = FeatureMatrix.build(TestSeries.wavy(123), ALL);
        assertThatThrownBy(() -> WindowEncoder.fit(warm, ALL, Representation.GLOBAL_MINMAX, 60, 45))
                .hasMessageStartingWith("synthetic.csv: 45 usable rows, need at least 61")
                .hasMessageContaining("first 78 rows");
    }

    @Test
    void trainingPeriodMustHoldOneWindowAndFitInTheMatrix() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(200), List.of(CLOSE));
        assertThatThrownBy(() -> WindowEncoder.fit(m, List.of(CLOSE), Representation.GLOBAL_MINMAX, 60, 50))
                .hasMessageContaining("training period has 50 usable rows")
                .hasMessageContaining("need at least 61");
        assertThatThrownBy(() -> WindowEncoder.fit(m, List.of(CLOSE), Representation.GLOBAL_MINMAX, 60, 201))
                .hasMessageContaining("beyond the feature matrix's 200 rows");
        assertThatThrownBy(() -> WindowEncoder.fit(m, List.of(CLOSE), Representation.GLOBAL_MINMAX, 0, 100))
                .hasMessageContaining("window size must be at least 1");
        assertThatThrownBy(() -> WindowEncoder.fit(m, List.of(RSI), Representation.GLOBAL_MINMAX, 10, 100))
                .hasMessageContaining("feature RSI is not in the feature matrix");
    }

    @Test
    void encodingOutsideTheMatrixIsAClearError() {
        FeatureMatrix m = handMade();
        WindowEncoder e = WindowEncoder.fit(m, ALL, Representation.GLOBAL_MINMAX, 2, 4);
        float[] dst = new float[8];

        assertThatThrownBy(() -> e.encodeWindow(m, 0, dst, 0)).hasMessageContaining("valid last rows are 1..4");
        assertThatThrownBy(() -> e.encodeWindow(m, 5, dst, 0)).hasMessageContaining("valid last rows are 1..4");
        assertThatThrownBy(() -> e.encodeWindow(m, 2, dst, 1)).hasMessageContaining("need 8 floats");
        assertThatThrownBy(() -> e.encodeTarget(m, 4)).hasMessageContaining("no next-day close after row 4");
        FeatureMatrix closeOnly = FeatureMatrix.build(TestSeries.wavy(10), List.of(CLOSE));
        assertThatThrownBy(() -> e.encodeWindow(closeOnly, 5, dst, 0))
                .hasMessageContaining("feature VOLUME is not in the feature matrix");
    }

    @Test
    void multiStepForecastingWorksOnAppendedRows() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(300), ALL);
        WindowEncoder e = WindowEncoder.fit(m, ALL, Representation.WINDOW_NORMALISED, 30, 200);
        float[] x = new float[e.inputSize()];
        FeatureMatrix path = m;
        for (int step = 0; step < 5; step++) {
            int last = path.rows() - 1;
            e.encodeWindow(path, last, x, 0);
            double next = e.decode(path, last, 0.5f); // a stand-in model output
            assertThat(next).isCloseTo(path.value(last, CLOSE) * (1 + 0.5 * e.returnScale()), within(1e-9));
            path = path.withAppendedRow(next);
        }
        assertThat(path.rows()).isEqualTo(m.rows() + 5);
        e.encodeWindow(path, path.rows() - 1, x, 0);
        assertThat(x[x.length - ALL.size()]).isZero(); // the newest close relative to itself
    }

    @Test
    void encodeWindowDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(
                mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "allocation counter disabled");
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(400), ALL);
        for (Representation r : Representation.values()) {
            WindowEncoder e = WindowEncoder.fit(m, ALL, r, 60, 200);
            float[] dst = new float[e.inputSize()];
            float sink = 0;
            for (int k = 0; k < 20_000; k++) {
                e.encodeWindow(m, 59 + k % 200, dst, 0);
                sink += e.encodeTarget(m, 59 + k % 200);
            }
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            for (int k = 0; k < 20_000; k++) {
                e.encodeWindow(m, 59 + k % 200, dst, 0);
                sink += e.encodeTarget(m, 59 + k % 200);
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            assertThat(allocated)
                    .as("bytes allocated by 20,000 encodings (%s)", r)
                    .isLessThan(20_000);
            assertThat(sink).isNotNaN();
        }
    }
}
