package dev.lstmforge.cli.toy;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.translate.ServingTranslator;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.TrainingRecipe;

/**
 * Base of the toy projects: they declare who they are and their hyper-parameters, which is all the
 * CLI's listing, help and capability checks need; anything that would read data or train refuses
 * with a {@link LstmForgeException}, so a test sees at once if the CLI got that far.
 */
abstract class ToyProject implements LstmProject<ToyProject.State, PreparedData<ToyProject.State>> {

    /** The (empty) fitted state. */
    public static final class State {
        /** How many features; read back from state.json. */
        public int features;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public PreparedData<State> prepare(ProjectContext ctx, State fittedState) {
        throw new LstmForgeException(info().id() + " is a toy: it reads no data");
    }

    @Override
    public Block newBlock(HyperParameters hp, State state) {
        throw new LstmForgeException(info().id() + " is a toy: it has no network");
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        throw new LstmForgeException(info().id() + " is a toy: it does not train");
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, PreparedData<State> data, Model model) {
        throw new LstmForgeException(info().id() + " is a toy: it does not evaluate");
    }

    @Override
    public ServingTranslator newServingTranslator() {
        throw new LstmForgeException(info().id() + " is a toy: it does not serve");
    }
}
