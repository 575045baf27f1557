package dev.lstmforge.support.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.modality.Input;
import org.junit.jupiter.api.Test;

/** A memo hands a value over once, only for the very request object it was kept for. */
class RequestMemoTest {

    @Test
    void handsOverOncePerRequestObject() {
        RequestMemo<String> memo = new RequestMemo<>();
        Input a = new Input();
        a.add("data", "same body");
        Input b = new Input();
        b.add("data", "same body");
        memo.put(a, "kept for a");
        assertThat(memo.take(b)).isNull();
        assertThat(memo.take(a)).isEqualTo("kept for a");
        assertThat(memo.take(a)).isNull();
    }
}
