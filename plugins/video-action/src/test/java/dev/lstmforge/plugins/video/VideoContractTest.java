package dev.lstmforge.plugins.video;

import dev.lstmforge.testkit.LstmProjectContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The video project through the host's contract on both engines: generated motion clips (no data
 * given), a small CNN and few frames.
 */
class VideoContractTest extends LstmProjectContract {

    @Override
    protected String projectId() {
        return "video-action";
    }

    @Override
    protected Map<String, String> smallBudget() {
        return Map.of("epochs", "2", "hiddenSize", "16", "frames", "6", "frameSize", "32", "clipsPerClass", "4");
    }

    @Override
    protected String sampleRequest() {
        return "";
    }

    @Override
    protected byte[] sampleRequestBody() {
        Path cache = Path.of(System.getProperty("lstmforge.cacheDir"));
        try (var files = Files.walk(cache)) {
            Path clip = files.filter(p -> p.toString().endsWith(".mp4"))
                    .filter(p -> !p.toString().contains("/."))
                    .findFirst()
                    .orElseThrow();
            return Files.readAllBytes(clip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
