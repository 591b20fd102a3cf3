package io.dx0.session.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dx0.session.security.SessionIdentity;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;

/**
 * Logs each refusal of {@code @RolesAllowed(admin)} to a live session of another group, from the
 * event Quarkus Security fires when it refuses: the refusal and its record come from one place, and
 * the HTTP answer (a 403 problem) stays the exception mapper's alone. An anonymous caller is a 401,
 * not a refusal of a session, and is not logged here.
 */
@ApplicationScoped
class AdminDenials {

    private final AdminService admin;

    AdminDenials(AdminService admin) {
        this.admin = admin;
    }

    void denied(@Observes AuthorizationFailureEvent event) {
        if (event.getAuthorizationFailure() instanceof ForbiddenException && event.getSecurityIdentity() != null
                && !event.getSecurityIdentity().isAnonymous()) {
            admin.denied(SessionIdentity.session(event.getSecurityIdentity()));
        }
    }
}
