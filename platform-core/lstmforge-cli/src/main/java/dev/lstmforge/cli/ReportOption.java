package dev.lstmforge.cli;

import dev.lstmforge.runtime.LstmForge;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --report DIR} option of the commands that always write a report, with the default
 * every one of them uses: a fresh folder named after the command under the store's
 * {@code _reports}.
 *
 * <pre>{@code
 * @Mixin ReportOption report;
 * ...
 * Path dir = report.dir(forge, "drift");   // --report DIR, or models/_reports/drift-20261204-101500
 * }</pre>
 */
final class ReportOption {

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Report directory (default: models/_reports/${COMMAND-NAME}-TIME).")
    Path dir;

    /**
     * Returns the folder to write the report into.
     *
     * @param forge the API, for the store's default report folder
     * @param kind the command's name
     * @return the user's folder or a fresh default
     */
    Path dir(LstmForge forge, String kind) {
        return dir != null ? dir : forge.defaultReportDir(kind);
    }
}
