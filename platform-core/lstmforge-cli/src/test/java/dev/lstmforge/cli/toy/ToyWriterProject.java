package dev.lstmforge.cli.toy;

import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectInfo;
import java.util.List;
import java.util.Set;

/** A toy generation project that offers {@code generate} and declares no parameters of its own. */
public final class ToyWriterProject extends ToyProject {

    /** PF4J creates it. */
    public ToyWriterProject() {}

    @Override
    public ProjectInfo info() {
        return new ProjectInfo(
                "toy-writer",
                "Toy writer",
                "a toy generation project",
                ProjectInfo.Task.GENERATION,
                Set.of(ProjectInfo.Capability.GENERATE));
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of();
    }
}
