package io.dx0.session.storage.redis;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.session.Budget;
import io.dx0.session.session.Session;
import io.dx0.session.storage.backend.SessionJson;
import io.vertx.mutiny.redis.client.Response;

/** Reads and writes the fields of a session hash (named in {@link SessionField}). */
final class SessionHash {

    private final SessionJson json;
    private final long idleMillis;

    SessionHash(ObjectMapper json, long idleMillis) {
        this.json = new SessionJson(json);
        this.idleMillis = idleMillis;
    }

    String metadataJson(Map<String, String> metadata) {
        return json.write(metadata);
    }

    /** A session from an {@code HGETALL} reply (field, value, field, value...). */
    Session toSession(String sid, Response hgetall) {
        Map<String, String> f = new HashMap<>();
        for (int i = 0; i + 1 < hgetall.size(); i += 2) {
            f.put(hgetall.get(i).toString(), hgetall.get(i + 1).toString());
        }
        long last = Long.parseLong(f.get(SessionField.LAST_USE.name));
        long absolute = Long.parseLong(f.get(SessionField.ABSOLUTE_EXPIRY.name));
        return new Session(sid, f.get(SessionField.USER.name), f.get(SessionField.GROUP.name),
                Instant.ofEpochMilli(Long.parseLong(f.get(SessionField.CREATED.name))),
                Instant.ofEpochMilli(last),
                Instant.ofEpochMilli(Math.min(last + idleMillis, absolute)),
                Instant.ofEpochMilli(absolute),
                Budget.fromStored(Long.parseLong(f.get(SessionField.LIMIT.name)),
                        Long.parseLong(f.get(SessionField.SPENT.name))),
                json.tests(f.get(SessionField.TESTS.name)),
                json.metadata(f.get(SessionField.METADATA.name)));
    }
}
