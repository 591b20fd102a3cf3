package io.dx0.session.storage.backend;

/**
 * One per backend, as a CDI bean. Adding a backend means adding a factory: callers only ever see
 * the {@link SessionStore} that {@code storage.wiring.SessionStoreProducer} picks by {@code session.backend}.
 * A factory must not touch its backend's client before {@link #create} is called, so an unused
 * backend opens no connection.
 */
public interface SessionStoreFactory {

    /** The value of {@code session.backend} that selects this backend. */
    String backend();

    SessionStore create();
}
