package io.dx0.session.storage;

/** The backend could not be reached or did not answer in time. Callers answer 503 and accept nothing. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String backend, Throwable cause) {
        super("session store '" + backend + "' is unavailable", cause);
    }
}
