package dev.lstmforge.runtime.drift;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of checking a data file for input drift against a model
 * ({@code LstmForge.drift}, {@code lstmforge drift}).
 *
 * <pre>{@code
 * DataDrift d = forge.drift("stock-forecast", Path.of("new.csv"));
 * System.out.println(d.result().drifted() + " " + d.result().driftedNames());
 * }</pre>
 *
 * @param modelRef the model checked against
 * @param data the new data file
 * @param profile the model's reference profile
 * @param current the new data's feature values
 * @param result the comparison
 */
public record DataDrift(
        String modelRef, Path data, DriftProfile profile, Map<String, double[]> current, DriftResult result) {}
