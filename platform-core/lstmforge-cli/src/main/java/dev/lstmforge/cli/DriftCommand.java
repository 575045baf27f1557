package dev.lstmforge.cli;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.drift.DataDrift;
import dev.lstmforge.runtime.drift.DriftResult;
import dev.lstmforge.runtime.report.DriftReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Checks a data file for input drift against a model's training reference and writes an HTML
 * report; the batch form of the server's {@code /models/{model}/drift}.
 *
 * <pre>
 * lstmforge drift stock-forecast --data aapl-2020-2022.csv --report out/
 * </pre>
 */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = "Compare new data with a model's training inputs (PSI and Kolmogorov-Smirnov per feature)"
                + " and write an HTML report.")
final class DriftCommand implements Callable<Integer> {

    /** Exit code when --fail-on-drift is given and the data drifted. */
    static final int DRIFTED = 3;

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelArgument model;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "PATH",
            description = "New data, in a form the project's predict accepts (for stock-forecast a price CSV),"
                    + " or a folder of such files, each one request (for audio-classification a folder of clips).")
    Path data;

    @Mixin
    ReportOption report;

    @Option(names = "--fail-on-drift", description = "Exit with status 3 when the data counts as drifted.")
    boolean failOnDrift;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (LstmForge forge = shared.open(spec)) {
            DataDrift d = forge.drift(model.ref, data);
            DriftResult r = d.result();
            out.printf("drift of %s against %s%n", data, d.modelRef());
            for (DriftResult.FeatureResult f : r.features()) {
                if (f.status() == DriftResult.Status.MISSING) {
                    out.printf("  %-16s missing from the new data%n", f.name());
                } else {
                    out.printf(
                            Locale.ROOT,
                            "  %-16s %d new values vs %d reference: PSI %.4f (%s), KS D %.4f p %.3g, decided by %s: %s%n",
                            f.name(),
                            f.currentCount(),
                            f.referenceCount(),
                            f.psi(),
                            f.psiBand().name().toLowerCase(Locale.ROOT),
                            f.ksStatistic(),
                            f.ksPValue(),
                            f.decidedBy(),
                            f.drifted() ? "DRIFTED" : "no drift");
                }
            }
            out.printf(
                    Locale.ROOT,
                    "verdict: %s (%d of %d features drifted)%n",
                    r.drifted() ? "DRIFT" : "no drift",
                    r.driftedCount(),
                    r.checkedCount());
            Path dir = report.dir(forge, "drift");
            out.println("report: "
                    + DriftReportWriter.write(dir, d.modelRef(), data.toString(), d.profile(), d.current(), r));
            return failOnDrift && r.drifted() ? DRIFTED : 0;
        }
    }
}
