package dev.lstmforge.cli;

import picocli.CommandLine.Parameters;

/**
 * The MODEL argument of every command that works on a saved model, declared once and mixed into
 * {@code evaluate}, {@code predict}, {@code export}, {@code drift}, {@code lineage} and {@code generate}
 * ({@code bench} declares its own, optional with {@code --suite}).
 */
final class ModelArgument {

    /** What names the model: a project, a version, or a model folder or zip. */
    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "PROJECT, PROJECT/vN, PROJECT/latest, or a model folder or zip.")
    String ref;
}
