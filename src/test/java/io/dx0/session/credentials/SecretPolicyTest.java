package io.dx0.session.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** What production accepts as the HS256 secret, judged by zxcvbn: the audit's secrets among the refused. */
class SecretPolicyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void wordMadeSecretsAreRefusedNamingTheWordsAndHowToMakeAGoodOne() {
        for (String words : new String[] { "acme-hospital-dx0-production-jwt-secret-2026",
                "correct-horse-battery-staple-correct-horse", "dx0-session-service-jwt-signing-secret-for-prod",
                "your-256-bit-secret-your-256-bit-secret" }) {
            assertThat(SecretPolicy.refusal(words)).as(words).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("made of words").contains("openssl rand -base64 48"));
        }
        assertThat(SecretPolicy.refusal("acme-hospital-dx0-production-jwt-secret-2026")).hasValueSatisfying(
                reason -> assertThat(reason).contains("hospital").contains("production"));
    }

    @Test
    void patternedSecretsAreRefused() {
        for (String weak : new String[] { "ab".repeat(48), "1234567890".repeat(5), "12345678901234567890123456789012",
                "abcdefghijklmnopqrstuvwxyzabcdef", "aaaaaaaabbbbbbbbccccccccdddddddd", "x".repeat(40),
                "qwertyuiopasdfghjklzxcvbnm1234567890", "Tr0ub4dor&3-Tr0ub4dor&3-Tr0ub4dor&3" }) {
            assertThat(SecretPolicy.refusal(weak)).as(weak).isPresent();
        }
    }

    @Test
    void encodedPatternsAndHashesOfCommonPasswordsAreRefused() throws Exception {
        byte[] counting = new byte[36];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = (byte) i;
        }
        assertThat(SecretPolicy.refusal(Base64.getEncoder().encodeToString(counting)))
                .as("base64 of bytes 0-35").hasValueSatisfying(r -> assertThat(r).contains("patterned bytes"));
        assertThat(SecretPolicy.refusal(HexFormat.of().formatHex(counting))).as("hex of bytes 0-35").isPresent();
        for (String algorithm : new String[] { "SHA-256", "SHA-1", "MD5" }) {
            byte[] hash = MessageDigest.getInstance(algorithm).digest("password".getBytes(StandardCharsets.UTF_8));
            assertThat(SecretPolicy.refusal(HexFormat.of().formatHex(hash))).as("hex %s of 'password'", algorithm)
                    .hasValueSatisfying(r -> assertThat(r).contains("the " + algorithm + " of a common password"));
        }
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest("letmein".getBytes(StandardCharsets.UTF_8));
        assertThat(SecretPolicy.refusal(Base64.getEncoder().encodeToString(sha256))).as("base64 too").isPresent();
    }

    /**
     * 100 draws of each kind (each judged in ~50 ms: zxcvbn on the text and on the bytes, and the hashes of
     * 30,000 passwords); the margins were measured over 4,000 draws of each (SecretPolicy's comment).
     */
    @Test
    void randomSecretsPassEvenAtTheShortestLength() {
        for (int i = 0; i < 100; i++) {
            String hex = HexFormat.of().formatHex(bytes(16));
            String base64 = Base64.getEncoder().encodeToString(bytes(32));
            String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(48));
            assertThat(SecretPolicy.refusal(hex)).as("32 random hex digits (128 bits): %s", hex).isEmpty();
            assertThat(SecretPolicy.refusal(base64)).as(base64).isEmpty();
            assertThat(SecretPolicy.refusal(urlSafe)).as(urlSafe).isEmpty();
        }
    }

    @Test
    void shortAndPublishedSecretsAreRefusedWithTheirReason() {
        assertThat(SecretPolicy.refusal("Zq8vW3nR5tY1uK7pL0aBx2cD")).hasValueSatisfying(
                reason -> assertThat(reason).contains("at least 32 bytes"));
        assertThat(SecretPolicy.refusal("kind-cluster-only-Zq8vW3nR5tY1uK7pL0aBx2cD")).hasValueSatisfying(
                reason -> assertThat(reason).contains("published in the dx0 session-service repository"));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
