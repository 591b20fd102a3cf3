package io.dx0.session.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class UriTemplatesTest {

    private final Map<String, Pattern> templates = UriTemplates.compile(List.of("/api/v1/case",
            "/api/v1/admin/sessions/{sessionId}", "/api/v1/admin/users/{username}/sessions", "/api/v1/ws"));

    @Test
    void aRawPathBecomesItsTemplateAndAnythingElseOneValue() {
        assertThat(UriTemplates.template("/api/v1/case", templates)).isEqualTo("/api/v1/case");
        assertThat(UriTemplates.template("/api/v1/admin/sessions/Kx9_real-id", templates))
                .isEqualTo("/api/v1/admin/sessions/{sessionId}");
        assertThat(UriTemplates.template("/api/v1/admin/users/ann/sessions/", templates))
                .isEqualTo("/api/v1/admin/users/{username}/sessions");
        assertThat(UriTemplates.template("/api/v1/admin/sessions/a/b", templates)).isEqualTo(UriTemplates.UNKNOWN);
        assertThat(UriTemplates.template("/api/v1/y\r\nFORGED", templates)).isEqualTo(UriTemplates.UNKNOWN);
        assertThat(UriTemplates.template("/api/v1/case.*", templates)).as("regex text in a template is literal")
                .isEqualTo(UriTemplates.UNKNOWN);
        assertThat(UriTemplates.template("NOT_FOUND", templates)).isEqualTo("NOT_FOUND");
    }
}
