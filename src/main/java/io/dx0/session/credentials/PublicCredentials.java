package io.dx0.session.credentials;

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
 * of each ({@link #digest}); {@code PublicCredentialsTest} scans the repository and fails when one is missing.
 */
final class PublicCredentials {

    static final String RESOURCE = "public-credentials.txt";
    private static final Set<String> DIGESTS = load();

    private PublicCredentials() {
    }

    /** Whether this secret, or this bcrypt hash, is committed to the repository. */
    static boolean published(String value) {
        return value != null && DIGESTS.contains(digest(value));
    }

    /**
     * The SHA-256 a value is listed by. A bcrypt hash is known by its salt and checksum, the 53 characters
     * after {@code $2x$NN$}: {@code $2a$}, {@code $2b$} and {@code $2y$} verify the same password, so
     * changing the prefix of a published hash must not make it new.
     */
    static String digest(String value) {
        String v = value.strip();
        return Sha256.hex(BcryptHashes.isBcrypt(v) ? v.substring(v.length() - 53) : v);
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
