package io.dx0.session.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Secrets and password hashes committed to this repository (dev overlay, bundled demo users, tests,
 * benchmarks): public, so production refuses them. {@code public-credentials.txt} holds the SHA-256
 * of each; {@code PublicCredentialsTest} scans the repository and fails when one is missing.
 */
final class PublicCredentials {

    static final String RESOURCE = "public-credentials.txt";
    private static final Set<String> DIGESTS = load();

    private PublicCredentials() {
    }

    /** Whether this secret, or this bcrypt hash string, is committed to the repository. */
    static boolean published(String value) {
        return value != null && DIGESTS.contains(sha256(value.strip()));
    }

    static String sha256(String value) {
        return Sha256.hex(value);
    }

    private static Set<String> load() {
        try (InputStream in = PublicCredentials.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Set<String> digests = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines()
                    .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                    .forEach(line -> digests.add(line.split("\\s+")[0]));
            return Set.copyOf(digests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
