package io.dx0.session.chat.conversation;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The demo case: {@code session.demo.*}. */
@ConfigMapping(prefix = "session.demo")
public interface DemoSettings {
    /** YAML with the demo case and test catalogue; the bundled one when absent. */
    Optional<String> file();
}
