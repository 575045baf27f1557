package dev.lstmforge.runtime;

import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.spi.DemoVariant;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains every installed project's demo variants on their default data, one after another; a
 * variant that fails is listed and the others carry on.
 *
 * <pre>{@code
 * DemoRunner.Outcome o = new DemoRunner(session, pipeline).run(Map.of("timeBudgetSeconds", "60"));
 * }</pre>
 */
final class DemoRunner {

    /**
     * What the runs produced.
     *
     * @param entries one per trained model
     * @param failures one line per failed run
     */
    record Outcome(List<ReportEntry> entries, List<String> failures) {}

    private final Session s;
    private final TrainingPipeline pipeline;

    DemoRunner(Session session, TrainingPipeline pipeline) {
        this.s = session;
        this.pipeline = pipeline;
    }

    /**
     * Runs every variant of every project.
     *
     * @param budgetOverrides hyper-parameters applied to every run whose project knows the key
     * @return the entries and failures
     * @throws InterruptedException if interrupted
     */
    Outcome run(Map<String, String> budgetOverrides) throws InterruptedException {
        List<ReportEntry> entries = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LstmProject<?, ?> project : s.host().projects().values()) {
            for (DemoVariant variant : project.demoVariants()) {
                Map<String, String> hp = new LinkedHashMap<>(budgetOverrides);
                hp.keySet()
                        .retainAll(TrainingPipeline.hyperParameters(project, Map.of())
                                .asMap()
                                .keySet());
                hp.putAll(variant.overrides());
                try {
                    entries.add(
                            pipeline.train(project, null, hp, variant.name()).report());
                } catch (LstmForgeException e) {
                    String what = project.info().id() + " (" + variant.name() + ")";
                    failures.add(what + ": " + e.getMessage());
                    s.log().accept("demo: " + what + " failed: " + e.getMessage());
                }
            }
        }
        return new Outcome(entries, failures);
    }
}
