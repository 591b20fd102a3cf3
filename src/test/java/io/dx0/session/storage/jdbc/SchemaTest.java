package io.dx0.session.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Flyway is handed the migrations by name because a native executable cannot list a resource folder (its
 * first run found no migrations and answered every store call 503): the list must be the folder.
 */
class SchemaTest {

    @Test
    void theNamedMigrationsAreExactlyTheFilesOfTheFolderInOrder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", Schema.FOLDER))) {
            assertThat(Schema.MIGRATIONS).containsExactlyElementsOf(files.map(f -> f.getFileName().toString())
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList());
        }
    }

    private static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }
}
