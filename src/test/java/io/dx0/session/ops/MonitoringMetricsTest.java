package io.dx0.session.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.RedisTestResource;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The dashboard and the alerts read only what the service exports (issue 41): a workload on Redis (logins
 * right and wrong, a lockout, a session read, a chat message), then every metric and every label that
 * {@code kubernetes/monitoring/dashboard.json} and {@code prometheus-rule.yaml} name must be in
 * {@code /q/metrics}. Metrics of other exporters (cAdvisor's {@code container_*}, kube-state-metrics'
 * {@code kube_*}, Prometheus' {@code up}) and the labels Prometheus adds to a target are named here.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class MonitoringMetricsTest {

    private static final Path MONITORING = Path.of("kubernetes/monitoring");
    private static final Pattern SELECTOR = Pattern
            .compile("\\b((?:dx0|http_server|jvm|redis|process|container|kube)_[a-z0-9_]+|up)\\b(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(?:=~|!~|!=|=)");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern EXTERNAL = Pattern.compile("(container|kube)_.*|up");
    /** Labels Prometheus gives every series of a scrape target (the ServiceMonitor's job, the pod). */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "pod", "namespace");

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyMetricAndLabelTheDashboardAndTheAlertsReadIsExported() throws Exception {
        workload();
        String scrape = Management.given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract()
                .asString();
        List<String> expressions = new ArrayList<>();
        new ObjectMapper().readTree(MONITORING.resolve("dashboard.json").toFile()).findValues("expr")
                .forEach(e -> expressions.add(e.asText()));
        JsonNode rule = new YAMLMapper().readTree(MONITORING.resolve("prometheus-rule.yaml").toFile());
        rule.at("/spec/groups").forEach(g -> g.get("rules").forEach(r -> expressions.add(r.get("expr").asText())));
        assertThat(expressions).hasSizeGreaterThan(30);

        List<String> missing = new ArrayList<>();
        for (String expression : expressions) {
            Set<String> ownMetrics = new LinkedHashSet<>();
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                String metric = selector.group(1);
                if (EXTERNAL.matcher(metric).matches()) {
                    continue;
                }
                ownMetrics.add(metric);
                if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(scrape).find()) {
                    missing.add(metric + " (in " + expression.strip() + ")");
                    continue;
                }
                Matcher label = MATCHER.matcher(selector.group(3) == null ? "" : selector.group(3));
                while (label.find()) {
                    if (!TARGET_LABELS.contains(label.group(1)) && !hasLabel(scrape, metric, label.group(1))) {
                        missing.add(metric + "{" + label.group(1) + "} (in " + expression.strip() + ")");
                    }
                }
            }
            Matcher by = BY.matcher(expression);
            while (by.find()) {
                for (String name : by.group(1).split(",")) {
                    String label = name.strip();
                    if (!label.isEmpty() && !TARGET_LABELS.contains(label) && !ownMetrics.isEmpty()
                            && ownMetrics.stream().noneMatch(m -> hasLabel(scrape, m, label))) {
                        missing.add("by (" + label + ") (in " + expression.strip() + ")");
                    }
                }
            }
        }
        assertThat(missing).as("metrics and labels the dashboard or the alerts read but the service does not export")
                .isEmpty();
    }

    private static boolean hasLabel(String scrape, String metric, String label) {
        return Pattern.compile("(?m)^" + metric + "\\{[^}]*\\b" + label + "=\"").matcher(scrape).find();
    }

    private void workload() throws Exception {
        String token = login("ann", "pw-2a", "192.0.2.50").then().statusCode(200).extract().path("access_token");
        for (int i = 0; i < 4; i++) {
            login("ann", "typo-" + i, "192.0.2.51");
        }
        given().auth().oauth2(token).get("/api/v1/session").then().statusCode(200);
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + token,
                Map.of("Origin", "http://localhost:3000"))) {
            assertThat(ws.exchange("question", "Is the cough worse at night?")).isNotEmpty();
        }
    }

    private static io.restassured.response.Response login(String user, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("username", user, "password", password)).post("/api/v1/login");
    }
}
