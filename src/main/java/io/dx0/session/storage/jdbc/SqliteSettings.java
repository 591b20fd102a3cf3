package io.dx0.session.storage.jdbc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The SQLite backend: {@code session.sqlite.*}. */
@ConfigMapping(prefix = "session.sqlite")
public interface SqliteSettings {
    /** The database file; its directory is created if missing. */
    @WithDefault("data/sessions.db")
    String path();
}
