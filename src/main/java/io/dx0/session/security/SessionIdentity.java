package io.dx0.session.security;

import io.dx0.session.session.Session;
import io.quarkus.security.identity.SecurityIdentity;

/** What {@link SessionIdentityProvider} puts on an identity, read back by name. */
public final class SessionIdentity {

    static final String SESSION = "dx0.session";

    /** The group that may use the admin API ({@code @RolesAllowed(SessionIdentity.ADMIN)}). */
    public static final String ADMIN = "admin";

    private SessionIdentity() {
    }

    /** The live session of an authenticated identity. */
    public static Session session(SecurityIdentity identity) {
        return identity.getAttribute(SESSION);
    }
}
