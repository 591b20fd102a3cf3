package io.dx0.session.audit;

/**
 * Where a kept security event is kept. Each shelf has its own bound, so refusals a client can make
 * without proving anything never push out the events about real accounts and lockouts.
 */
public enum EventShelf {
    /** Events about accounts, sessions and admins' actions. */
    ACCOUNTS,
    /** Refusals of clients that proved nothing: a locked address, a token naming no session, an unknown user. */
    NOISE
}
