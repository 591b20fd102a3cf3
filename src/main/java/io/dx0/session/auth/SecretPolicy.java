package io.dx0.session.auth;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which HS256 secrets production refuses, and why. A secret must be at least {@value #MIN_BYTES} bytes
 * (RFC 7518 §3.2), must not be an example from documentation, must not be one committed to this
 * repository ({@link PublicCredentials}), and must carry at least {@value #MIN_BITS} bits by
 * {@link #estimatedBits}.
 */
final class SecretPolicy {

    static final int MIN_BYTES = 32;
    static final int MIN_BITS = 80;
    static final String HOW = "e.g. from: openssl rand -base64 48";

    private static final List<String> KNOWN_DEFAULTS = List.of("changeme", "change-me", "change_me",
            "your-256-bit-secret", "your-secret", "secretkey", "secret-key", "0123456789abcdef0123456789abcdef",
            "example", "default", "password", "dx0-dev");

    private SecretPolicy() {
    }

    /** Too short: refused in every mode, since HS256 with a shorter key is weaker than its hash. */
    static Optional<String> tooShort(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES
                ? Optional.of("session.jwt.secret must be at least " + MIN_BYTES + " bytes; " + HOW)
                : Optional.empty();
    }

    /** Why production refuses this secret, if it does. */
    static Optional<String> refusal(String secret) {
        Optional<String> short_ = tooShort(secret);
        if (short_.isPresent()) {
            return short_;
        }
        if (isKnownDefault(secret)) {
            return Optional.of("session.jwt.secret is a well-known example value. Set SESSION_JWT_SECRET to a random"
                    + " value of at least " + MIN_BYTES + " bytes, " + HOW);
        }
        if (PublicCredentials.published(secret)) {
            return Optional.of("session.jwt.secret is published in the dx0 session-service repository (a dev, test or"
                    + " benchmark secret): anyone can sign tokens with it. Set SESSION_JWT_SECRET to a new random value, "
                    + HOW);
        }
        long bits = Math.round(estimatedBits(secret));
        if (bits < MIN_BITS) {
            return Optional.of("session.jwt.secret carries about " + bits + " bits of entropy (at least " + MIN_BITS
                    + " needed; estimated from its character and step frequencies and its repeated 4-character runs)."
                    + " Set SESSION_JWT_SECRET to a random value, " + HOW);
        }
        return Optional.empty();
    }

    /** Example secrets from docs and tutorials, and secrets made of one repeated character. */
    static boolean isKnownDefault(String secret) {
        String s = secret.strip().toLowerCase(Locale.ROOT);
        return s.chars().distinct().count() <= 1 || KNOWN_DEFAULTS.stream().anyMatch(s::contains);
    }

    /**
     * A deliberately cautious estimate of the bits of entropy in a secret: the Shannon information of
     * its characters (as if each were drawn from the secret's own character frequencies), or of the
     * steps between neighbouring characters when that is lower (which exposes {@code 1234...},
     * {@code abcd...}), scaled by the share of its 4-character runs that are distinct (which exposes
     * {@code ab} × 48 and {@code word-word-word}). Random secrets score well below their true entropy
     * (32 random hex digits, 128 bits, score 94 at the lowest in 20,000 draws) and well above
     * {@value #MIN_BITS}; patterns score under 65.
     */
    static double estimatedBits(String secret) {
        int[] chars = secret.codePoints().toArray();
        if (chars.length < 5) {
            return 0;
        }
        int[] steps = new int[chars.length - 1];
        for (int i = 1; i < chars.length; i++) {
            steps[i - 1] = chars[i] - chars[i - 1];
        }
        Set<String> runs = new HashSet<>();
        for (int i = 0; i + 4 <= chars.length; i++) {
            runs.add(new String(chars, i, 4));
        }
        double distinctRuns = runs.size() / (double) (chars.length - 3);
        return Math.min(information(chars), information(steps)) * distinctRuns;
    }

    /** Length × Shannon entropy of the values' own frequencies, in bits. */
    private static double information(int[] values) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        double n = values.length;
        double bits = 0;
        for (int c : counts.values()) {
            bits -= c * (Math.log(c / n) / Math.log(2));
        }
        return bits;
    }
}
