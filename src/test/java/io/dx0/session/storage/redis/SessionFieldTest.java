package io.dx0.session.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The session hash's fields have one table: the scripts use it and the storage document shows it as it is. */
class SessionFieldTest {

    /** A hash command given a field as a quoted literal instead of {@code F.<NAME>}. */
    private static final Pattern LITERAL_FIELD = Pattern.compile("'H(SET|GET|MGET|INCRBY|DEL)'\\s*,\\s*[^,]+,\\s*'[a-z]{1,3}'");

    @Test
    void everyScriptNamesFieldsThroughTheTable() throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/redis"))) {
            List<Path> lua = scripts.filter(p -> p.toString().endsWith(".lua")).toList();
            assertThat(lua).hasSizeGreaterThan(10);
            for (Path script : lua) {
                assertThat(Files.readAllLines(script)).as(script.toString())
                        .noneMatch(line -> LITERAL_FIELD.matcher(line).find());
            }
        }
    }

    @Test
    void theStorageDocumentListsEveryFieldWithItsMeaning() throws IOException {
        String doc = Files.readString(Path.of("docs/storage.md"));
        for (SessionField field : SessionField.values()) {
            assertThat(doc).contains("| `" + field.name() + "` | `" + field.name + "` | " + field.meaning + " |");
        }
    }

    @Test
    void theLuaTableNamesEachFieldOnce() {
        String table = SessionField.luaTable();
        assertThat(table).startsWith("local F = { ").endsWith(" }\n").contains("SPENT = 'sp'", "USER = 'u'");
        assertThat(Stream.of(SessionField.values()).map(f -> f.name).distinct()).hasSize(SessionField.values().length);
    }
}
