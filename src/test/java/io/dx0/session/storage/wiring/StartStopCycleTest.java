package io.dx0.session.storage.wiring;

import static io.dx0.session.testsupport.ProcessResources.openFiles;
import static io.dx0.session.testsupport.ProcessResources.threadsNamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.dx0.session.storage.jdbc.SqliteDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The whole application started and stopped ten times in one JVM, as dev mode does on every live
 * reload, on the dev backend (SQLite): after each stop the store's thread is gone and the database
 * file is no longer open, and the JVM's threads and open files do not grow from one start to the
 * next. (On Redis the connections, the subscription's included, belong to the Redis extension's
 * client, which Quarkus closes itself: none is left on the server after a stop even without the
 * store's disposer, so SQLite, whose thread and file the store owns, is the case that judges it.)
 */
@QuarkusMainTest
@TestProfile(StartStopCycleTest.OnSqlite.class)
class StartStopCycleTest {

    private static final int STARTS = 10;
    private static final Path DB = tempDir().resolve("sessions.db");

    public static class OnSqlite implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.package.main-class", StartUseStop.NAME, "session.backend", "sqlite",
                    "session.sqlite.path", DB.toString());
        }
    }

    @Test
    void tenStartsInOneJvmLeaveNoStoreThreadOpenFileOrGrowingThreads(QuarkusMainLauncher launcher) {
        List<Integer> threads = new ArrayList<>();
        List<Long> files = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            LaunchResult result = launcher.launch();
            assertThat(result.exitCode()).as("start %d: %s", i + 1, result.getErrorOutput()).isZero();
            Awaitility.await().alias("the store's thread and file closed after stop " + (i + 1))
                    .atMost(Duration.ofSeconds(10)).until(() -> threadsNamed(SqliteDatabase.THREAD_NAME) == 0 && !dbOpen());
            threads.add(Thread.activeCount());
            files.add((long) openFiles().size());
        }
        System.out.printf("after each of %d stops: live threads %s, open files %s%n", STARTS, threads, files);
        assertThat(Files.exists(DB)).as("the service did use the file").isTrue();
        Awaitility.await().alias("live threads back to what they were after the second stop")
                .atMost(Duration.ofSeconds(10)).until(() -> Thread.activeCount() <= threads.get(1) + 2);
        assertThat(files.get(STARTS - 1)).as("open files after the last stop vs the second").isLessThanOrEqualTo(
                files.get(1) + 2);
    }

    private static boolean dbOpen() {
        return openFiles().stream().anyMatch(target -> target.startsWith(DB.toString()));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("start-stop-cycle");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
