package io.dx0.session.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of the service depend on each other in one direction (ADR 0013), read from the
 * compiled classes by the JDK's own {@code jdeps}: no cycle, the domain records depend on nothing
 * of ours, the storage SPI and its backends know nothing above them, and nothing depends on the
 * HTTP and WebSocket layers.
 */
class PackageDependenciesTest {

    private static final String ROOT = "io.dx0.session.";
    private static final Pattern EDGE = Pattern
            .compile("^\\s*(io\\.dx0\\.session\\.[\\w.]+)\\s+->\\s+(io\\.dx0\\.session\\.[\\w.]+)\\s");

    /** package (without the root) → the packages of ours it uses. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readTheClasses() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none", "target/classes");
        assertThat(exit).as(out.toString()).isZero();
        for (String line : out.toString().lines().toList()) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                String from = m.group(1).substring(ROOT.length());
                String to = m.group(2).substring(ROOT.length());
                USES.computeIfAbsent(from, k -> new TreeSet<>());
                if (!from.equals(to)) {
                    USES.get(from).add(to);
                }
            }
        }
        assertThat(USES).as("packages read from target/classes").containsKeys("domain", "store", "service", "rest", "ws");
    }

    @Test
    void noPackageCycle() {
        assertThat(cycles()).as("strongly connected packages").isEmpty();
    }

    @Test
    void theDomainRecordsDependOnNothingOfOurs() {
        assertThat(USES.getOrDefault("domain", Set.of())).isEmpty();
    }

    @Test
    void storageKnowsNothingAboveIt() {
        for (String store : List.of("store", "store.memory", "store.redis", "store.jdbc")) {
            assertThat(USES.getOrDefault(store, Set.of())).as(store)
                    .allMatch(p -> p.equals("domain") || p.equals("config") || p.equals("support") || p.startsWith("store"));
        }
    }

    @Test
    void nothingDependsOnTheWebLayers() {
        USES.forEach((from, to) -> {
            if (!from.equals("rest") && !from.equals("ws")) {
                assertThat(to).as(from).doesNotContain("rest", "ws");
            }
        });
        assertThat(USES.get("rest")).doesNotContain("ws");
        assertThat(USES.get("ws")).doesNotContain("rest");
    }

    /** Tarjan's strongly connected components of more than one package. */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String p : USES.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : USES.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
