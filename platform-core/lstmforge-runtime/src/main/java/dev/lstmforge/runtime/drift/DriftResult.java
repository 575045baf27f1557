package dev.lstmforge.runtime.drift;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a {@link DriftCheck}: one {@link FeatureResult} per feature of the profile, in
 * profile order, plus the verdict for the whole input.
 *
 * <p>A feature of the profile that the current data lacks (absent, or present with no values) is
 * reported with status {@link Status#MISSING}; it is neither drifted nor counted in
 * {@link #driftedShare()}, and {@link #complete()} is false. Current features the profile does
 * not know are listed in {@link #unexpected()}. The share of drifted features is the number of
 * drifted features over the number of checked (not missing) ones, 0 when none was checked; the
 * input as a whole is {@link #drifted()} when that share reaches the check's threshold and at
 * least one feature was checked.
 *
 * <pre>{@code
 * DriftResult r = DriftCheck.defaults().check(profile, window.snapshot());
 * for (DriftResult.FeatureResult f : r.features()) {
 *     System.out.printf("%s psi=%.3f (%s) p=%.3g drifted=%s%n",
 *             f.name(), f.psi(), f.psiBand(), f.ksPValue(), f.drifted());
 * }
 * String json = r.toJson();                                 // for a /drift endpoint
 * }</pre>
 */
public final class DriftResult {

    /**
     * Whether a feature could be checked.
     *
     * <pre>{@code
     * if (f.status() == DriftResult.Status.MISSING) log.warn("no live values for {}", f.name());
     * }</pre>
     */
    public enum Status {
        /** The current data had values for the feature and it was compared. */
        CHECKED,
        /** The current data had no values for the feature. */
        MISSING
    }

    /**
     * Which statistic decided whether a feature drifted.
     *
     * <pre>{@code
     * boolean byKs = f.decidedBy() == DriftResult.Rule.KS;
     * }</pre>
     */
    public enum Rule {
        /** The Kolmogorov-Smirnov p-value (small current samples). */
        KS,
        /** The Population Stability Index (large current samples). */
        PSI
    }

    /**
     * The comparison of one feature. For a {@link Status#MISSING} feature the numbers are NaN,
     * {@code currentCount} is 0, and {@code psiBand}, {@code ksMethod} and {@code decidedBy} are
     * null.
     *
     * <pre>{@code
     * FeatureResult close = result.feature("close").orElseThrow();
     * if (close.drifted()) alert(close.name() + " drifted, PSI " + close.psi());
     * }</pre>
     *
     * @param name the feature name
     * @param status whether it was checked
     * @param referenceCount the number of reference values the profile was built from
     * @param referenceSampleSize the size of the reference sample the KS test used
     * @param currentCount the number of current values
     * @param psi the Population Stability Index
     * @param psiBand the band of the PSI
     * @param ksStatistic the Kolmogorov-Smirnov statistic D
     * @param ksPValue the two-sided Kolmogorov-Smirnov p-value
     * @param ksMethod how the p-value was computed
     * @param decidedBy which statistic the drift rule used
     * @param drifted whether the feature counts as drifted
     */
    public record FeatureResult(
            String name,
            Status status,
            long referenceCount,
            int referenceSampleSize,
            int currentCount,
            double psi,
            Psi.Band psiBand,
            double ksStatistic,
            double ksPValue,
            KolmogorovSmirnov.Method ksMethod,
            Rule decidedBy,
            boolean drifted) {}

    private final List<FeatureResult> features;
    private final List<String> unexpected;
    private final double shareThreshold;

    DriftResult(List<FeatureResult> features, List<String> unexpected, double shareThreshold) {
        this.features = List.copyOf(features);
        this.unexpected = List.copyOf(unexpected);
        this.shareThreshold = shareThreshold;
    }

    /**
     * Returns the result of every feature of the profile, in profile order.
     *
     * @return an unmodifiable list
     */
    public List<FeatureResult> features() {
        return features;
    }

    /**
     * Looks the result of one feature up.
     *
     * @param name the feature name
     * @return the result, or empty when the profile has no such feature
     */
    public Optional<FeatureResult> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Returns the names of the profile's features that the current data lacked.
     *
     * @return an unmodifiable list, in profile order
     */
    public List<String> missing() {
        return features.stream()
                .filter(f -> f.status() == Status.MISSING)
                .map(FeatureResult::name)
                .toList();
    }

    /**
     * Returns the names of current features that the profile does not know; they were not checked.
     *
     * @return an unmodifiable list, sorted by name
     */
    public List<String> unexpected() {
        return unexpected;
    }

    /**
     * Returns the names of the drifted features.
     *
     * @return an unmodifiable list, in profile order
     */
    public List<String> driftedNames() {
        return features.stream()
                .filter(FeatureResult::drifted)
                .map(FeatureResult::name)
                .toList();
    }

    /**
     * Returns the number of features that were checked (not missing).
     *
     * @return the count
     */
    public int checkedCount() {
        return (int) features.stream().filter(f -> f.status() == Status.CHECKED).count();
    }

    /**
     * Returns the number of drifted features.
     *
     * @return the count
     */
    public int driftedCount() {
        return (int) features.stream().filter(FeatureResult::drifted).count();
    }

    /**
     * Returns the share of drifted features among the checked ones.
     *
     * @return a value in {@code [0, 1]}; 0 when no feature was checked
     */
    public double driftedShare() {
        int checked = checkedCount();
        return checked == 0 ? 0.0 : (double) driftedCount() / checked;
    }

    /**
     * Returns the share of drifted features from which the whole input counts as drifted.
     *
     * @return the threshold the check used
     */
    public double shareThreshold() {
        return shareThreshold;
    }

    /**
     * Tells whether the input as a whole drifted: at least one feature was checked and
     * {@link #driftedShare()} reaches {@link #shareThreshold()}.
     *
     * @return the overall verdict
     */
    public boolean drifted() {
        return checkedCount() > 0 && driftedShare() >= shareThreshold;
    }

    /**
     * Tells whether every feature of the profile was checked.
     *
     * @return false when some feature was missing
     */
    public boolean complete() {
        return features.stream().allMatch(f -> f.status() == Status.CHECKED);
    }

    /**
     * Returns the result as JSON; NaN numbers of missing features are written as {@code null}.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("drifted", drifted());
        root.addProperty("driftedShare", driftedShare());
        root.addProperty("shareThreshold", shareThreshold);
        root.addProperty("complete", complete());
        JsonArray list = new JsonArray();
        for (FeatureResult f : features) {
            JsonObject o = new JsonObject();
            o.addProperty("name", f.name());
            o.addProperty("status", f.status().name());
            o.addProperty("referenceCount", f.referenceCount());
            o.addProperty("referenceSampleSize", f.referenceSampleSize());
            o.addProperty("currentCount", f.currentCount());
            if (f.status() == Status.CHECKED) {
                o.addProperty("psi", f.psi());
                o.addProperty("psiBand", f.psiBand().name());
                o.addProperty("ksStatistic", f.ksStatistic());
                o.addProperty("ksPValue", f.ksPValue());
                o.addProperty("ksMethod", f.ksMethod().name());
                o.addProperty("decidedBy", f.decidedBy().name());
            }
            o.addProperty("drifted", f.drifted());
            list.add(o);
        }
        root.add("features", list);
        JsonArray extra = new JsonArray();
        unexpected.forEach(extra::add);
        root.add("unexpected", extra);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    /**
     * Summarises the result in one line.
     *
     * @return for example {@code drift: 1 of 2 features (50%), missing [], drifted [close]}
     */
    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%s: %d of %d features (%.0f%%), missing %s, drifted %s",
                drifted() ? "drift" : "no drift",
                driftedCount(),
                checkedCount(),
                100 * driftedShare(),
                missing(),
                driftedNames());
    }
}
