package dev.lstmforge.plugins.stock;

import dev.lstmforge.plugins.stock.feature.Feature;
import dev.lstmforge.plugins.stock.feature.Representation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.support.train.CommonParams;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stock project's hyper-parameters, each declared once, and the one place where the
 * free-text ones ({@link #FEATURES}, {@link #START_DATE}, {@link #END_DATE}) are parsed.
 *
 * <pre>{@code
 * HyperParameters hp = HyperParameters.parse(StockParams.ALL, Map.of("window", "30", "features", "close,rsi"));
 * int window = hp.get(StockParams.WINDOW);             // 30
 * List<Feature> features = StockParams.features(hp);  // [CLOSE, RSI]
 * }</pre>
 */
public final class StockParams {

    /** Days of history in one input window. */
    public static final Param<Integer> WINDOW =
            Param.integer("window", 60, 2, 5_000, "days of history in one input window");

    /** Input features per day. */
    public static final Param<String> FEATURES = Param.text(
            "features", "close", "comma-separated inputs per day: close, volume, rsi, macd (close is always included)");

    /** How windows and targets are scaled. */
    public static final Param<String> REPRESENTATION = Param.choice(
            "representation",
            "window_normalised",
            List.of("window_normalised", "global_minmax"),
            "window_normalised (relative to the window's last close) or global_minmax (training min/max)");

    /** Units in each LSTM layer. */
    public static final Param<Integer> HIDDEN_SIZE = CommonParams.HIDDEN_SIZE.withDefault(50);

    /** Stacked LSTM layers. */
    public static final Param<Integer> LAYERS = CommonParams.LAYERS.withDefault(2);

    /** Dropout between the stacked LSTM layers. */
    public static final Param<Double> DROPOUT = CommonParams.DROPOUT;

    /**
     * Gradient clipping; 0 by default, as the stock model was trained before the shared recipe
     * existed (its targets are scaled daily returns, whose gradients stay small).
     */
    public static final Param<Double> CLIP_GRADIENT = CommonParams.CLIP_GRADIENT.withDefault(0.0);

    /** First date to use. */
    public static final Param<String> START_DATE = Param.text(
                    "startDate", "", "first date to use, yyyy-MM-dd; empty = from the start (bundled data: 2013-01-01)")
            .perRun();

    /** First date not to use. */
    public static final Param<String> END_DATE = Param.text(
                    "endDate", "", "first date not to use, yyyy-MM-dd; empty = to the end (bundled data: 2023-01-01)")
            .perRun();

    /** Share of the forecastable days held out for validation. */
    public static final Param<Double> VALIDATION_FRACTION = CommonParams.VALIDATION_FRACTION;

    /** Share of the forecastable days, at the end, held out for the test. */
    public static final Param<Double> TEST_FRACTION = CommonParams.TEST_FRACTION;

    /** Steps of the iterative multi-step forecasts scored in the evaluation. */
    public static final Param<Integer> HORIZON = Param.integer(
            "horizon",
            30,
            1,
            250,
            "days of the iterative forecasts scored from every test origin (at most 30 are scored)");

    /** Every declaration, in the order {@code --help} lists them. */
    public static final List<Param<?>> ALL = TrainingParams.defaults()
            .epochs(40)
            .patience(8)
            .after(
                    WINDOW,
                    FEATURES,
                    REPRESENTATION,
                    HIDDEN_SIZE,
                    LAYERS,
                    DROPOUT,
                    START_DATE,
                    END_DATE,
                    VALIDATION_FRACTION,
                    TEST_FRACTION,
                    HORIZON,
                    CLIP_GRADIENT);

    private StockParams() {}

    /**
     * Parses {@link #FEATURES}: Close first, then the others in the given order.
     *
     * @param hp the hyper-parameters
     * @return the features
     * @throws LstmForgeException naming an unknown or repeated feature
     */
    public static List<Feature> features(HyperParameters hp) {
        List<Feature> out = new ArrayList<>();
        try {
            for (String part : hp.get(FEATURES).split(",")) {
                if (!part.isBlank()) {
                    out.add(Feature.parse(part));
                }
            }
            return Feature.normalise(out);
        } catch (LstmForgeException e) {
            throw new LstmForgeException("hyper-parameter '" + FEATURES.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Returns {@link #REPRESENTATION} as the enum.
     *
     * @param hp the hyper-parameters
     * @return the representation
     */
    public static Representation representation(HyperParameters hp) {
        return Representation.valueOf(hp.get(REPRESENTATION).toUpperCase(Locale.ROOT));
    }

    /**
     * Parses a date parameter.
     *
     * @param hp the hyper-parameters
     * @param param {@link #START_DATE} or {@link #END_DATE}
     * @return the date, or null when empty
     * @throws LstmForgeException naming the key and value if it is not a date
     */
    public static LocalDate date(HyperParameters hp, Param<String> param) {
        String v = hp.get(param).trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new LstmForgeException(
                    "hyper-parameter '" + param.name() + "' must be a date like 2013-01-01, got '" + v + "'");
        }
    }
}
