package dev.lstmforge.runtime.drift;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Reads the SciPy reference fixture and makes random samples for the drift tests. */
final class Fixture {

    private Fixture() {}

    /** The fixture written by {@code src/test/python/ks_psi_reference.py}. */
    static JsonObject reference() {
        try (InputStream in = Fixture.class.getResourceAsStream("/drift/ks_psi_reference.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource drift/ks_psi_reference.json is missing");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonObject o, String key) {
        JsonArray a = o.getAsJsonArray(key);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    static double[] normal(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * r.nextGaussian();
        }
        return v;
    }
}
