package dev.lstmforge.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves profiles against the real PyTorch engine (CPU natives) of this machine; the GPU cases
 * assume PyTorch sees no GPU.
 */
class EngineProfileResolveTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private static void assumeNoGpu() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine's PyTorch sees a GPU");
    }

    @Test
    void pytorchCpuResolvesToPytorchOnCpu() {
        ResolvedEngine r = new EngineProfiles(null).byName("pytorch-cpu").resolve(warnings::add);

        assertThat(r.engineName()).isEqualTo("PyTorch");
        assertThat(r.engineVersion()).isNotBlank();
        assertThat(r.device()).isEqualTo(Device.cpu());
        assertThat(r.profile().name()).isEqualTo("pytorch-cpu");
        assertThat(warnings).isEmpty();
    }

    @Test
    void gpuProfileWithoutGpuFailsSuggestingCpuProfile() {
        assumeNoGpu();
        EngineProfile gpu = new EngineProfiles(null).byName("pytorch-gpu");

        assertThatThrownBy(() -> gpu.resolve(warnings::add))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'pytorch-gpu'")
                .hasMessageContaining("GPU 0")
                .hasMessageContaining("0 GPU(s)")
                .hasMessageContaining("--engine pytorch-cpu")
                .hasMessageContaining("fallbackToCpu=true")
                .hasMessageContaining("built-in profile pytorch-gpu");
        assertThat(warnings).isEmpty();
    }

    @Test
    void gpuProfileFromFileNamesTheFileInTheError() throws IOException {
        assumeNoGpu();
        Path file = dir.resolve("lab-gpu.properties");
        Files.writeString(file, "engine=PyTorch\ndevice=gpu\ndeviceId=1\n");

        assertThatThrownBy(() ->
                        new EngineProfiles(null).select(file, null, null, null).resolve(warnings::add))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("GPU 1")
                .hasMessageContaining("pytorch-cpu")
                .hasMessageContaining(file.toString());
    }

    @Test
    void gpuProfileWithFallbackReturnsCpuAndWarnsOnce() throws IOException {
        assumeNoGpu();
        Files.writeString(
                dir.resolve("pytorch-gpu.properties"), "engine=PyTorch\ndevice=gpu\ndeviceId=0\nfallbackToCpu=true\n");

        ResolvedEngine r = new EngineProfiles(dir).byName("pytorch-gpu").resolve(warnings::add);

        assertThat(r.device()).isEqualTo(Device.cpu());
        assertThat(r.engineName()).isEqualTo("PyTorch");
        assertThat(r.profile().fallbackToCpu()).isTrue();
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("'pytorch-gpu'", "GPU 0", "PyTorch", "falling back to the CPU");
    }
}
