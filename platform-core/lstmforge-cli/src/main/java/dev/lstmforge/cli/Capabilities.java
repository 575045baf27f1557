package dev.lstmforge.cli;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.ProjectInfo.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the host knows about optional commands: only what each project's {@link ProjectInfo}
 * declares. The CLI never names a project to decide what it may do.
 *
 * <pre>{@code
 * Capabilities.require(forge, "stock-forecast/v2", Capability.GENERATE);
 * // unless stock-forecast declares GENERATE in its ProjectInfo, throws LstmForgeException:
 * // "stock-forecast does not offer 'generate'; projects that do: <those that declare it>"
 * }</pre>
 */
final class Capabilities {

    private Capabilities() {}

    /**
     * Returns the command name of a capability, as users type it.
     *
     * @param c the capability
     * @return for example {@code generate}
     */
    static String command(Capability c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Describes a project's optional commands for {@code list}.
     *
     * @param info the project's info
     * @return for example {@code "generate"}, or {@code "none"}
     */
    static String describe(ProjectInfo info) {
        if (info.capabilities().isEmpty()) {
            return "none";
        }
        return info.capabilities().stream().sorted().map(Capabilities::command).collect(Collectors.joining(", "));
    }

    /**
     * Lists the installed projects that offer a capability.
     *
     * @param forge the host
     * @param c the capability
     * @return their ids, sorted
     */
    static List<String> offering(LstmForge forge, Capability c) {
        return forge.projects().values().stream()
                .map(LstmProject::info)
                .filter(i -> i.offers(c))
                .map(ProjectInfo::id)
                .sorted()
                .toList();
    }

    /**
     * Refuses a model reference whose project does not offer a capability. Runs before any model
     * is read, so a project without saved models is refused just the same. A reference whose
     * project is not installed is left for the model loader to report.
     *
     * @param forge the host
     * @param modelRef {@code PROJECT}, {@code PROJECT/vN}, {@code PROJECT/latest}, a model folder or zip
     * @param c the capability the command needs
     * @throws LstmForgeException naming the projects that do offer it
     */
    static void require(LstmForge forge, String modelRef, Capability c) {
        String projectId = projectOf(forge, modelRef);
        LstmProject<?, ?> project = forge.projects().get(projectId);
        if (project == null || project.info().offers(c)) {
            return;
        }
        List<String> others = offering(forge, c);
        throw new LstmForgeException(projectId + " does not offer '" + command(c) + "'; "
                + (others.isEmpty() ? "no installed project does" : "projects that do: " + String.join(", ", others)));
    }

    private static String projectOf(LstmForge forge, String modelRef) {
        if (Files.exists(Path.of(modelRef))) {
            // A model folder or zip names its project in its provenance.
            try (ModelHandle model = forge.store().open(modelRef)) {
                return model.version().projectId();
            }
        }
        int slash = modelRef.indexOf('/');
        return slash < 0 ? modelRef : modelRef.substring(0, slash);
    }
}
