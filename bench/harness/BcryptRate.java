import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * The floor of the login path: bcrypt verifications per second at the users file's cost, on as
 * many threads as cores, in this JVM and nothing else. Prints one JSON line.
 * Run by bench/run.sh with the service's own bcrypt jar on the class path.
 */
public class BcryptRate {
    public static void main(String[] args) throws Exception {
        String hash = args[0];
        byte[] password = args[1].getBytes(StandardCharsets.UTF_8);
        int seconds = Integer.parseInt(args[2]);
        int threads = Runtime.getRuntime().availableProcessors();
        BCrypt.Verifyer verifyer = BCrypt.verifyer();
        byte[] hashBytes = hash.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            verifyer.verify(password, hashBytes);
        }
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    if (!verifyer.verify(password, hashBytes).verified) {
                        throw new IllegalStateException("hash does not match the password");
                    }
                    done.incrementAndGet();
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf("{\"threads\":%d,\"verifications\":%d,\"per_second\":%.1f}%n", threads, done.get(),
                done.get() / (double) seconds);
    }
}
