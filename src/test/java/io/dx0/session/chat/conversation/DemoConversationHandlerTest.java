package io.dx0.session.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.SmallRyeConfigBuilder;

class DemoConversationHandlerTest {

    /** A catalogue too long to list whole: the refusal names the first twelve and says how many more. */
    @Test
    void anUnknownTestIsAnsweredWithTheNamesTheCatalogueHas(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("case.yml");
        Files.writeString(file, "case:\n  summary: A long catalogue\ntests:\n" + IntStream.rangeClosed(1, 15)
                .mapToObj(i -> "  test %02d:\n    price: 1\n".formatted(i)).collect(Collectors.joining()));
        DemoConversationHandler handler = new DemoConversationHandler(new DemoCase(demoFile(file)));

        Pricing refused = handler.price(null, new ChatMessage(ChatAction.TEST, "CBC"));
        assertThat(refused.refusalCode()).isEqualTo("unknown_test");
        assertThat(refused.refusal()).isEqualTo("Not in the test catalogue; it has: " + IntStream
                .rangeClosed(1, DemoConversationHandler.NAMES_LISTED).mapToObj("test %02d"::formatted)
                .collect(Collectors.joining(", ")) + " and 3 more");
        assertThat(handler.price(null, new ChatMessage(ChatAction.TEST, " Test 15 ")).refused())
                .as("names match ignoring case and surrounding blanks").isFalse();
    }

    /** The demo settings as the config mapping reads them: this demo file. */
    private static DemoSettings demoFile(Path file) {
        return new SmallRyeConfigBuilder().withMapping(DemoSettings.class)
                .withDefaultValue("session.demo.file", file.toString()).build().getConfigMapping(DemoSettings.class);
    }
}
