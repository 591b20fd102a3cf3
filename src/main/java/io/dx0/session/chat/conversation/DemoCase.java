package io.dx0.session.chat.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.dx0.session.session.Money;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The demo case and its test catalogue, from {@code session.demo.file} or the bundled {@code demo-case.yml}. */
@Startup
@ApplicationScoped
public class DemoCase {

    static final String BUNDLED = "demo-case.yml";

    private final String summary;
    private final String text;
    private final Map<String, CatalogueTest> tests;

    @RegisterForReflection
    /** {@code cptCode}: the test's CPT code when the case file gives one (null otherwise), for FHIR exports. */
    public record CatalogueTest(String name, long price, String result, String cptCode) {
    }

    DemoCase(DemoSettings config) {
        File file = config.file().map(DemoCase::fromPath).orElseGet(DemoCase::bundled);
        if (file.caseInfo == null || file.caseInfo.summary == null || file.tests == null) {
            throw new IllegalArgumentException("session.demo.file needs 'case: {summary, text}' and 'tests:'");
        }
        this.summary = file.caseInfo.summary;
        this.text = file.caseInfo.text == null ? file.caseInfo.summary : file.caseInfo.text;
        Map<String, CatalogueTest> catalogue = new LinkedHashMap<>();
        file.tests.forEach((name, t) -> catalogue.put(key(name),
                new CatalogueTest(name, Money.toMinor(t.price), t.result == null ? "Within normal limits." : t.result,
                        t.cpt)));
        this.tests = Collections.unmodifiableMap(catalogue);
    }

    public String summary() {
        return summary;
    }

    public String text() {
        return text;
    }

    public Collection<CatalogueTest> tests() {
        return tests.values();
    }

    /** A test by name, ignoring case and surrounding blanks. */
    public Optional<CatalogueTest> test(String name) {
        return Optional.ofNullable(tests.get(key(name)));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static File fromPath(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("session.demo.file: cannot read " + path, e);
        }
    }

    private static File bundled() {
        try (InputStream in = DemoCase.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File read(InputStream in) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readValue(in, File.class);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    private static final class File {
        @JsonProperty("case")
        CaseInfo caseInfo;
        @JsonProperty("tests")
        Map<String, TestEntry> tests;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    private static final class CaseInfo {
        @JsonProperty("summary")
        String summary;
        @JsonProperty("text")
        String text;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    private static final class TestEntry {
        @JsonProperty("price")
        BigDecimal price;
        @JsonProperty("result")
        String result;
        @JsonProperty("cpt")
        String cpt;
    }
}
