package io.dx0.session.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated bad input, reproducible: every run draws from one seeded {@link Random}
 * ({@code -Ddx0.fuzz.seed=<n>} to replay or vary; the seed in use is printed by the tests).
 */
final class Corpus {

    static final long SEED = Long.getLong("dx0.fuzz.seed", 20_261_125L);

    /** Characters a careless or hostile client sends: controls, quotes, escapes, lone surrogates, astral and RTL. */
    private static final int[] SPECIAL = { 0, 1, 7, 8, 9, 10, 13, 27, 31, 34, 39, 92, 127, 0x85, 0xA0, 0x200B, 0x202E,
            0xFEFF, 0xFFFD, 0xFFFF, 0xD800, 0xDFFF, 0x1F600, 0x10FFFF };

    private final Random random = new Random(SEED);

    /** Strings of any code points (weighted towards the special ones), up to {@code maxLength} chars. */
    List<String> strings(int count, int maxLength) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(maxLength + 1);
            while (s.length() < length) {
                int roll = random.nextInt(10);
                if (roll < 3) {
                    s.appendCodePoint(SPECIAL[random.nextInt(SPECIAL.length)]);
                } else if (roll < 8) {
                    s.append((char) (' ' + random.nextInt(95)));
                } else {
                    s.appendCodePoint(random.nextInt(0x3000));
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    /** Printable ASCII only (what fits in an HTTP header), up to {@code maxLength} chars. */
    List<String> printable(int count, int maxLength) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            char[] chars = new char[random.nextInt(maxLength + 1)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = (char) ('!' + random.nextInt(94));
            }
            out.add(new String(chars));
        }
        return out;
    }

    /** Random bytes (mostly not valid UTF-8), up to {@code maxLength}. */
    List<byte[]> bytes(int count, int maxLength) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(b);
            out.add(b);
        }
        return out;
    }

    List<Double> doubles(int count) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(switch (random.nextInt(4)) {
                case 0 -> random.nextGaussian() * 1e6;
                case 1 -> -random.nextDouble();
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextInt(100) / 7.0;
            });
        }
        return out;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
