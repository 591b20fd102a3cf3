package io.dx0.session.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Activates the Quarkus datasource only when {@code session.backend=postgres}: with any other
 * backend no pool is opened and no datasource bean can connect. A low ordinal, so an explicit
 * {@code quarkus.datasource.active} still wins.
 */
public class DatasourceActivation implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue backend = context.getValue("session.backend");
        boolean postgres = backend != null && backend.getValue() != null
                && backend.getValue().strip().toLowerCase(Locale.ROOT).equals("postgres");
        return List.of(new PropertiesConfigSource(Map.of("quarkus.datasource.active", String.valueOf(postgres)),
                "dx0-datasource-activation", 50));
    }
}
