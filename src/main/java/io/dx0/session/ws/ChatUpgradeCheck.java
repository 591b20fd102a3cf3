package io.dx0.session.ws;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.auth.InvalidTokenException;
import io.dx0.session.config.SessionConfig;
import io.dx0.session.domain.Session;
import io.dx0.session.overload.Admission;
import io.dx0.session.overload.WorkPath;
import io.dx0.session.security.BearerToken;
import io.dx0.session.service.Authenticator;
import io.dx0.session.service.BudgetLedger;
import io.dx0.session.support.Money;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Decides the HTTP upgrade of {@code /api/v1/ws} itself, before any socket exists: foreign Origin
 * 403; no token, a bad one or a session that is not live 401; too many sockets for the session 429;
 * an invalid {@code ?budget=} 400. A valid {@code ?budget=} lowers the session's limit (never raises it).
 */
@ApplicationScoped
public class ChatUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<Session> SESSION = new UserData.TypedKey<>("dx0.session");
    static final UserData.TypedKey<Long> RESERVATION = UserData.TypedKey.forLong("dx0.reservation");

    private final Authenticator authenticator;
    private final BudgetLedger ledger;
    private final ChatConnections connections;
    private final Optional<List<String>> allowedOrigins;
    private final int maxConnections;
    private final Admission admission;

    ChatUpgradeCheck(Authenticator authenticator, BudgetLedger ledger, ChatConnections connections,
            SessionConfig config, Admission admission) {
        this.admission = admission;
        this.authenticator = authenticator;
        this.ledger = ledger;
        this.connections = connections;
        this.allowedOrigins = config.ws().allowedOrigins();
        this.maxConnections = config.ws().maxConnectionsPerSession();
    }

    /**
     * Any Origin when no list is set; else one on the list, or the service's own (the console it
     * serves at {@code /}): an Origin whose host and port are the request's authority. A page of
     * another site cannot send that Origin, so cross-site hijacking stays refused.
     */
    private boolean originAllowed(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (allowedOrigins.isEmpty() || allowedOrigins.get().contains(origin)) {
            return true;
        }
        return origin != null && request.authority() != null && sameOrigin(origin, request.authority());
    }

    /** An http(s) Origin naming the same host and port (default ports written out) as {@code authority}. */
    static boolean sameOrigin(String origin, HostAndPort authority) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        int defaultPort = "https".equals(uri.getScheme()) ? 443 : "http".equals(uri.getScheme()) ? 80 : -1;
        if (defaultPort < 0 || uri.getHost() == null) {
            return false;
        }
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        int requestPort = authority.port() < 0 ? defaultPort : authority.port();
        return unbracketed(uri.getHost()).equalsIgnoreCase(unbracketed(authority.host())) && originPort == requestPort;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!originAllowed(request)) {
            return CheckResult.rejectUpgrade(403);
        }
        Long budget;
        try {
            budget = budget(request.getParam("budget"));
        } catch (IllegalArgumentException e) {
            return CheckResult.rejectUpgrade(400);
        }
        // past the chat path's upgrade limit: refused before the token is checked or the store asked
        Optional<Admission.Permit> admitted = admission.tryAcquire(WorkPath.UPGRADE);
        if (admitted.isEmpty()) {
            return CheckResult.rejectUpgrade(503, Map.of(HttpHeaders.RETRY_AFTER.toString(),
                    List.of(Long.toString(admission.refusal(WorkPath.UPGRADE).retryAfterSeconds()))));
        }
        String token = request.getParam("token");
        // A browser cannot set headers on a WebSocket: ?token= first, else the Bearer header other clients send.
        Optional<String> presented = token != null ? Optional.of(token)
                : BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION));
        Uni<Session> session = presented.map(authenticator::fromToken)
                .orElseGet(() -> Uni.createFrom().failure(new InvalidTokenException("missing bearer token")));
        return admitted.get().around(session
                .chain(s -> budget == null ? Uni.createFrom().item(s)
                        : ledger.lowerLimit(s.id(), budget).replaceWith(s))
                .map(s -> connections.reserve(s.id(), maxConnections).map(reservation -> {
                    context.userData().put(SESSION, s);
                    context.userData().put(RESERVATION, reservation);
                    return CheckResult.permitUpgradeSync();
                }).orElseGet(() -> CheckResult.rejectUpgradeSync(429))))
                .onFailure(InvalidTokenException.class).recoverWithItem(CheckResult.rejectUpgradeSync(401))
                .onFailure().recoverWithItem(CheckResult.rejectUpgradeSync(503));
    }

    private static Long budget(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Money.toMinor(new BigDecimal(value.strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("budget must be a decimal amount", e);
        }
    }
}
