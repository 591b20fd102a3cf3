package io.dx0.session.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a string's UTF-8 bytes: in lower-case hex, how refresh secrets and published credentials
 * are kept; as bytes, what the browser's device cookie is named by.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String hex(String value) {
        return HexFormat.of().formatHex(digest(value));
    }
}
