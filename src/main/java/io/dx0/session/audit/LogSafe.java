package io.dx0.session.audit;

/**
 * Makes a value that came from a request safe to put in a log line: nothing in it can end the line,
 * start a forged one, hide or reorder text on a terminal, or pass for a field separator. Control,
 * format (bidi overrides such as U+202E, zero-width) and line/paragraph separator characters, lone
 * surrogates, backslash, {@code "}, {@code =} and spaces become a backslash, {@code u} and four hex
 * digits (a line feed: backslash {@code u000a}); anything longer than {@link #MAX_CODE_POINTS} is cut and marked.
 */
public final class LogSafe {

    public static final int MAX_CODE_POINTS = 200;

    private LogSafe() {
    }

    public static String escape(String raw) {
        if (raw == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_CODE_POINTS) + 8);
        int count = 0;
        for (int i = 0; i < raw.length();) {
            int cp = raw.codePointAt(i);
            if (count == MAX_CODE_POINTS) {
                out.append("...(+").append(raw.codePointCount(i, raw.length())).append(')');
                break;
            }
            if (unsafe(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
            count++;
        }
        return out.toString();
    }

    private static boolean unsafe(int cp) {
        if (cp == '\\' || cp == '"' || cp == '=' || cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR ->
                true;
            default -> false;
        };
    }
}
