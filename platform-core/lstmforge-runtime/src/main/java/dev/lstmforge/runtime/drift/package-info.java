/**
 * Input-drift monitoring for served models: is the data a model sees in production still like the
 * data it was trained on?
 *
 * <p>At training time {@link dev.lstmforge.runtime.drift.DriftProfile} records one
 * {@link dev.lstmforge.runtime.drift.FeatureProfile} per input feature (summary numbers, the
 * reference quantile bins and a bounded, deterministic reference sample) and is written as
 * {@value dev.lstmforge.runtime.drift.DriftProfile#FILE_NAME} into the model folder. At serving
 * time a {@link dev.lstmforge.runtime.drift.SlidingWindow} keeps the latest live values per
 * feature, and {@link dev.lstmforge.runtime.drift.DriftCheck} compares a snapshot of it with the
 * profile, giving a {@link dev.lstmforge.runtime.drift.DriftResult}: per feature the Population
 * Stability Index ({@link dev.lstmforge.runtime.drift.Psi}) and the two-sample Kolmogorov-Smirnov
 * test ({@link dev.lstmforge.runtime.drift.KolmogorovSmirnov}), and a verdict for the whole input.
 *
 * <p>Values must be finite: NaN and infinite values are rejected with an
 * {@link java.lang.IllegalArgumentException} that names the feature (or the sample) and the
 * position, never skipped silently; empty samples are rejected the same way.
 *
 * <pre>{@code
 * DriftProfile profile = DriftProfile.builder().add("close", closes).add("volume", volumes).build();
 * profile.write(modelDir);                                  // modelDir/drift-profile.json
 *
 * SlidingWindow window = SlidingWindow.of(DriftProfile.read(modelDir).names());
 * window.add(new double[] {close, volume});                // on every request
 * DriftResult r = DriftCheck.defaults().check(profile, window.snapshot());
 * if (r.drifted()) log.warn("input drift: {}", r.driftedNames());
 * }</pre>
 */
package dev.lstmforge.runtime.drift;
