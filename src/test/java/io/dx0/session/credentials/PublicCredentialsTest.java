package io.dx0.session.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps {@code public-credentials.txt} complete: every bcrypt hash and every JWT secret written in
 * the repository's files is refused by production. Add a user or a secret to a committed file and
 * this fails until its digest is listed (the message gives the line to add).
 */
class PublicCredentialsTest {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern JWT_SECRET = Pattern.compile(
            "(?i)(?:jwt[-_.]secret|SESSION_JWT_SECRET)[\"']?\\s*[=:,]\\s*[\"']?([A-Za-z0-9+/=_\\-.!]{16,})");

    @Test
    void everyHashAndSecretCommittedToTheRepositoryIsRefusedInProduction() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            files.filter(Files::isRegularFile).filter(PublicCredentialsTest::isSource).forEach(file -> {
                String text = read(file);
                find(BCRYPT, 0, text, file, hashes);
                find(JWT_SECRET, 1, text, file, secrets);
            });
        }
        assertThat(hashes).as("the scan finds the dev overlay's, the demo's and the tests' users").hasSizeGreaterThan(5);
        assertThat(secrets).containsKey("kind-cluster-only-Zq8vW3nR5tY1uK7pL0aBx2cD");
        hashes.forEach((hash, where) -> assertThat(PublicCredentials.published(hash))
                .as("bcrypt hash in %s is not listed; add to %s: %s  bcrypt-hash  %s", where, PublicCredentials.RESOURCE,
                        PublicCredentials.digest(hash), where)
                .isTrue());
        secrets.forEach((secret, where) -> assertThat(SecretPolicy.refusal(secret))
                .as("JWT secret in %s is accepted by production; add to %s: %s  jwt-secret  %s", where,
                        PublicCredentials.RESOURCE, PublicCredentials.digest(secret), where)
                .isPresent());
    }

    private static boolean isSource(Path file) {
        String path = file.toString();
        return !path.contains("/target/") && !path.contains("/.git/") && !path.contains("/node_modules/")
                && path.matches(".*\\.(yml|yaml|properties|sh|md|java|txt|json|env)$|.*Dockerfile.*");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void find(Pattern pattern, int group, String text, Path file, Map<String, String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.putIfAbsent(m.group(group), file.toString());
        }
    }
}
