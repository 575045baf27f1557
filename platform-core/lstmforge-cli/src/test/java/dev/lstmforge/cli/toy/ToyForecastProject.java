package dev.lstmforge.cli.toy;

import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingParams;
import java.util.List;

/** A toy regression project without optional capabilities, with one parameter of each kind. */
public final class ToyForecastProject extends ToyProject {

    static final Param<Integer> WINDOW = Param.integer("window", 10, 2, 500, "steps per input window");
    static final Param<Double> DROPOUT = Param.real("dropout", 0.25, 0, 0.9, "dropout between layers");
    static final Param<Boolean> SHUFFLE = Param.flag("shuffle", true, "shuffle the windows");
    static final Param<String> COLUMNS = Param.text("columns", "", "columns to read; empty = all numeric ones");
    static final Param<String> SCALER =
            Param.choice("scaler", "minmax", List.of("minmax", "standard"), "how inputs are scaled");

    /** PF4J creates it. */
    public ToyForecastProject() {}

    @Override
    public ProjectInfo info() {
        return new ProjectInfo("toy-forecast", "Toy forecast", "a toy regression project", ProjectInfo.Task.REGRESSION);
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(WINDOW, DROPOUT, SHUFFLE, COLUMNS, SCALER, TrainingParams.EPOCHS.withDefault(3));
    }
}
