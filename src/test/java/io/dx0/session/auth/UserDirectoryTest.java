package io.dx0.session.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private static final String HASH = "$2b$04$l1KBMV.mAIDlBapBQvbTdOHlGQiASrbvGaezb5DFk05zrc/psYu9u";

    private static Map<String, User> parse(String yaml) throws IOException {
        return UserDirectory.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "users.yml");
    }

    @Test
    void dx0ShortFormMeansGroupDefault() throws IOException {
        Map<String, User> users = parse("users:\n  ben: \"" + HASH + "\"\n  root:\n    password: \"" + HASH
                + "\"\n    group: admin\n  cy:\n    password: \"" + HASH + "\"\n");
        assertThat(users.get("ben")).isEqualTo(new User("ben", HASH, "default"));
        assertThat(users.get("root")).isEqualTo(new User("root", HASH, "admin"));
        assertThat(users.get("cy").group()).as("a mapping without a group, as before").isEqualTo("user");
    }

    @Test
    void aWrongEntryIsNamedWithItsFile() {
        assertThatThrownBy(() -> parse("users:\n  ben: 42\n")).hasMessage(
                "users.yml: user 'ben': expected a bcrypt hash or a mapping {password: <bcrypt>, group: ...}");
        assertThatThrownBy(() -> parse("users:\n  ben: [1, 2]\n")).hasMessage(
                "users.yml: user 'ben': expected a bcrypt hash or a mapping {password: <bcrypt>, group: ...}");
        assertThatThrownBy(() -> parse("users:\n  ok: \"" + HASH + "\"\n  ann:\n    group: admin\n")).hasMessage(
                "users.yml: user 'ann': the mapping needs a 'password' holding a bcrypt hash");
        assertThatThrownBy(() -> parse("users:\n  ann: plain-text\n")).hasMessageContaining("user 'ann'")
                .hasMessageContaining("not a bcrypt hash");
        assertThatThrownBy(() -> parse("people: {}\n")).hasMessage("users.yml: expected a top-level 'users:' map");
        assertThatThrownBy(() -> parse("users: [\n")).hasMessageStartingWith("users.yml: not a Dx0 users file");
    }
}
