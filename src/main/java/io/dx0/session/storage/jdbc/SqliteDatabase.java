package io.dx0.session.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import io.dx0.session.concurrency.CallerContext;
import io.smallrye.mutiny.Uni;

/**
 * One SQLite file, one connection, one thread: every transaction runs after the previous one, so
 * there is exactly one writer and never a "database is locked". WAL lets other processes read;
 * the busy timeout waits out another process holding the file.
 */
public final class SqliteDatabase implements Database {

    /** The name of the thread every statement runs on (what a thread dump shows). */
    public static final String THREAD_NAME = "sqlite-store";

    private final Connection connection;
    private final SQLiteDataSource schemaSource;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });

    public SqliteDatabase(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            this.connection = config.createConnection(url);
            this.schemaSource = new SQLiteDataSource(config);
            schemaSource.setUrl(url);
        } catch (IOException e) {
            throw new UncheckedIOException("session.sqlite.path: cannot create the directory of " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("session.sqlite.path: cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public DataSource schemaSource() {
        return schemaSource;
    }

    @Override
    public <T> Uni<T> transaction(Work<T> work) {
        return CallerContext.blocking(thread, () -> Database.inTransaction(connection, work));
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }
}
