package io.dx0.session.storage.redis;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The fields of a session's Redis hash ({@code <prefix>:s:{<sid>}}): one table for the Java that
 * reads them and the Lua that writes them. Every script starts with {@link #luaTable()}, so a script
 * writes {@code F.SPENT}, never {@code 'sp'}. Times are Redis {@code TIME} in epoch milliseconds.
 */
enum SessionField {

    USER("u", "the user name"),
    GROUP("g", "the user's group, the role of the session"),
    CREATED("c", "when the session was created"),
    LAST_USE("l", "the last use; the idle expiry slides from it"),
    ABSOLUTE_EXPIRY("a", "the absolute expiry, whatever the use"),
    LIMIT("lim", "the budget limit in cents, -1 when unlimited"),
    SPENT("sp", "the cents charged so far"),
    TESTS("t", "the tests ordered, a JSON array"),
    METADATA("m", "what the login recorded (client address, agent), a JSON object"),
    REFRESH_HASH("rh", "SHA-256 of the live refresh secret"),
    PREVIOUS_HASH("ph", "the refresh hash rotated out last, honoured within the reuse leeway"),
    PREVIOUS_AT("pt", "when that hash was rotated out"),
    INDEX_SCORE("ix", "the session's score in the per-user and live indexes, an upper bound of its expiry");

    /** The field's name in Redis: short, as every session carries all of them. */
    final String name;
    final String meaning;

    SessionField(String name, String meaning) {
        this.name = name;
        this.meaning = meaning;
    }

    /** {@code local F = {USER = 'u', ...}}: prepended to every script. */
    static String luaTable() {
        return Arrays.stream(values()).map(f -> f.name() + " = '" + f.name + "'")
                .collect(Collectors.joining(", ", "local F = { ", " }\n"));
    }
}
