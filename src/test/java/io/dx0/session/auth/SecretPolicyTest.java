package io.dx0.session.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SecretPolicyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void patternedSecretsAreRefusedForTheirEntropyAndSaySo() {
        for (String weak : new String[] { "ab".repeat(48), "1234567890".repeat(5), "12345678901234567890123456789012",
                "abcdefghijklmnopqrstuvwxyzabcdef", "aaaaaaaabbbbbbbbccccccccdddddddd",
                "token-secret-token-secret-token-secret-42" }) {
            assertThat(SecretPolicy.estimatedBits(weak)).as(weak).isLessThan(SecretPolicy.MIN_BITS);
            assertThat(SecretPolicy.refusal(weak)).as(weak).hasValueSatisfying(
                    reason -> assertThat(reason).contains("bits of entropy (at least 80 needed"));
        }
    }

    @Test
    void randomSecretsPassEvenAtTheShortestLength() {
        for (int i = 0; i < 5_000; i++) {
            String hex = HexFormat.of().formatHex(bytes(16));
            String base64 = Base64.getEncoder().encodeToString(bytes(32));
            assertThat(SecretPolicy.refusal(hex)).as("32 random hex digits (128 bits): %s", hex).isEmpty();
            assertThat(SecretPolicy.refusal(base64)).as(base64).isEmpty();
        }
    }

    @Test
    void exampleShortAndPublishedSecretsAreRefusedWithTheirReason() {
        assertThat(SecretPolicy.refusal("changeme-changeme-changeme-changeme")).hasValueSatisfying(
                reason -> assertThat(reason).contains("well-known example"));
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
