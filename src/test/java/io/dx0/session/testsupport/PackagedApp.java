package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, or the native executable when the
 * build is {@code -Dnative}) as a separate process in its prod profile, configured only by environment
 * variables, as an operator runs it.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    /** {@link System#nanoTime()} just before the process was launched. */
    private final long launchedNanos;

    private PackagedApp(Process process, Path log, int port, int managementPort, long launchedNanos) {
        this.launchedNanos = launchedNanos;
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    private static List<String> command() {
        if (isNative()) {
            return List.of(System.getProperty("native.image.path"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-jar", JAR.toString());
    }

    /** Starts the jar and waits until it listens, or until it exits (see {@link #output()}). */
    public static PackagedApp start(Map<String, String> env) {
        return start(env, true);
    }

    private static PackagedApp start(Map<String, String> env, boolean awaitListening) {
        try {
            int port = RedisServer.freePort();
            int managementPort = RedisServer.freePort();
            Path log = Files.createTempFile("dx0-app-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = new HashMap<>(env);
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            builder.environment().putAll(environment);
            long launched = System.nanoTime();
            PackagedApp app = new PackagedApp(builder.start(), log, port, managementPort, launched);
            if (awaitListening) {
                app.awaitListeningOrExit();
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListeningOrExit() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive() || output().contains("Listening on")) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("service did not start in 60 s:\n" + output());
    }

    /** Whether this is the native executable ({@code -Dnative}) rather than the jar. */
    public static boolean isNative() {
        return Boolean.getBoolean("dx0.packaged.native");
    }

    /**
     * Starts the service with {@code env} and measures the time from its launch until its readiness probe
     * answers UP (a replica is routed to from then on), polled every 5 ms over a plain socket so the
     * measuring client adds nothing of its own warm-up. Timed on the monotonic clock: the process's own
     * start instant is derived from the boot time in whole seconds, up to a second off.
     */
    public static Timed startTimed(Map<String, String> env) {
        PackagedApp app = start(env, false);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && app.process.isAlive()) {
            if (app.readyNow()) {
                return new Timed(app, Duration.ofNanos(System.nanoTime() - app.launchedNanos));
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        app.close();
        throw new IllegalStateException("not ready in 60 s:\n" + app.output());
    }

    /** A started service and how long it took to be ready. */
    public record Timed(PackagedApp app, Duration ready) {
    }

    private boolean readyNow() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", managementPort)) {
            socket.getOutputStream().write("GET /q/health/ready HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(12);
            return new String(status, StandardCharsets.US_ASCII).endsWith(" 200");
        } catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public int exitCode() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("still running");
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> post(String path, String json, String bearer) {
        HttpRequest.Builder req = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        return send(bearer == null ? req : req.header("Authorization", "Bearer " + bearer));
    }

    /** A POST from a client that a trusted proxy says is {@code clientIp}. */
    public HttpResponse<String> postFrom(String clientIp, String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("X-Forwarded-For", clientIp));
    }

    public HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder req = request(path).GET();
        return send(bearer == null ? req : req.header("Authorization", "Bearer " + bearer));
    }

    /** A GET on the management interface (health, metrics). */
    public HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the process dies as in a crash or an OOM kill, with no shutdown at all. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as Kubernetes sends it, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; false if it is still running after {@code within}. */
    public boolean awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM and wait for the graceful stop. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
