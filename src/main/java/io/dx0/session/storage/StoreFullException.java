package io.dx0.session.storage;

/** A bounded backend is at its capacity; live sessions are never evicted to make room. */
public class StoreFullException extends RuntimeException {

    public StoreFullException(int capacity) {
        super("session store is full (" + capacity + " live sessions, see session.memory.max-sessions)");
    }
}
