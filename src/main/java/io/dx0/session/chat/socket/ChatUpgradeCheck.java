package io.dx0.session.chat.socket;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.dx0.session.chat.BudgetLedger;
import io.dx0.session.chat.RateLimitSettings;
import io.dx0.session.credentials.InvalidTokenException;
import io.dx0.session.metrics.Counters;
import io.dx0.session.overload.Admission;
import io.dx0.session.overload.OverloadedException;
import io.dx0.session.overload.WorkPath;
import io.dx0.session.security.Authenticator;
import io.dx0.session.security.BearerToken;
import io.dx0.session.session.Money;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Decides the HTTP upgrade of {@code /api/v1/ws} itself, before any socket exists: foreign Origin
 * 403 ({@link OriginPolicy}); no token, a bad one or a session that is not live 401; too many sockets for the session 429;
 * an invalid {@code ?budget=} 400. A valid {@code ?budget=} lowers the session's limit (never raises it).
 */
@ApplicationScoped
public class ChatUpgradeCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(ChatUpgradeCheck.class);

    private final Authenticator authenticator;
    private final BudgetLedger ledger;
    private final ChatConnections connections;
    private final OriginPolicy origins;
    private final int maxConnections;
    private final int maxUnsentBytes;
    private final int maxMessageBytes;
    private final int maxInvalidFrames;
    private final Duration rateWindow;
    private final Clock clock;
    private final Admission admission;
    private final Counter notReading;
    private final Counter tooManyFrames;

    ChatUpgradeCheck(Authenticator authenticator, BudgetLedger ledger, ChatConnections connections,
            SocketSettings settings, RateLimitSettings rateLimit, Admission admission, Clock clock, MeterRegistry registry) {
        this.admission = admission;
        this.clock = clock;
        this.maxUnsentBytes = settings.maxUnsentBytes();
        this.maxMessageBytes = settings.maxMessageBytes();
        this.maxInvalidFrames = settings.maxInvalidFrames();
        this.rateWindow = rateLimit.window();
        this.notReading = cut(registry, "not_reading");
        this.tooManyFrames = cut(registry, "too_many_frames");
        this.authenticator = authenticator;
        this.ledger = ledger;
        this.connections = connections;
        this.origins = new OriginPolicy(settings.ownOrigin(), settings.allowedOrigins(),
                settings.sameOriginByHost());
        if (origins.refusesEveryBrowser()) {
            LOG.warn("No browser page can open /api/v1/ws: set session.ws.own-origin to the service's own origin "
                    + "(e.g. https://dx0.example) where its console is served, or session.ws.allowed-origins");
        }
        this.maxConnections = settings.maxConnectionsPerSession();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!origins.allows(request.getHeader(HttpHeaders.ORIGIN), request.authority())) {
            return CheckResult.rejectUpgrade(403);
        }
        Long budget;
        try {
            budget = budget(request.getParam("budget"));
        } catch (IllegalArgumentException e) {
            return CheckResult.rejectUpgrade(400);
        }
        // at a full upgrade path it waits its turn briefly; refused, before the token is checked or the
        // store asked, only when waiting would not help
        Optional<String> presented = presentedToken(request);
        return admission.admit(WorkPath.UPGRADE, () -> presented.map(authenticator::fromToken)
                .orElseGet(() -> Uni.createFrom().failure(new InvalidTokenException("missing bearer token")))
                .chain(s -> budget == null ? Uni.createFrom().item(s)
                        : ledger.lowerLimit(s.id(), budget).replaceWith(s))
                .map(s -> connections.reserve(s.id(), maxConnections).map(reservation -> {
                    FrameBudget frames = new FrameBudget(maxInvalidFrames, rateWindow, clock, tooManyFrames);
                    ChatSocket.keep(context.userData(), s, reservation, frames);
                    SocketBounds.install(request, maxUnsentBytes, maxMessageBytes, frames, notReading);
                    return CheckResult.permitUpgradeSync();
                }).orElseGet(() -> CheckResult.rejectUpgradeSync(429))))
                .onFailure(OverloadedException.class).recoverWithItem(e -> CheckResult.rejectUpgradeSync(503,
                        Map.of(HttpHeaders.RETRY_AFTER.toString(),
                                List.of(Long.toString(((OverloadedException) e).retryAfterSeconds())))))
                .onFailure(InvalidTokenException.class).recoverWithItem(CheckResult.rejectUpgradeSync(401))
                .onFailure().recoverWithItem(CheckResult.rejectUpgradeSync(503));
    }

    private static Counter cut(MeterRegistry registry, String reason) {
        return Counters.one(registry, "dx0.chat.sockets.cut",
                "Chat sockets the service closed for what their client made it hold", "reason", reason);
    }

    /**
     * Dx0's clients put the token in {@code ?token=} (kept for them, though URLs end up in access logs);
     * the console offers it as a subprotocol; other clients send the Bearer header.
     */
    private static Optional<String> presentedToken(HttpServerRequest request) {
        String token = request.getParam("token");
        if (token != null) {
            return Optional.of(token);
        }
        Optional<String> offered = BearerToken.fromSubprotocols(request.getHeader("Sec-WebSocket-Protocol"));
        return offered.isPresent() ? offered : BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION));
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
