package dev.lstmforge.support.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.Input;
import com.google.gson.JsonObject;
import dev.lstmforge.support.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopClassesTest {

    @Test
    void listsTheMostProbableClassesFirst() {
        JsonObject o = TopClasses.json(new float[] {0.1f, 0.6f, 0.3f}, List.of("a", "b", "c"), 2);
        assertThat(o.get("label").getAsString()).isEqualTo("b");
        assertThat(o.get("probability").getAsFloat()).isEqualTo(0.6f);
        assertThat(o.getAsJsonArray("top")).hasSize(2);
        assertThat(o.getAsJsonArray("top").get(1).getAsJsonObject().get("class").getAsString())
                .isEqualTo("c");
    }

    @Test
    void readsTheTopPropertyCappedAtTheClasses() {
        Input in = new Input();
        assertThat(TopClasses.requested(in, 10)).isEqualTo(3);
        in.addProperty("top", " 7 ");
        assertThat(TopClasses.requested(in, 5)).isEqualTo(5);
        Input bad = new Input();
        bad.addProperty("top", "many");
        assertThatThrownBy(() -> TopClasses.requested(bad, 5))
                .isInstanceOf(DataException.class)
                .hasMessage("property top: 'many' is not a whole number");
        Input zero = new Input();
        zero.addProperty("top", "0");
        assertThatThrownBy(() -> TopClasses.requested(zero, 5)).hasMessageContaining("must be at least 1");
    }
}
