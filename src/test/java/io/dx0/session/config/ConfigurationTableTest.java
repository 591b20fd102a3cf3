package io.dx0.session.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Each {@code session.*} default is written once, in the {@code @ConfigMapping} of its concern
 * ({@link SessionConfig} for the top-level keys, one mapping per group beside the classes that read it);
 * docs/configuration.md is what operators read. This keeps the two the same: every setting of every
 * mapping is in the table with the mapping's default, and the table names no setting that does not exist.
 */
class ConfigurationTableTest {

    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    /** Every key of the mapping, a map's entries written {@code <name>}, with its default (null when none). */
    private static final Map<String, String> MAPPING = new LinkedHashMap<>();
    /** Every session.* key of the README table, with the first value in backticks of its default (null when none). */
    private static final Map<String, String> README = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dx0.session").stream()
                .filter(mapping -> mapping.isAnnotatedWith(ConfigMapping.class))
                .map(JavaClass::reflect)
                .forEach(mapping -> walk(mapping, mapping.getAnnotation(ConfigMapping.class).prefix()));
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            if (line.startsWith("| `session.")) {
                readRow(line);
            }
        }
        assertThat(README).as("rows of the README configuration table").hasSizeGreaterThan(20);
        assertThat(MAPPING).as("settings of the mapping").hasSizeGreaterThan(30);
    }

    private static void walk(Class<?> group, String prefix) {
        for (Method m : group.getDeclaredMethods()) {
            if (m.isDefault() || m.isSynthetic() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value() : kebab(m.getName());
            String key = prefix + "." + name;
            Class<?> type = m.getReturnType();
            if (Map.class.isAssignableFrom(type)) {
                MAPPING.put(key + ".<name>", null);
            } else if (type.isInterface() && type.getEnclosingClass() != null) {
                walk(type, key);
            } else {
                WithDefault d = m.getAnnotation(WithDefault.class);
                MAPPING.put(key, d == null ? null : d.value());
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void readRow(String line) {
        String[] cells = line.split("\\|");
        List<String> keys = new ArrayList<>();
        Matcher k = TICKED.matcher(cells[1]);
        String base = null;
        while (k.find()) {
            String key = k.group(1);
            if (key.startsWith(".") && base != null) {
                key = base + key;
            } else {
                base = key.substring(0, key.lastIndexOf('.'));
            }
            keys.add(key);
        }
        String[] defaults = cells[2].split(" / ");
        for (int i = 0; i < keys.size(); i++) {
            String cell = defaults.length == keys.size() ? defaults[i] : keys.size() == 1 ? cells[2] : "";
            Matcher d = TICKED.matcher(cell);
            README.put(keys.get(i), d.find() ? d.group(1) : null);
        }
    }

    /** The README names one member of a group of settings by a placeholder such as {@code <path>}. */
    private static boolean sameKey(String readme, String mapping) {
        String pattern = Pattern.quote(readme).replaceAll("<\\w+>", "\\\\E[^.]+\\\\Q");
        return mapping.replace("<name>", "x").matches(pattern);
    }

    private static Optional<String> readmeKeyFor(String mappingKey) {
        return README.keySet().stream().filter(r -> sameKey(r, mappingKey)).findFirst();
    }

    @Test
    void everySettingOfTheMappingIsInTheReadmeWithItsDefault() {
        List<String> problems = new ArrayList<>();
        MAPPING.forEach((key, value) -> {
            Optional<String> row = readmeKeyFor(key);
            if (row.isEmpty()) {
                problems.add(key + ": not in the README table");
            } else if (value != null && !value.equals(README.get(row.get()))) {
                problems.add(key + ": default " + value + " in the mapping, " + README.get(row.get()) + " in the README");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theReadmeNamesNoSettingThatDoesNotExist() {
        List<String> unknown = README.keySet().stream()
                .filter(r -> MAPPING.keySet().stream().noneMatch(m -> sameKey(r, m)))
                .toList();
        assertThat(unknown).isEmpty();
    }
}
