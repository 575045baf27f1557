package dev.lstmforge.runtime.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares current values with a {@link DriftProfile}, feature by feature, and decides whether the
 * input drifted. Instances are immutable and thread-safe; the {@code with...} methods return
 * changed copies.
 *
 * <p>For each profile feature with current values it computes the PSI over the profile's bins
 * (against the reference fractions of all training values) and the two-sample Kolmogorov-Smirnov
 * test against the profile's reference sample. The feature counts as drifted by this rule:
 *
 * <ul>
 *   <li>when the current sample has at most {@link #ksMaxCurrent()} values (default {@value
 *       #DEFAULT_KS_MAX_CURRENT}): KS p-value {@code <} {@link #ksAlpha()} (default {@value
 *       #DEFAULT_KS_ALPHA});
 *   <li>otherwise: PSI {@code >=} {@link #psiThreshold()} (default {@value #DEFAULT_PSI_THRESHOLD}).
 * </ul>
 *
 * <p>The reason for the switch: with many values the KS test flags differences too small to
 * matter, while PSI over ten bins is noisy with few values. The input as a whole drifted when the
 * share of drifted features among the checked ones reaches {@link #driftShare()} (default {@value
 * #DEFAULT_DRIFT_SHARE}); see {@link DriftResult} for missing and unexpected features.
 *
 * <pre>{@code
 * DriftCheck check = DriftCheck.defaults().withKsAlpha(0.01).withDriftShare(0.3);
 * DriftResult r = check.check(profile, Map.of("close", liveCloses, "volume", liveVolumes));
 * }</pre>
 */
public final class DriftCheck {

    /** The default significance level of the KS rule: {@value}. */
    public static final double DEFAULT_KS_ALPHA = 0.05;

    /** The default largest current sample judged by the KS rule: {@value}. */
    public static final int DEFAULT_KS_MAX_CURRENT = 1000;

    /** The default PSI from which a feature drifted under the PSI rule: {@value}. */
    public static final double DEFAULT_PSI_THRESHOLD = 0.1;

    /** The default share of drifted features from which the whole input drifted: {@value}. */
    public static final double DEFAULT_DRIFT_SHARE = 0.5;

    private static final DriftCheck DEFAULTS =
            new DriftCheck(DEFAULT_KS_ALPHA, DEFAULT_KS_MAX_CURRENT, DEFAULT_PSI_THRESHOLD, DEFAULT_DRIFT_SHARE);

    private final double ksAlpha;
    private final int ksMaxCurrent;
    private final double psiThreshold;
    private final double driftShare;

    private DriftCheck(double ksAlpha, int ksMaxCurrent, double psiThreshold, double driftShare) {
        this.ksAlpha = ksAlpha;
        this.ksMaxCurrent = ksMaxCurrent;
        this.psiThreshold = psiThreshold;
        this.driftShare = driftShare;
    }

    /**
     * Returns the check with the default thresholds.
     *
     * @return the default check
     */
    public static DriftCheck defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another KS significance level.
     *
     * @param alpha in {@code (0, 1)}
     * @return the changed check
     * @throws IllegalArgumentException when {@code alpha} is outside {@code (0, 1)}
     */
    public DriftCheck withKsAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("KS alpha must lie in (0, 1), got " + alpha);
        }
        return new DriftCheck(alpha, ksMaxCurrent, psiThreshold, driftShare);
    }

    /**
     * Returns a copy with another largest current sample size for the KS rule; use 0 to always
     * use PSI and {@link Integer#MAX_VALUE} to always use KS.
     *
     * @param maxCurrent at least 0
     * @return the changed check
     * @throws IllegalArgumentException when {@code maxCurrent < 0}
     */
    public DriftCheck withKsMaxCurrent(int maxCurrent) {
        if (maxCurrent < 0) {
            throw new IllegalArgumentException("KS max current size must not be negative, got " + maxCurrent);
        }
        return new DriftCheck(ksAlpha, maxCurrent, psiThreshold, driftShare);
    }

    /**
     * Returns a copy with another PSI threshold.
     *
     * @param threshold above 0
     * @return the changed check
     * @throws IllegalArgumentException when {@code threshold} is not above 0
     */
    public DriftCheck withPsiThreshold(double threshold) {
        if (!(threshold > 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("PSI threshold must be above 0, got " + threshold);
        }
        return new DriftCheck(ksAlpha, ksMaxCurrent, threshold, driftShare);
    }

    /**
     * Returns a copy with another share of drifted features from which the whole input drifted.
     *
     * @param share in {@code (0, 1]}
     * @return the changed check
     * @throws IllegalArgumentException when {@code share} is outside {@code (0, 1]}
     */
    public DriftCheck withDriftShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("drift share must lie in (0, 1], got " + share);
        }
        return new DriftCheck(ksAlpha, ksMaxCurrent, psiThreshold, share);
    }

    /**
     * Returns the KS significance level.
     *
     * @return alpha
     */
    public double ksAlpha() {
        return ksAlpha;
    }

    /**
     * Returns the largest current sample judged by the KS rule.
     *
     * @return the size
     */
    public int ksMaxCurrent() {
        return ksMaxCurrent;
    }

    /**
     * Returns the PSI threshold of the PSI rule.
     *
     * @return the threshold
     */
    public double psiThreshold() {
        return psiThreshold;
    }

    /**
     * Returns the share of drifted features from which the whole input drifted.
     *
     * @return the share
     */
    public double driftShare() {
        return driftShare;
    }

    /**
     * Compares current values with the profile.
     *
     * @param profile the reference profile
     * @param current current values by feature name (for example {@link SlidingWindow#snapshot()});
     *     a feature absent or with no values is reported missing
     * @return one result per profile feature and the overall verdict
     * @throws IllegalArgumentException when a current value is NaN or infinite; the message names
     *     the feature
     */
    public DriftResult check(DriftProfile profile, Map<String, double[]> current) {
        List<DriftResult.FeatureResult> results = new ArrayList<>();
        for (FeatureProfile f : profile.features()) {
            double[] values = current.get(f.name());
            if (values == null || values.length == 0) {
                results.add(new DriftResult.FeatureResult(
                        f.name(),
                        DriftResult.Status.MISSING,
                        f.count(),
                        f.sampleSize(),
                        0,
                        Double.NaN,
                        null,
                        Double.NaN,
                        Double.NaN,
                        null,
                        null,
                        false));
                continue;
            }
            Samples.requireFinite(values, "feature '" + f.name() + "', current values");
            double psi = Psi.index(f.binFractionsView(), Psi.fractions(values, f.edgesView()));
            KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(f.sampleView(), values);
            DriftResult.Rule rule = values.length <= ksMaxCurrent ? DriftResult.Rule.KS : DriftResult.Rule.PSI;
            boolean drifted = rule == DriftResult.Rule.KS ? ks.pValue() < ksAlpha : psi >= psiThreshold;
            results.add(new DriftResult.FeatureResult(
                    f.name(),
                    DriftResult.Status.CHECKED,
                    f.count(),
                    f.sampleSize(),
                    values.length,
                    psi,
                    Psi.Band.of(psi),
                    ks.statistic(),
                    ks.pValue(),
                    ks.method(),
                    rule,
                    drifted));
        }
        List<String> known = profile.names();
        List<String> unexpected = current.keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .toList();
        return new DriftResult(results, unexpected, driftShare);
    }

    /**
     * Describes the thresholds.
     *
     * @return for example {@code DriftCheck[ks p < 0.05 up to 1000 values, else psi >= 0.1; share >= 0.5]}
     */
    @Override
    public String toString() {
        return "DriftCheck[ks p < " + ksAlpha + " up to " + ksMaxCurrent + " values, else psi >= " + psiThreshold
                + "; share >= " + driftShare + "]";
    }
}
