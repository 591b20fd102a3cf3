package io.dx0.session.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

class CallerContextTest {

    private final Vertx vertx = Vertx.vertx();
    private final ScheduledExecutorService elsewhere = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() {
        elsewhere.shutdownNow();
        vertx.close();
    }

    /** Subscribes on an event loop; completes with the thread the item arrived on, or the failure. */
    private CompletableFuture<Object> onEventLoop(Uni<String> call, Context context) {
        CompletableFuture<Object> seen = new CompletableFuture<>();
        context.runOnContext(ignored -> CallerContext.backOnCaller(call, Duration.ofMillis(300)).subscribe().with(
                item -> seen.complete(Thread.currentThread()), seen::complete));
        return seen;
    }

    @Test
    void anAnswerFromAnotherThreadArrivesOnTheCallersEventLoop() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        context.runOnContext(ignored -> loop.complete(Thread.currentThread()));
        Uni<String> fromElsewhere = Uni.createFrom().emitter(e -> elsewhere.schedule(() -> e.complete("ok"), 20,
                TimeUnit.MILLISECONDS));
        assertThat(onEventLoop(fromElsewhere, context).get(5, TimeUnit.SECONDS)).isSameAs(loop.get());
    }

    /**
     * Quarkus' worker pool, like Vert.x's executeBlocking, runs a task with the submitter's context as
     * the current one: being "on" the caller's context there is not being on its event loop. Delivered
     * on the worker, a WebSocket upgrade decided there was accepted off the loop and the client's first
     * frame could arrive before the endpoint's handlers were set, and was dropped.
     */
    @Test
    void anAnswerFromAWorkerCarryingTheCallersContextArrivesOnTheCallersEventLoop() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        context.runOnContext(ignored -> loop.complete(Thread.currentThread()));
        Executor carryingTheContext = task -> vertx.getOrCreateContext().executeBlocking(() -> {
            task.run();
            return null;
        }, false);
        CompletableFuture<Object> withDeadline = new CompletableFuture<>();
        CompletableFuture<Object> without = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            CallerContext.backOnCaller(Uni.createFrom().item("ok").runSubscriptionOn(carryingTheContext),
                    Duration.ofSeconds(5)).subscribe().with(item -> withDeadline.complete(Thread.currentThread()),
                            withDeadline::complete);
            CallerContext.blocking(carryingTheContext, () -> "ok").subscribe().with(
                    item -> without.complete(Thread.currentThread()), without::complete);
        });
        assertThat(withDeadline.get(5, TimeUnit.SECONDS)).isSameAs(loop.get());
        assertThat(without.get(5, TimeUnit.SECONDS)).isSameAs(loop.get());
    }

    @Test
    void noAnswerWithinTheLimitFailsAndCancelsTheCall() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        Uni<String> never = Uni.createFrom().<String> nothing().onCancellation().invoke(() -> cancelled.set(true));
        long start = System.nanoTime();
        Object outcome = onEventLoop(never, vertx.getOrCreateContext()).get(5, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(cancelled).isTrue();
    }

    @Test
    void aFailureArrivesAsItselfAndOffAnEventLoopTheLimitStillHolds() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(onEventLoop(Uni.createFrom().failure(boom), vertx.getOrCreateContext()).get(5, TimeUnit.SECONDS))
                .isSameAs(boom);
        CompletableFuture<Throwable> plain = new CompletableFuture<>();
        CallerContext.backOnCaller(Uni.createFrom().<String> nothing(), Duration.ofMillis(100)).subscribe()
                .with(item -> plain.complete(null), plain::complete);
        assertThat(plain.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    }
}
