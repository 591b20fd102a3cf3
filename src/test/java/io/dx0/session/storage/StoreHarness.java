package io.dx0.session.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.Settlement;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Session;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.backend.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * What every capability's contract needs of a store under test: a fresh store, a way to let time pass,
 * and the helpers the contracts share. Lifetimes are short (idle 1 s, absolute 3 s) so a backend whose
 * clock cannot be moved (Redis uses its own TIME) runs it in real time.
 */
interface StoreHarness {

    SessionPolicy POLICY = new SessionPolicy(Duration.ofMillis(1000), Duration.ofMillis(3000));
    Duration WINDOW = Duration.ofMillis(1000);

    /** The store of the running test. */
    SessionStore store();

    /** Lets {@code d} pass for the store. */
    void elapse(Duration d);

    /**
     * Whether {@link #elapse} moves the store's clock exactly (the memory and SQL backends run on the
     * service clock a test sets); Redis reads its own {@code TIME}, so a test there can only wait.
     */
    boolean clockIsExact();

    /** The same backend as another service replica sees it. */
    SessionStore otherReplica();

    default <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    default Session create(String username, Long limit) {
        String id = UUID.randomUUID().toString();
        return await(store().create(new NewSession(id, username, "user", limit, hashOf(id, 0), Map.of("client", "test"))));
    }

    default String hashOf(String id, int generation) {
        return id + "-hash-" + generation;
    }

    /** Admits and settles one attempt as a failure; the decision it was admitted with. */
    default GateDecision fail(String key, GateRule rule, String tag) {
        String attempt = UUID.randomUUID().toString();
        GateDecision decision = await(store().admit(key, rule, attempt));
        if (decision.status() == GateDecision.Status.ADMITTED) {
            await(store().settle(key, rule, attempt, Settlement.FAILED, tag));
        }
        return decision;
    }

    /** Runs {@code task} {@code n} times from many threads released at once; the results. */
    default <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
