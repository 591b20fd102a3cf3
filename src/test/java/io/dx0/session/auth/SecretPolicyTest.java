package io.dx0.session.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    /**
     * The estimate by hand for {@code abdgk}: five distinct characters (5 × log2 5 = 11.6 bits), four
     * distinct steps 1, 2, 3, 4 (4 × log2 4 = 8 bits), both of its 4-character runs distinct (× 1): the
     * lower, 8. Shorter than five characters there is nothing to estimate from.
     */
    @Test
    void theEstimateIsTheLowerOfCharacterAndStepInformationScaledByDistinctRuns() {
        assertThat(SecretPolicy.estimatedBits("abdgk")).isCloseTo(8.0, within(1e-9));
        assertThat(SecretPolicy.estimatedBits("abdgkabdg")).as("runs abdg bdgk dgka gkab kabd abdg: 5 of 6 distinct")
                .isCloseTo(Math.min(entropy(2, 2, 2, 2, 1), entropy(2, 2, 2, 1, 1)) * 5 / 6, within(1e-9));
        assertThat(SecretPolicy.estimatedBits("abdg")).isZero();
    }

    /** The bound is "at least 80 bits": an estimate that rounds to 80 passes, one that rounds to 79 does not. */
    @Test
    void aSecretEstimatedAtExactlyTheBoundPasses() {
        String at80 = "ehhhdadececdcecdhffdedcebbfbbfbd";
        String at79 = "aaaahedghcgghahedgdbdahfffhhhhdh";
        assertThat(Math.round(SecretPolicy.estimatedBits(at80))).isEqualTo(SecretPolicy.MIN_BITS);
        assertThat(Math.round(SecretPolicy.estimatedBits(at79))).isEqualTo(SecretPolicy.MIN_BITS - 1);
        assertThat(SecretPolicy.refusal(at80)).isEmpty();
        assertThat(SecretPolicy.refusal(at79)).hasValueSatisfying(
                reason -> assertThat(reason).contains("about 79 bits of entropy"));
    }

    /** Length × Shannon entropy of a sample with these value counts, in bits. */
    private static double entropy(int... counts) {
        int n = java.util.Arrays.stream(counts).sum();
        double bits = 0;
        for (int c : counts) {
            bits -= c * (Math.log(c / (double) n) / Math.log(2));
        }
        return bits;
    }
}
