package io.dx0.session.chat;

/**
 * How many chat sockets a session holds open on this replica (each replica knows only its own; the
 * admin view says so). Implemented by the WebSocket layer, read by the admin API.
 */
public interface OpenSockets {

    int of(String sessionId);

    /** Every chat socket open on this replica. */
    int openConnections();
}
