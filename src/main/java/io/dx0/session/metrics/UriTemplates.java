package io.dx0.session.metrics;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.websockets.next.WebSocket;

/**
 * Keeps the {@code uri} label of the HTTP server metrics to the service's own route templates. A
 * request that matched no route, or matched a path but not its method or media type (404, 405, 406,
 * 415), may come out with its raw path: a real session id, or any text an attacker sends, each a new
 * time series until the tag cap stops counting real endpoints. Here a raw path that fits a template
 * becomes that template ({@code /api/v1/admin/sessions/{sessionId}}), and anything else
 * {@value #UNKNOWN}. The templates are read from the REST resources and WebSocket endpoints
 * themselves, so a new endpoint needs nothing here.
 */
@Singleton
public class UriTemplates {

    public static final String UNKNOWN = "UNKNOWN";
    private static final Set<String> QUARKUS_CONSTANTS = Set.of("NOT_FOUND", "REDIRECTION", "root");

    @Produces
    @Singleton
    MeterFilter templatedUris(BeanManager beans) {
        Map<String, Pattern> templates = templates(beans);
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (uri == null || !id.getName().startsWith("http.server")) {
                    return id;
                }
                String templated = template(uri, templates);
                return templated.equals(uri) ? id
                        : id.replaceTags(id.getTags().stream()
                                .map(tag -> tag.getKey().equals("uri") ? Tag.of("uri", templated) : tag).toList());
            }
        };
    }

    static String template(String uri, Map<String, Pattern> templates) {
        if (templates.containsKey(uri) || QUARKUS_CONSTANTS.contains(uri)) {
            return uri;
        }
        return templates.entrySet().stream().filter(t -> t.getValue().matcher(uri).matches()).map(Map.Entry::getKey)
                .findFirst().orElse(UNKNOWN);
    }

    /** Each route template of the application, with the pattern its raw paths match. */
    static Map<String, Pattern> templates(BeanManager beans) {
        Map<String, Pattern> templates = new LinkedHashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            WebSocket socket = type.getAnnotation(WebSocket.class);
            if (socket != null) {
                add(templates, socket.path());
            }
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                Path sub = method.getAnnotation(Path.class);
                boolean endpoint = sub != null || Arrays.stream(method.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
                if (endpoint) {
                    add(templates, join(root.value(), sub == null ? "" : sub.value()));
                }
            }
        }
        return templates;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Templates as the filter uses them, for tests. */
    static Map<String, Pattern> compile(Iterable<String> templates) {
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        templates.forEach(t -> add(compiled, t));
        return compiled;
    }

    private static void add(Map<String, Pattern> templates, String template) {
        String regex = Arrays.stream(template.split("(?=\\{)|(?<=\\})"))
                .map(part -> part.startsWith("{") ? "[^/]+" : Pattern.quote(part)).collect(Collectors.joining());
        templates.putIfAbsent(template, Pattern.compile(regex + "/?"));
    }
}
