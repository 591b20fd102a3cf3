package io.dx0.session.chat.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;

/** A reply's frames as Dx0 sends them: the last chunk carries the end; never an empty trailing frame. */
class ReplyFramesTest {

    private static final Function<String, ServerFrame> END = text -> new ServerFrame.Final(text, true, BigDecimal.ONE,
            BigDecimal.TEN, null, List.of());

    private static List<ServerFrame> frames(String... chunks) {
        return ChatExchange.framed(Multi.createFrom().items(chunks), END).collect().asList().await().indefinitely();
    }

    @Test
    void theLastChunkCarriesDoneAndTheTotals() {
        assertThat(frames("a ", "b ", "c")).containsExactly(ServerFrame.Reply.chunk("a "), ServerFrame.Reply.chunk("b "),
                END.apply("c"));
    }

    @Test
    void aOneChunkReplyIsOneFrame() {
        assertThat(frames("all of it")).containsExactly(END.apply("all of it"));
    }

    @Test
    void aReplyWithoutChunksIsOneFinalFrameWithEmptyText() {
        assertThat(frames()).containsExactly(END.apply(""));
    }

    @Test
    void aFailedReplyFailsAfterTheChunksBeforeTheOneHeld() {
        Multi<String> failing = Multi.createBy().concatenating().streams(Multi.createFrom().items("a ", "b "),
                Multi.createFrom().failure(new IllegalStateException("handler failed")));
        List<ServerFrame> seen = new java.util.ArrayList<>();
        Throwable failure = ChatExchange.framed(failing, END).onItem().invoke(seen::add).collect().asList()
                .onItemOrFailure().transform((items, error) -> error).await().indefinitely();
        assertThat(failure).hasMessage("handler failed");
        assertThat(seen).containsExactly(ServerFrame.Reply.chunk("a "));
    }
}
