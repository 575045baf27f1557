package dev.lstmforge.plugins.audio.features;

import java.util.Arrays;

/**
 * Triangular mel filters over the {@code nFft / 2 + 1} bins of a real FFT, built as {@code
 * librosa.filters.mel(htk=False, norm="slaney")} builds them, stored sparse: filter {@code m}
 * covers bins {@code first[m] .. first[m] + length(m) - 1} with weights {@code weights[offset[m]
 * ..]}. Immutable; safe to share.
 */
final class MelFilterBank {

    private static final double F_SP = 200.0 / 3.0;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final int bins;
    private final int[] first;
    private final int[] offset; // offset[m] .. offset[m + 1] index weights of filter m
    private final double[] weights;

    MelFilterBank(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
        bins = nFft / 2 + 1;
        double melMin = hzToMel(fmin);
        double melMax = hzToMel(fmax);
        double[] edges = new double[nMels + 2];
        double step = (melMax - melMin) / (nMels + 1);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(i == edges.length - 1 ? melMax : melMin + i * step);
        }
        first = new int[nMels];
        offset = new int[nMels + 1];
        double[] dense = new double[bins];
        double[] packed = new double[2 * bins + nMels];
        int used = 0;
        for (int m = 0; m < nMels; m++) {
            double lower = edges[m];
            double centre = edges[m + 1];
            double upper = edges[m + 2];
            double enorm = 2.0 / (upper - lower);
            int lo = -1;
            int hi = -1;
            for (int k = 0; k < bins; k++) {
                double f = (double) k * sampleRate / nFft;
                double rising = (f - lower) / (centre - lower);
                double falling = (upper - f) / (upper - centre);
                double w = Math.max(0.0, Math.min(rising, falling));
                dense[k] = w * enorm;
                if (w > 0) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            offset[m] = used;
            if (lo < 0) { // no bin falls inside this filter: it is all zeros (librosa warns)
                first[m] = 0;
                continue;
            }
            first[m] = lo;
            if (used + hi - lo + 1 > packed.length) {
                packed = Arrays.copyOf(packed, Math.max(2 * packed.length, used + hi - lo + 1));
            }
            System.arraycopy(dense, lo, packed, used, hi - lo + 1);
            used += hi - lo + 1;
        }
        offset[nMels] = used;
        weights = Arrays.copyOf(packed, used);
    }

    /** Slaney's mel scale: linear (3 mel per 200 Hz) below 1000 Hz, logarithmic above. */
    static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
    }

    /** The inverse of {@link #hzToMel}. */
    static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }

    int filters() {
        return first.length;
    }

    int bins() {
        return bins;
    }

    /** The weight of FFT bin {@code bin} in filter {@code m} (0 outside its range). */
    double weight(int m, int bin) {
        int k = bin - first[m];
        return k >= 0 && k < offset[m + 1] - offset[m] ? weights[offset[m] + k] : 0.0;
    }

    /** The first bin of filter {@code m} with a nonzero weight (0 for an empty filter). */
    int firstBin(int m) {
        return first[m];
    }

    /** How many consecutive bins filter {@code m} covers (0 for an empty filter). */
    int length(int m) {
        return offset[m + 1] - offset[m];
    }

    /**
     * Applies the filters to a power spectrum: {@code mel[m] = sum_k W[m][k] power[k]}.
     *
     * @param power  {@link #bins()} power values
     * @param mel    receives {@link #filters()} values from {@code melOffset}
     */
    void apply(double[] power, double[] mel, int melOffset) {
        double[] w = weights;
        for (int m = 0; m < first.length; m++) {
            int k = first[m];
            double sum = 0.0;
            for (int i = offset[m], end = offset[m + 1]; i < end; i++, k++) {
                sum += w[i] * power[k];
            }
            mel[melOffset + m] = sum;
        }
    }
}
