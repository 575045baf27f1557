package dev.lstmforge.spi;

import java.util.Map;

/**
 * A project's own speed figures for the benchmark suite ({@code lstmforge bench --suite}): the
 * hot paths that belong to it alone, such as audio feature extraction or video decoding. The
 * project class implements this beside {@link LstmProject}; the host adds the figures to the
 * suite's table under the project's id.
 *
 * <pre>{@code
 * public Map<String, Double> benchmark(ProjectContext ctx, double seconds) {
 *     double realTime = timeMfcc(tenSecondsOf8kHzAudio(), seconds);   // seconds of audio per second
 *     return Map.of("mfcc_x_real_time", realTime);
 * }
 * }</pre>
 */
public interface Benchmarked {

    /**
     * Measures the project's hot paths on data it generates (nothing to download or find).
     *
     * @param ctx the context: engine, seed, a cache folder
     * @param seconds roughly how long each measurement may run
     * @return figure name (lower case, with its unit: {@code mfcc_x_real_time},
     *     {@code decode_frames_per_second}) to value
     * @throws Exception if a measurement fails
     */
    Map<String, Double> benchmark(ProjectContext ctx, double seconds) throws Exception;
}
