package dev.lstmforge.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineProfilesTest {

    @TempDir
    Path dir;

    private Path write(String fileName, String content) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, content);
        return file;
    }

    @ParameterizedTest
    @CsvSource({
        "pytorch-cpu, PyTorch, false",
        "mxnet-cpu,   MXNet,   false",
        "pytorch-gpu, PyTorch, true",
        "mxnet-gpu,   MXNet,   true"
    })
    void builtInProfilesLoadByName(String name, String engine, boolean gpu) {
        EngineProfile p = new EngineProfiles(null).byName(name);

        assertThat(p.name()).isEqualTo(name);
        assertThat(p.engine()).isEqualTo(engine);
        assertThat(p.gpu()).isEqualTo(gpu);
        assertThat(p.deviceId()).isZero();
        assertThat(p.threads()).isZero();
        assertThat(p.inferenceThreads()).isEqualTo(gpu ? 0 : 1);
        assertThat(p.mxnetEngineType()).isEqualTo(engine.equals("MXNet") && !gpu ? "NaiveEngine" : "");
        assertThat(p.fallbackToCpu()).isFalse();
        assertThat(p.description()).isNotBlank().isNotEqualTo(name);
        assertThat(p.source()).isEqualTo("built-in profile " + name);
    }

    @Test
    void builtInListAndDefault() {
        assertThat(EngineProfiles.BUILT_IN).containsExactly("pytorch-cpu", "mxnet-cpu", "pytorch-gpu", "mxnet-gpu");
        assertThat(EngineProfiles.DEFAULT).isEqualTo("pytorch-cpu");
        assertThat(new EngineProfiles(null).names())
                .containsExactly("mxnet-cpu", "mxnet-gpu", "pytorch-cpu", "pytorch-gpu");
    }

    @Test
    void builtInsAreFoundWhenProfilesDirIsMissing() {
        EngineProfiles profiles = new EngineProfiles(dir.resolve("does-not-exist"));

        assertThat(profiles.byName("mxnet-cpu").engine()).isEqualTo("MXNet");
        assertThat(profiles.names()).containsExactly("mxnet-cpu", "mxnet-gpu", "pytorch-cpu", "pytorch-gpu");
    }

    @Test
    void unknownNameListsKnownProfiles() {
        assertThatThrownBy(() -> new EngineProfiles(null).byName("tensorflow-cpu"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("unknown engine profile 'tensorflow-cpu'; known profiles: "
                        + "mxnet-cpu, mxnet-gpu, pytorch-cpu, pytorch-gpu (or pass --engine-config FILE)");
    }

    @Test
    void unknownNameListsProfilesOfTheDirectoryToo() throws IOException {
        write("my-box.properties", "engine=PyTorch\n");
        write("notes.txt", "ignored");

        assertThatThrownBy(() -> new EngineProfiles(dir).byName("nope"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("mxnet-cpu, mxnet-gpu, my-box, pytorch-cpu, pytorch-gpu");
    }

    @Test
    void namesWithPathCharactersAreNotFoundAmongBuiltIns() {
        assertThatThrownBy(() -> new EngineProfiles(null).byName("../profiles/pytorch-cpu"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("unknown engine profile");
    }

    @Test
    void profilesDirFileOverridesBuiltIn() throws IOException {
        Path file = write(
                "pytorch-gpu.properties",
                "description=my override\nengine=pytorch\ndevice=GPU\ndeviceId=2\nthreads=4\nfallbackToCpu=TRUE\n");

        EngineProfile p = new EngineProfiles(dir).byName("pytorch-gpu");

        assertThat(p)
                .isEqualTo(new EngineProfile(
                        "pytorch-gpu", "my override", "PyTorch", true, 2, 4, 0, 0, "", true, file.toString()));
        assertThat(new EngineProfiles(dir).byName("pytorch-cpu").source()).isEqualTo("built-in profile pytorch-cpu");
    }

    @Test
    void profilesDirAddsNewNames() throws IOException {
        write("lab-mxnet.properties", "engine=MXNet\n");
        EngineProfiles profiles = new EngineProfiles(dir);

        EngineProfile p = profiles.byName("lab-mxnet");

        assertThat(p.engine()).isEqualTo("MXNet");
        assertThat(p.gpu()).isFalse();
        assertThat(p.description()).isEqualTo("lab-mxnet");
        assertThat(p.fallbackToCpu()).isFalse();
        assertThat(profiles.names())
                .containsExactly("lab-mxnet", "mxnet-cpu", "mxnet-gpu", "pytorch-cpu", "pytorch-gpu");
    }

    @Test
    void readTakesNameFromFileName() throws IOException {
        Path withExt = write("custom.properties", "engine=MXNet\ndevice=cpu\n");
        Path withoutExt = write("custom-profile", "engine=PyTorch\n");

        assertThat(EngineProfile.read(withExt).name()).isEqualTo("custom");
        assertThat(EngineProfile.read(withoutExt).name()).isEqualTo("custom-profile");
        assertThat(EngineProfile.read(withoutExt).source()).isEqualTo(withoutExt.toString());
    }

    @Test
    void selectPrefersExplicitFile() throws IOException {
        Path file = write("from-file.properties", "engine=MXNet\n");
        write("from-name.properties", "engine=PyTorch\n");

        EngineProfile p = new EngineProfiles(dir).select(file, "from-name", "pytorch-gpu", "mxnet-gpu");

        assertThat(p.name()).isEqualTo("from-file");
        assertThat(p.source()).isEqualTo(file.toString());
    }

    @Test
    void selectPrefersNameOverEnvironmentAndConfigured() {
        EngineProfile p = new EngineProfiles(null).select(null, "mxnet-cpu", "pytorch-gpu", "mxnet-gpu");

        assertThat(p.name()).isEqualTo("mxnet-cpu");
    }

    @Test
    void selectPrefersEnvironmentOverConfigured() {
        EngineProfile p = new EngineProfiles(null).select(null, null, "pytorch-gpu", "mxnet-gpu");

        assertThat(p.name()).isEqualTo("pytorch-gpu");
    }

    @Test
    void selectUsesConfiguredValueWhenNothingElseIsGiven() {
        assertThat(new EngineProfiles(null)
                        .select(null, null, null, "mxnet-gpu")
                        .name())
                .isEqualTo("mxnet-gpu");
    }

    @Test
    void selectDefaultsToPytorchCpu() {
        EngineProfile p = new EngineProfiles(null).select(null, null, null, null);

        assertThat(p.name()).isEqualTo("pytorch-cpu");
        assertThat(p.engine()).isEqualTo("PyTorch");
        assertThat(p.gpu()).isFalse();
    }

    @Test
    void selectTreatsBlankAsAbsentAndTrimsNames() {
        EngineProfiles profiles = new EngineProfiles(null);

        assertThat(profiles.select(null, "  ", "", " mxnet-cpu ").name()).isEqualTo("mxnet-cpu");
        assertThat(profiles.select(null, " pytorch-gpu\t", null, null).name()).isEqualTo("pytorch-gpu");
        assertThat(profiles.select(null, "", " ", "").name()).isEqualTo("pytorch-cpu");
    }

    @Test
    void selectFindsNamesInProfilesDir() throws IOException {
        write("site.properties", "engine=MXNet\ndescription=site default\n");

        assertThat(new EngineProfiles(dir).select(null, null, null, "site").description())
                .isEqualTo("site default");
    }

    @Test
    void selectOfUnknownNameFails() {
        assertThatThrownBy(() -> new EngineProfiles(null).select(null, null, "cuda", null))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'cuda'");
    }

    @Test
    void missingExplicitFileIsNamed() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> new EngineProfiles(null).select(missing, "pytorch-cpu", null, null))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("engine config file not found: " + missing);
    }

    @Test
    void unknownKeyIsRejectedNamingFileAndKey() throws IOException {
        Path file = write("bad.properties", "engine=PyTorch\ndevcie=gpu\n");

        assertThatThrownBy(() -> EngineProfile.read(file))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith(file + ": unknown key 'devcie'; allowed keys: ")
                .hasMessageContaining("device")
                .hasMessageContaining("fallbackToCpu");
    }

    @Test
    void unsupportedEngineIsRejectedNamingFileAndValue() throws IOException {
        Path file = write("bad.properties", "engine=tensorflow\n");

        assertThatThrownBy(() -> EngineProfile.read(file))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(file + ": engine 'tensorflow' is not supported; use PyTorch or MXNet");
    }

    @Test
    void missingEngineIsRejected() throws IOException {
        Path file = write("bad.properties", "device=cpu\n");

        assertThatThrownBy(() -> EngineProfile.read(file))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("engine ''");
    }

    @Test
    void unsupportedDeviceIsRejectedNamingFileAndValue() throws IOException {
        Path file = write("bad.properties", "engine=PyTorch\ndevice=tpu\n");

        assertThatThrownBy(() -> EngineProfile.read(file))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(file + ": device 'tpu' must be cpu or gpu");
    }

    @Test
    void negativeThreadsAreRejectedNamingFileAndValue() throws IOException {
        Path file = write("bad.properties", "engine=PyTorch\nthreads=-2\n");

        assertThatThrownBy(() -> EngineProfile.read(file))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(file + ": threads must be a non-negative integer, got '-2'");
    }

    @Test
    void nonNumericDeviceIdIsRejectedNamingFileAndValue() throws IOException {
        Path file = write("bad.properties", "engine=PyTorch\ndevice=gpu\ndeviceId=first\n");

        assertThatThrownBy(() -> EngineProfile.read(file))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(file + ": deviceId must be a non-negative integer, got 'first'");
    }

    @Test
    void nonBooleanFallbackIsRejectedNamingFileAndValue() throws IOException {
        Path file = write("bad.properties", "engine=PyTorch\ndevice=gpu\nfallbackToCpu=maybe\n");

        assertThatThrownBy(() -> EngineProfile.read(file))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(file + ": fallbackToCpu must be true or false, got 'maybe'");
    }

    @Test
    void badFileInProfilesDirIsReportedWhenSelectedByName() throws IOException {
        Path file = write("pytorch-cpu.properties", "engine=tensorflow\n");

        assertThatThrownBy(() -> new EngineProfiles(dir).byName("pytorch-cpu"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'tensorflow'");
    }

    @Test
    void threadSettingsAreRead() throws IOException {
        Path file = write("lab.properties", "engine=PyTorch\nthreads=8\ninferenceThreads=2\ninteropThreads=3\n");

        EngineProfile p = EngineProfile.read(file);

        assertThat(p.threads()).isEqualTo(8);
        assertThat(p.inferenceThreads()).isEqualTo(2);
        assertThat(p.interopThreads()).isEqualTo(3);
    }

    @Test
    void mxnetEngineTypeIsCheckedAndOnlyForMxnet() throws IOException {
        Path bad = write("bad.properties", "engine=MXNet\nmxnetEngineType=Fast\n");
        assertThatThrownBy(() -> EngineProfile.read(bad))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("mxnetEngineType 'Fast'")
                .hasMessageContaining("NaiveEngine");
        Path wrong = write("wrong.properties", "engine=PyTorch\nmxnetEngineType=NaiveEngine\n");
        assertThatThrownBy(() -> EngineProfile.read(wrong))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("mxnetEngineType is for the MXNet engine, not PyTorch");
        Path negative = write("neg.properties", "engine=PyTorch\ninferenceThreads=-1\n");
        assertThatThrownBy(() -> EngineProfile.read(negative))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("inferenceThreads must be a non-negative integer, got '-1'");
    }

    @Test
    void valuesAreTrimmedAndCommentsIgnored() throws IOException {
        Path file = write(
                "spaced.properties",
                "# a comment\n! another\nengine =  MXNet  \ndevice= cpu \nthreads = 3 \ndescription = Lab box \n");

        EngineProfile p = EngineProfile.read(file);

        assertThat(p.engine()).isEqualTo("MXNet");
        assertThat(p.gpu()).isFalse();
        assertThat(p.threads()).isEqualTo(3);
        assertThat(p.description()).isEqualTo("Lab box");
    }
}
