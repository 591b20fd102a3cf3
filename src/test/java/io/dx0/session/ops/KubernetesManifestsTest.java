package io.dx0.session.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Each kustomize overlay renders, and what it renders holds what production needs: probes on
 * {@code /q/health/*} of the management port (the one {@code quarkus.management.port} names), Prometheus
 * scraping that port, resources, a non-root read-only container with a writable {@code /tmp},
 * secrets by reference, a disruption budget, an autoscaler and a network policy that lets in only
 * the HTTP port and out only DNS and Redis; a grace period longer than the service's own shutdown.
 * Rendered with {@code kubectl kustomize} where kubectl is on PATH; otherwise every manifest file is
 * parsed and the same checks run on the base as written.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = { "dev", "elasticache" })
    void overlayRendersWithEverythingProductionNeeds(String overlay) throws Exception {
        List<JsonNode> docs = kubectl().isPresent() ? render(ROOT.resolve("overlays").resolve(overlay)) : baseAsWritten();

        JsonNode deployment = one(docs, "Deployment", "dx0-session");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertThat(deployment.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("dx0-session");
        assertThat(podLabels.path("app.kubernetes.io/name").asText()).isEqualTo("dx0-session");
        JsonNode container = pod.at("/containers/0");

        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        String managementPort = appProperty("quarkus.management.port");
        assertThat(stream(container.path("ports")).filter(p -> p.path("name").asText().equals("management"))
                .map(p -> p.path("containerPort").asText()).toList()).containsExactly(managementPort);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("management");
        }
        assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText()).isEqualTo(managementPort);
        assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
        assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop").toString()).contains("ALL");
        String tmpVolume = stream(container.path("volumeMounts"))
                .filter(m -> m.path("mountPath").asText().equals("/tmp")).findFirst().orElseThrow()
                .path("name").asText();
        assertThat(stream(pod.path("volumes")).filter(v -> v.path("name").asText().equals(tmpVolume))
                .anyMatch(v -> v.has("emptyDir"))).as("/tmp is an emptyDir").isTrue();

        JsonNode jwt = env(container, "SESSION_JWT_SECRET");
        assertThat(jwt.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("jwt-secret");
        assertThat(jwt.has("value")).as("secret by reference, never inline").isFalse();

        JsonNode config = one(docs, "ConfigMap", "dx0-session").path("data");
        if (kubectl().isPresent()) {
            assertThat(config.path("SESSION_WS_OWN_ORIGIN").asText()).as("production never takes the console's origin"
                    + " from Host: without it no browser page may open the socket").matches("https?://[^/]+");
        }
        Duration shutdown = Duration.parse("PT" + config.path("QUARKUS_SHUTDOWN_DELAY").asText("1s").toUpperCase())
                .plus(Duration.parse("PT" + appProperty("quarkus.shutdown.timeout").toUpperCase()));
        assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
                .as("grace period covers readiness delay + drain").isGreaterThan(shutdown.plusSeconds(5));

        JsonNode service = one(docs, "Service", "dx0-session");
        assertThat(service.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo("dx0-session");
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

        JsonNode pdb = one(docs, "PodDisruptionBudget", "dx0-session");
        assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("dx0-session");
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isPositive();

        JsonNode hpa = one(docs, "HorizontalPodAutoscaler", "dx0-session");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("dx0-session");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isBetween(1, hpa.at("/spec/maxReplicas").asInt());

        JsonNode policy = one(docs, "NetworkPolicy", "dx0-session").path("spec");
        assertThat(policy.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("dx0-session");
        assertThat(policy.path("policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(ports(policy.path("ingress"))).containsExactlyInAnyOrder("TCP/8080", "TCP/" + managementPort);
        JsonNode managementIngress = stream(policy.path("ingress"))
                .filter(rule -> ports(List.of(rule)).contains("TCP/" + managementPort)).findFirst().orElseThrow();
        assertThat(managementIngress.at("/from/0/namespaceSelector/matchLabels").toString())
                .as("metrics and health only for the monitoring namespace").contains("monitoring");
        assertThat(ports(policy.path("egress"))).containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/6379");

        if (kubectl().isPresent()) {
            checkRedisWiring(overlay, docs, container, policy);
        }
    }

    /** How each overlay reaches Redis: in-cluster plain, or ElastiCache over TLS, as an ACL user, in cluster mode. */
    private static void checkRedisWiring(String overlay, List<JsonNode> docs, JsonNode container, JsonNode policy) {
        JsonNode config = one(docs, "ConfigMap", "dx0-session").path("data");
        JsonNode redisEgress = stream(policy.path("egress"))
                .filter(rule -> ports(List.of(rule)).contains("TCP/6379")).findFirst().orElseThrow();
        if (overlay.equals("dev")) {
            assertThat(config.path("QUARKUS_REDIS_HOSTS").asText()).isEqualTo("redis://dx0-redis:6379");
            one(docs, "Deployment", "dx0-redis");
            assertThat(redisEgress.at("/to/0/podSelector/matchLabels/app.kubernetes.io~1name").asText())
                    .isEqualTo("dx0-redis");
        } else {
            assertThat(config.has("QUARKUS_REDIS_HOSTS")).as("no URI in the ConfigMap").isFalse();
            assertThat(config.path("QUARKUS_REDIS_CLIENT_TYPE").asText()).isEqualTo("cluster");
            assertThat(config.path("QUARKUS_REDIS_TLS_CONFIGURATION_NAME").asText()).isEqualTo("redis");
            assertThat(env(container, "QUARKUS_REDIS_HOSTS").path("value").asText())
                    .isEqualTo("rediss://$(REDIS_USERNAME):$(REDIS_PASSWORD)@$(REDIS_ENDPOINT)");
            assertThat(env(container, "REDIS_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                    .isEqualTo("dx0-elasticache");
            assertThat(redisEgress.at("/to/0/ipBlock/cidr").asText()).isNotBlank();
        }
        assertThat(docs.stream().noneMatch(d -> d.path("kind").asText().equals("Secret")))
                .as("secrets are created outside the repository: the prod profile refuses committed ones").isTrue();
    }

    private static List<JsonNode> render(Path overlay) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(kubectl().get(), "kustomize", overlay.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize " + overlay + ":\n" + out).isZero();
        return parse(out);
    }

    /** Without kubectl: every file under kubernetes/ must parse; the checks run on the base as written. */
    private static List<JsonNode> baseAsWritten() throws IOException {
        List<JsonNode> base = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList()) {
                List<JsonNode> docs = parse(Files.readString(file));
                assertThat(docs).as(file + " parses").isNotEmpty();
                if (file.startsWith(ROOT.resolve("base"))) {
                    base.addAll(docs);
                }
            }
        }
        return base;
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode> readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static JsonNode one(List<JsonNode> docs, String kind, String name) {
        List<JsonNode> found = docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.at("/metadata/name").asText().equals(name)).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode env(JsonNode container, String name) {
        return stream(container.path("env")).filter(e -> e.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static List<String> ports(Iterable<JsonNode> rules) {
        List<String> ports = new ArrayList<>();
        rules.forEach(rule -> rule.path("ports").forEach(
                p -> ports.add(p.path("protocol").asText("TCP") + "/" + p.path("port").asText())));
        return ports;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static String appProperty(String key) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            props.load(in);
        }
        return props.getProperty(key);
    }

    private static java.util.Optional<String> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return java.util.Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(dir -> new File(dir, "kubectl"))
                .filter(File::canExecute).map(File::getAbsolutePath).findFirst();
    }
}
