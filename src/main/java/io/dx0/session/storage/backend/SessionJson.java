package io.dx0.session.storage.backend;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON parts of a stored session (ordered tests, login metadata): one codec for every backend. */
public final class SessionJson {

    private static final TypeReference<List<String>> TESTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SessionJson(ObjectMapper json) {
        this.json = json;
    }

    /** The ordered tests or the metadata, as stored. */
    public String write(Object testsOrMetadata) {
        try {
            return json.writeValueAsString(testsOrMetadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON", e);
        }
    }

    public List<String> tests(String stored) {
        return read(stored, TESTS);
    }

    public Map<String, String> metadata(String stored) {
        return read(stored, METADATA);
    }

    private <T> T read(String stored, TypeReference<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt stored session JSON", e);
        }
    }
}
