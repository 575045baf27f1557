package dev.lstmforge.plugins.audio.features;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The reference values written by {@code src/test/python/mfcc_reference.py} (torchaudio, float64)
 * under {@code src/test/resources/mfcc-reference/}, and the inputs they were computed from.
 */
final class MfccFixtures {

    private static final String ROOT = "/mfcc-reference/";

    private MfccFixtures() {}

    /** One fixture: a clip, a configuration and the expected {@code [frames][nMfcc]} values. */
    record Fixture(String name, JsonObject source, MfccConfig config, double[][] values) {
        @Override
        public String toString() {
            return name;
        }
    }

    static JsonObject json(String name) {
        try (InputStream in = MfccFixtures.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + ROOT + name);
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject index() {
        return json("index.json");
    }

    static List<Fixture> mfccFixtures() {
        List<Fixture> list = new ArrayList<>();
        for (var name : index().getAsJsonArray("fixtures")) {
            JsonObject f = json(name.getAsString());
            if (f.has("values")) {
                list.add(new Fixture(name.getAsString(), f.getAsJsonObject("source"), config(f), matrix(f, "values")));
            }
        }
        return list;
    }

    static MfccConfig config(JsonObject fixture) {
        JsonObject c = fixture.getAsJsonObject("config");
        return new MfccConfig(
                c.get("sampleRate").getAsInt(),
                c.get("nMfcc").getAsInt(),
                c.get("nFft").getAsInt(),
                c.get("hopLength").getAsInt(),
                c.get("nMels").getAsInt(),
                c.get("fmin").getAsDouble(),
                c.get("fmax").getAsDouble(),
                c.get("topDb").getAsDouble(),
                c.get("log").getAsBoolean());
    }

    static double[][] matrix(JsonObject fixture, String key) {
        JsonArray rows = fixture.getAsJsonArray(key);
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).getAsDouble();
            }
        }
        return m;
    }

    /** The clip a fixture was computed from; an FSDD clip needs the shared data (else skipped). */
    static float[] samples(Fixture fixture) {
        JsonObject source = fixture.source();
        int n = source.get("samples").getAsInt();
        return switch (source.get("kind").getAsString()) {
            case "synthetic" -> synthetic(fixture.config().sampleRate(), n);
            case "fsdd" ->
                fsdd(source.get("file").getAsString(), source.get("sha256").getAsString(), n);
            default -> throw new IllegalStateException(fixture.name() + ": unknown source " + source);
        };
    }

    /** Two sines and a linear chirp, the formula of {@code mfcc_reference.py}'s {@code synthetic()}. */
    static float[] synthetic(int sampleRate, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440.0 * t)
                    + 0.25 * Math.sin(2 * Math.PI * 1234.5 * t + 0.3)
                    + 0.2 * Math.sin(2 * Math.PI * (200.0 * t + 0.5 * 3000.0 * t * t)));
        }
        return y;
    }

    /** The data root from {@code -Dlstmforge.dataRoot}, or a skipped test. */
    static Path dataRoot() {
        String root = System.getProperty("lstmforge.dataRoot");
        assumeTrue(root != null && !root.isBlank(), "lstmforge.dataRoot is not set");
        Path path = Path.of(root);
        assumeTrue(Files.isDirectory(path), "no data root at " + path);
        return path;
    }

    /** A 16-bit mono PCM WAV under the data root as int16 / 32768, checked against its SHA-256. */
    static float[] fsdd(String relative, String sha256, int expectedSamples) {
        Path file = dataRoot().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "missing " + file);
        try {
            byte[] bytes = Files.readAllBytes(file);
            String digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!digest.equals(sha256)) {
                throw new IllegalStateException(file + ": not the file the fixture was made from (SHA-256 " + digest
                        + ", expected " + sha256 + ")");
            }
            float[] pcm = pcm16(bytes, file);
            if (pcm.length != expectedSamples) {
                throw new IllegalStateException(file + ": " + pcm.length + " samples, expected " + expectedSamples);
            }
            return pcm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The samples of the "data" chunk of a canonical 16-bit mono RIFF/WAVE file. */
    private static float[] pcm16(byte[] bytes, Path file) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12
                || !new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                || !new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) {
            throw new IllegalStateException(file + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                int format = b.getShort(pos + 8);
                int channels = b.getShort(pos + 10);
                int bits = b.getShort(pos + 22);
                if (format != 1 || channels != 1 || bits != 16) {
                    throw new IllegalStateException(file + ": expected 16-bit mono PCM");
                }
            } else if (id.equals("data")) {
                int n = Math.min(size, bytes.length - pos - 8) / 2;
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(pos + 8 + 2 * i) / 32768f;
                }
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        throw new IllegalStateException(file + ": no data chunk");
    }
}
