package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * Credentials made at test time for the packaged service in its prod profile, which refuses every
 * secret and password hash committed to the repository: a random JWT secret, and the users of
 * {@code test-users.yml} (same names, passwords and groups) with freshly salted hashes at cost 10,
 * the lowest production accepts.
 */
public final class FreshCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private FreshCredentials() {
    }

    /** 48 random bytes, base64: what {@code openssl rand -base64 48} gives. */
    public static String secret() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The path of a new users file: ann / pw-2a, ben / pw-2b (user), cy / pw-2y, root / secret-admin (admin). */
    public static String usersFile() {
        return usersFile(10);
    }

    /** The same users with hashes of this bcrypt cost. */
    public static String usersFile(int cost) {
        String yaml = "users:\n"
                + "  ann:\n    password: \"" + hash("pw-2a", cost) + "\"\n"
                + "  ben:\n    password: \"" + hash("pw-2b", cost) + "\"\n    group: user\n"
                + "  cy:\n    password: \"" + hash("pw-2y", cost) + "\"\n"
                + "  root:\n    password: \"" + hash("secret-admin", cost) + "\"\n    group: admin\n";
        try {
            Path file = Files.createTempFile("fresh-users-", ".yml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String password, int cost) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }
}
