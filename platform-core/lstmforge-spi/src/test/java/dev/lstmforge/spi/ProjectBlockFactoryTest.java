package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.translate.ServingTranslator;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic block factory finds a project through a plugin's extension index, reads the saved
 * state and hyper-parameters, and asks the project for its block.
 */
class ProjectBlockFactoryTest {

    /** The toy project's fitted state. */
    public static final class ToyState {
        int features;
    }

    /** A project whose block records what it was built from. */
    public static final class ToyProject implements LstmProject<ToyState, PreparedData<ToyState>> {

        static final Param<Integer> HIDDEN = Param.integer("hiddenSize", 8, 1, 64, "units");

        static volatile HyperParameters lastHp;
        static volatile ToyState lastState;
        static volatile Block lastBlock;

        /** PF4J and the factory need a public no-argument constructor. */
        public ToyProject() {}

        @Override
        public ProjectInfo info() {
            return new ProjectInfo("toy-project", "Toy", "a test project", ProjectInfo.Task.REGRESSION);
        }

        @Override
        public List<Param<?>> parameters() {
            return List.of(HIDDEN);
        }

        @Override
        public Class<ToyState> stateType() {
            return ToyState.class;
        }

        @Override
        public PreparedData<ToyState> prepare(ProjectContext ctx, ToyState fittedState) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Block newBlock(HyperParameters hp, ToyState state) {
            lastHp = hp;
            lastState = state;
            lastBlock = new SequentialBlock();
            return lastBlock;
        }

        @Override
        public TrainingRecipe trainingRecipe(HyperParameters hp) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Evaluation evaluate(ProjectContext ctx, PreparedData<ToyState> data, Model model) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServingTranslator newServingTranslator() {
            throw new UnsupportedOperationException();
        }
    }

    @TempDir
    Path tmp;

    private Path model;
    private ClassLoader savedContextLoader;
    private URLClassLoader pluginLoader;

    @BeforeEach
    void modelAndIndex() throws IOException {
        model = Files.createDirectory(tmp.resolve("model"));
        Files.writeString(model.resolve(ModelFiles.PROVENANCE), "{\"project\": \"toy-project\", \"seed\": 42}");
        Files.writeString(model.resolve(ModelFiles.STATE), "{\"features\": 3}");
        Files.writeString(model.resolve(ModelFiles.HYPER_PARAMETERS), "{\"hiddenSize\": \"7\"}");
        savedContextLoader = Thread.currentThread().getContextClassLoader();
    }

    @AfterEach
    void restoreContextLoader() throws IOException {
        Thread.currentThread().setContextClassLoader(savedContextLoader);
        if (pluginLoader != null) {
            pluginLoader.close();
        }
    }

    /** Installs a context class loader that sees an extension index listing these classes. */
    private void index(String... classNames) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("plugin"));
        Path idx = Files.createDirectories(root.resolve("META-INF")).resolve("extensions.idx");
        Files.writeString(idx, "# generated\n\n" + String.join("\n", classNames) + "\n", StandardCharsets.UTF_8);
        pluginLoader =
                new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
        Thread.currentThread().setContextClassLoader(pluginLoader);
    }

    @Test
    void rebuildsTheBlockFromSavedStateAndHyperParameters() throws IOException {
        index("com.example.NotThere", String.class.getName(), ToyProject.class.getName());

        Block block = new ProjectBlockFactory().newBlock(null, model, Map.of());

        assertThat(block).isSameAs(ToyProject.lastBlock);
        assertThat(ToyProject.lastState.features).isEqualTo(3);
        assertThat(ToyProject.lastHp.get(ToyProject.HIDDEN)).isEqualTo(7);
    }

    @Test
    void aProjectNoIndexOffersIsNamedWithTheOnesFound() throws IOException {
        index(ToyProject.class.getName());
        Files.writeString(model.resolve(ModelFiles.PROVENANCE), "{\"project\": \"stock-forecast\"}");

        assertThatThrownBy(() -> new ProjectBlockFactory().newBlock(null, model, Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessage("no plugin on the class path provides project 'stock-forecast' (found: toy-project); "
                        + "put the plugin jar, lstmforge-spi.jar and pf4j.jar in the model folder");
    }

    @Test
    void aClassTheIndexNamesButNobodyCanLoadIsNamedWithTheReason() throws IOException {
        index("com.example.NotThere");

        assertThatThrownBy(() -> ProjectBlockFactory.findProject("toy-project"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("could not load com.example.NotThere (class com.example.NotThere is missing)");
    }

    @Test
    void withoutAnyIndexTheMessageSaysNoneFound() throws IOException {
        assertThatThrownBy(() -> ProjectBlockFactory.findProject("toy-project"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("provides project 'toy-project' (found: none)");
    }

    @Test
    void projectIdComesFromProvenance() throws IOException {
        assertThat(ProjectBlockFactory.projectId(model)).isEqualTo("toy-project");
    }

    @Test
    void missingOrUselessProvenanceIsNamed() throws IOException {
        Path provenance = model.resolve(ModelFiles.PROVENANCE);
        Files.writeString(provenance, "{\"seed\": 42}");
        assertThatThrownBy(() -> ProjectBlockFactory.projectId(model))
                .isInstanceOf(IOException.class)
                .hasMessage(provenance + " names no project");

        Files.writeString(provenance, "{\"project\": ");
        assertThatThrownBy(() -> ProjectBlockFactory.projectId(model))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(provenance + " is not valid JSON")
                .hasMessageNotContaining("Exception");

        Files.delete(provenance);
        assertThatThrownBy(() -> ProjectBlockFactory.projectId(model))
                .isInstanceOf(IOException.class)
                .hasMessage("model file missing: " + provenance);
    }
}
