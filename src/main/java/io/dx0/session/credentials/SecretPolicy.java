package io.dx0.session.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;

/**
 * Which HS256 secrets production refuses, and why. One signed token lets anyone try secrets offline at
 * GPU speed, so a secret must be random, not merely long. Judged by zxcvbn (Dropbox's estimator, the
 * Java port zxcvbn4j), which finds dictionary words, names, keyboard walks, repeats, sequences and dates:
 * <ul>
 * <li>at least {@value #MIN_BYTES} bytes (RFC 7518 §3.2), in every mode;</li>
 * <li>not committed to this repository ({@link PublicCredentials});</li>
 * <li>not made of words: dictionary words cover under {@value #MAX_WORD_SHARE} of it (random hex and base64 of
 * 16-32 bytes: at most 0.22 in 4,000 draws of each; the audit's word-made secrets 0.51-0.62);</li>
 * <li>no patterns: at least {@value #MIN_LOG10_PER_CHAR} decimal digits of guesses per character (random: 0.85
 * at the lowest in those draws; repeats, sequences and keyboard rows score far below);</li>
 * <li>when it is hex or base64 of random-looking length, the same for the bytes it encodes (the base64 of
 * bytes 0, 1, 2 ... looks random as text), and not the MD5, SHA-1 or SHA-256 of a common password.</li>
 * </ul>
 */
final class SecretPolicy {

    static final int MIN_BYTES = 32;
    static final double MAX_WORD_SHARE = 0.35;
    static final double MIN_LOG10_PER_CHAR = 0.7;
    static final String HOW = "e.g. from: openssl rand -base64 48";
    private static final String SET = " Set SESSION_JWT_SECRET to random bytes, " + HOW;
    private static final int MIN_DECODED_BYTES = 16;

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
        if (PublicCredentials.published(secret)) {
            return Optional.of("session.jwt.secret is published in the dx0 session-service repository (a dev, test or"
                    + " benchmark secret): anyone can sign tokens with it." + SET);
        }
        Zxcvbn zxcvbn = new Zxcvbn();
        Strength strength = zxcvbn.measure(secret);
        List<Match> words = words(strength);
        if (words.stream().mapToInt(m -> m.token.length()).sum() >= MAX_WORD_SHARE * secret.length()) {
            return Optional.of("session.jwt.secret is made of words (" + words.stream().map(m -> m.token.toString())
                    .distinct().collect(Collectors.joining(", ")) + "): word-made"
                    + " secrets are guessed offline from a single token, however long." + SET);
        }
        if (patterned(strength, secret.length())) {
            return Optional.of("session.jwt.secret is patterned (repeats, sequences or keyboard walks): about 10^"
                    + Math.round(strength.getGuessesLog10()) + " guesses find it." + SET);
        }
        return decoded(secret).flatMap(bytes -> {
            if (patterned(zxcvbn.measure(new String(bytes, StandardCharsets.ISO_8859_1)), bytes.length)) {
                return Optional.of("session.jwt.secret encodes patterned bytes (repeats or sequences)." + SET);
            }
            return hashOfCommonPassword(bytes).map(algorithm -> "session.jwt.secret is the " + algorithm
                    + " of a common password: it is in every cracking list." + SET);
        });
    }

    private static boolean patterned(Strength strength, int length) {
        return strength.getGuessesLog10() < MIN_LOG10_PER_CHAR * length;
    }

    /**
     * The dictionary words zxcvbn found: four letters or more, six when spelt in l33t (random hex spells
     * short l33t words by chance: "e1ba" is "elba"), never reversed ones.
     */
    private static List<Match> words(Strength strength) {
        return strength.getSequence().stream().filter(m -> m.pattern == Pattern.Dictionary && !m.reversed
                && m.token.length() >= (m.l33t ? 6 : 4)).toList();
    }

    /** The bytes a hex or base64 secret encodes, when it is one and encodes at least 16. */
    static Optional<byte[]> decoded(String secret) {
        String s = secret.strip();
        try {
            if (s.length() % 2 == 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.of(HexFormat.of().parseHex(s)).filter(b -> b.length >= MIN_DECODED_BYTES);
            }
            byte[] bytes = s.contains("-") || s.contains("_") ? Base64.getUrlDecoder().decode(s)
                    : Base64.getDecoder().decode(s);
            return Optional.of(bytes).filter(b -> b.length >= MIN_DECODED_BYTES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The algorithm whose hash of one of zxcvbn's 30,000 most common passwords these bytes are: MD5, SHA-1
     * or SHA-256. Made afresh on each call (~0.2 s, once per start), so nothing is kept in memory.
     */
    static Optional<String> hashOfCommonPassword(byte[] bytes) {
        List<String> passwords;
        try {
            passwords = StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String algorithm : List.of("MD5", "SHA-1", "SHA-256")) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            if (digest.getDigestLength() != bytes.length) {
                continue;
            }
            for (String password : passwords) {
                if (MessageDigest.isEqual(bytes, digest.digest(password.getBytes(StandardCharsets.UTF_8)))) {
                    return Optional.of(algorithm);
                }
            }
        }
        return Optional.empty();
    }
}
