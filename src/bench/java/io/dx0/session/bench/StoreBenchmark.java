package io.dx0.session.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * The three store operations of a chat message, on each backend, called as the service calls them:
 * from a Vert.x event loop, {@value #CONCURRENCY} calls in flight (redis-benchmark runs the same
 * scripts with {@code -c 8}), over {@code sessions} live sessions picked at random. JMH measures
 * throughput; the latency of every call (subscribe to item, on the event loop) goes into an HDR
 * histogram, written per trial to {@code -Dbench.out} as JSON. One invocation starts
 * {@value #CONCURRENCY} calls and waits for all of them, so the benchmark thread's wake-up is paid
 * once per {@value #CONCURRENCY} calls, as a busy event loop pays it. Run by bench/run.sh, which also
 * varies {@code sessions} (1k, 10k, 100k) to show the per-call cost does not grow with the store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@OperationsPerInvocation(StoreBenchmark.CONCURRENCY)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g" })
public class StoreBenchmark {

    static final int CONCURRENCY = 8;
    /** Rate limit of the benchmark: never reached, so every use records (the costlier path). */
    static final int LIMIT = Integer.MAX_VALUE;
    static final Duration WINDOW = Duration.ofSeconds(1);

    @Param({ "memory", "sqlite", "postgres", "redis" })
    public String backend;

    @Param({ "1000" })
    public int sessions;

    private BenchStores stores;
    private String[] ids;
    private Context loop;
    /** Written only on the event loop, read after the trial. */
    private final Histogram latencyNanos = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private volatile boolean measuring;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        stores = BenchStores.open(backend, sessions * 2);
        ids = stores.fill(sessions);
        loop = stores.vertx.getDelegate().getOrCreateContext();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) throws Exception {
        stores.close();
        writeLatencies(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1));
    }

    @Benchmark
    public void getSession() throws Exception {
        inFlight(id -> stores.store.touch(id));
    }

    @Benchmark
    public void rateCheck() throws Exception {
        inFlight(id -> stores.store.use(id, LIMIT, WINDOW, true));
    }

    @Benchmark
    public void charge() throws Exception {
        inFlight(id -> stores.store.charge(id, 1, null, null));
    }

    /** Starts {@value #CONCURRENCY} calls on the event loop, times each, returns when all answered. */
    private void inFlight(Function<String, Uni<?>> call) throws Exception {
        CompletableFuture<Void> all = new CompletableFuture<>();
        loop.runOnContext(ignored -> {
            int[] left = { CONCURRENCY };
            for (int i = 0; i < CONCURRENCY; i++) {
                String id = ids[ThreadLocalRandom.current().nextInt(ids.length)];
                long start = System.nanoTime();
                call.apply(id).subscribe().with(item -> {
                    if (measuring) {
                        latencyNanos.recordValue(Math.min(System.nanoTime() - start, latencyNanos.getHighestTrackableValue()));
                    }
                    if (--left[0] == 0) {
                        all.complete(null);
                    }
                }, all::completeExceptionally);
            }
        });
        all.get(30, TimeUnit.SECONDS);
    }

    private void writeLatencies(String operation) throws IOException {
        String dir = System.getProperty("bench.out");
        if (dir == null) {
            return;
        }
        Path out = Path.of(dir, String.format("latency-%s-%s-%d.json", operation, backend, sessions));
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.format(Locale.ROOT,
                "{\"op\":\"%s\",\"backend\":\"%s\",\"sessions\":%d,\"calls\":%d,\"p50_ms\":%.4f,\"p99_ms\":%.4f,"
                        + "\"p999_ms\":%.4f,\"max_ms\":%.4f}%n",
                operation, backend, sessions, latencyNanos.getTotalCount(), ms(50), ms(99), ms(99.9),
                latencyNanos.getMaxValue() / 1e6));
    }

    private double ms(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }
}
