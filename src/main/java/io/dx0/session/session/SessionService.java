package io.dx0.session.session;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.audit.SecurityEvent;
import io.dx0.session.audit.SecurityLog;
import io.dx0.session.config.SessionConfig;
import io.dx0.session.credentials.AccessToken;
import io.dx0.session.credentials.AccessTokens;
import io.dx0.session.credentials.DeviceTokens;
import io.dx0.session.credentials.InvalidTokenException;
import io.dx0.session.credentials.RefreshTokens;
import io.dx0.session.credentials.User;
import io.dx0.session.credentials.UserDirectory;
import io.dx0.session.login.CheckRefusedException;
import io.dx0.session.login.GateKeys;
import io.dx0.session.login.InvalidCredentialsException;
import io.dx0.session.login.LoginAdmission;
import io.dx0.session.login.LoginBusyException;
import io.dx0.session.login.LoginGuard;
import io.dx0.session.login.LoginMetrics;
import io.dx0.session.login.LoginRefusedException;
import io.dx0.session.login.PasswordVerifier;
import io.dx0.session.storage.StoreFullException;
import io.dx0.session.storage.StoreUnavailableException;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;

/**
 * Login, refresh, logout: the life of a session as the API sees it. Every decision is written to the
 * security log ({@link SecurityLog}) with the user, session and client address it concerns.
 */
@ApplicationScoped
public class SessionService {

    private final Sessions sessions;
    private final LoginAdmission admission;
    private final UserDirectory users;
    private final PasswordVerifier passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginGuard guard;
    private final BudgetPolicy budgets;
    private final LoginMetrics metrics;
    private final DeviceTokens devices;
    private final SecurityLog audit;
    private final Duration reuseLeeway;
    private final int maxSessionsPerUser;

    SessionService(Sessions sessions, LoginAdmission admission, UserDirectory users, PasswordVerifier passwords,
            AccessTokens accessTokens,
            RefreshTokens refreshTokens, LoginGuard guard, BudgetPolicy budgets, LoginMetrics metrics,
            DeviceTokens devices, SecurityLog audit, SessionConfig config) {
        this.devices = devices;
        this.metrics = metrics;
        this.sessions = sessions;
        this.admission = admission;
        this.users = users;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.guard = guard;
        this.budgets = budgets;
        this.audit = audit;
        this.reuseLeeway = config.refreshReuseLeeway();
        this.maxSessionsPerUser = config.maxSessionsPerUser();
    }

    /**
     * One login, in order: its admission ({@link LoginAdmission}: whether it may wait for bcrypt at all, as
     * an owner of the account or as anyone else, decided once, before any store round trip for a login
     * without a device token), the gates (the lockouts and the places each address, account or device may
     * have checked at once on all replicas; {@link LoginGuard}), the password check in its turn (owners
     * first, the rest shared by address block; {@link PasswordVerifier}), then the session. Unknown user
     * and wrong password
     * cost one check (against a dummy hash when there is no real one) and fail the same way. Where the
     * work ahead of a login would keep it waiting too long it is refused at once, with that time as
     * {@code Retry-After}; every refusal is a {@link LoginRefusedException}, counted and logged here. A
     * success hands out a fresh device token for the account, and ends the user's oldest sessions past
     * {@code session.max-sessions-per-user}.
     */
    public Uni<TokenPair> login(String typedName, String password, String deviceToken, String clientIp) {
        String username = users.canonical(typedName);
        User user = users.find(username).orElse(null);
        String account = GateKeys.account(username);
        return admission.admit(account, deviceToken, clientIp)
                .chain(admitted -> guard.check(clientIp, username, admitted, checkBy -> passwords.verify(password,
                        user == null ? null : user.passwordHash(), admitted.turn(), checkBy)))
                // a step's clean-up that failed too (a place given back to a store that timed out) is not the
                // answer: the step's own failure is (issue 36: these reached the client as 500)
                .onFailure(CompositeException.class).transform(e -> ((CompositeException) e).getCauses().get(0))
                .onFailure(CheckRefusedException.class).transform(e -> new LoginBusyException(
                        LoginBusyException.Where.CHECKS, ((CheckRefusedException) e).workAhead()))
                .chain(checked -> checked.valid() ? open(user, devices.issue(account), clientIp, checked.settled())
                        : checked.settled()
                                .chain(() -> Uni.createFrom().<TokenPair> failure(new InvalidCredentialsException())))
                .onItemOrFailure().invoke((pair, failure) -> metrics.login(outcome(failure)))
                .onFailure(LoginRefusedException.class).invoke(failure -> ((LoginRefusedException) failure)
                        .audit(audit, user != null).user(username).client(clientIp).log());
    }

    /** A store outage is not a security decision: counted, not logged as one. */
    private static LoginMetrics.LoginOutcome outcome(Throwable failure) {
        if (failure == null) {
            return LoginMetrics.LoginOutcome.SUCCESS;
        }
        if (failure instanceof LoginRefusedException refusal) {
            return refusal.outcome();
        }
        if (failure instanceof StoreUnavailableException || failure instanceof StoreFullException) {
            return LoginMetrics.LoginOutcome.UNAVAILABLE;
        }
        return LoginMetrics.LoginOutcome.ERROR;
    }

    /** The session written while the login's gates are settled ({@code settled}): one round trip for both. */
    private Uni<TokenPair> open(User user, String deviceToken, String clientIp, Uni<Void> settled) {
        String sessionId = refreshTokens.newSessionId();
        RefreshTokens.Issued refresh = refreshTokens.issue(sessionId);
        NewSession draft = new NewSession(sessionId, user.username(), user.group(), budgets.limitFor(user.group()),
                refresh.secretHash(), Map.of());
        return Uni.combine().all().unis(sessions.create(draft), settled).with((session, done) -> session)
                .invoke(session -> audit.event(SecurityEvent.LOGIN_SUCCESS).user(session.username())
                        .session(session.id()).client(clientIp).log())
                .call(session -> evictOldest(session, clientIp))
                .map(session -> pair(session, refresh.token()).withDeviceToken(deviceToken));
    }

    /** Ends the user's oldest sessions past the per-user bound, never the one just opened (one store step). */
    private Uni<Void> evictOldest(Session opened, String clientIp) {
        return sessions.endOldest(opened.username(), maxSessionsPerUser, opened.id())
                .invoke(ended -> ended.forEach(id -> audit.event(SecurityEvent.SESSION_EVICTED)
                        .user(opened.username()).session(id).client(clientIp)
                        .limit(Integer.toString(maxSessionsPerUser)).log()))
                .replaceWithVoid();
    }

    /**
     * Rotates the refresh token. The token rotated out last, presented again within the reuse leeway,
     * gets a new pair too; any other rotated token presented again ends the whole session.
     */
    public Uni<TokenPair> refresh(String refreshToken, String clientIp) {
        RefreshTokens.Parsed presented = refreshTokens.parse(refreshToken).orElse(null);
        if (presented == null) {
            audit.event(SecurityEvent.REFRESH_INVALID).client(clientIp).reason("malformed").log();
            return Uni.createFrom().failure(new InvalidTokenException("malformed refresh token"));
        }
        RefreshTokens.Issued next = refreshTokens.issue(presented.sessionId());
        return sessions.rotateRefresh(presented.sessionId(), presented.secretHash(), next.secretHash(), reuseLeeway)
                .map(rotation -> switch (rotation.status()) {
                    case ROTATED, REPLAYED -> {
                        audit.event(rotation.status() == Rotation.Status.ROTATED ? SecurityEvent.REFRESH_ROTATED
                                : SecurityEvent.REFRESH_REPLAYED).user(rotation.session().username())
                                .session(presented.sessionId()).client(clientIp).log();
                        yield pair(rotation.session(), next.token());
                    }
                    case REUSED -> {
                        audit.event(SecurityEvent.REFRESH_REUSED).session(presented.sessionId()).client(clientIp)
                                .reason("rotated_token_after_leeway").log();
                        throw new InvalidTokenException("refresh token reused");
                    }
                    case INVALID -> {
                        audit.event(SecurityEvent.REFRESH_INVALID).session(presented.sessionId()).client(clientIp)
                                .reason("no_live_session").log();
                        throw new InvalidTokenException("unknown refresh token");
                    }
                });
    }

    /**
     * Ends the session a refresh token proves. A token of a session already gone is a success (a retried
     * logout must not fail); a malformed one, or one its live session never had, proves nothing: 401.
     */
    public Uni<Void> logoutWithRefreshToken(String refreshToken, String clientIp) {
        RefreshTokens.Parsed presented = refreshTokens.parse(refreshToken).orElse(null);
        if (presented == null) {
            return logoutRefused(null, "malformed_refresh_token", clientIp);
        }
        String sessionId = presented.sessionId();
        return sessions.rotateRefresh(sessionId, presented.secretHash(), refreshTokens.issue(sessionId).secretHash(),
                Duration.ZERO)
                .chain(rotation -> switch (rotation.status()) {
                    case ROTATED, REPLAYED -> end(rotation.session().username(), sessionId, clientIp);
                    case REUSED -> {
                        audit.event(SecurityEvent.REFRESH_REUSED).session(sessionId).client(clientIp)
                                .reason("rotated_token_at_logout").log();
                        yield Uni.createFrom().voidItem();
                    }
                    case INVALID -> sessions.find(sessionId).chain(live -> live == null
                            ? alreadyGone(sessionId, clientIp)
                            : logoutRefused(sessionId, "refresh_token_not_the_sessions", clientIp));
                });
    }

    /**
     * Ends the session an unexpired, correctly signed access token names (or confirms it is gone). No
     * token, or an expired, forged or malformed one, proves nothing: 401.
     */
    public Uni<Void> logoutWithAccessToken(Optional<String> token, String clientIp) {
        if (token.isEmpty()) {
            return logoutRefused(null, "no_token", clientIp);
        }
        AccessToken claims;
        try {
            claims = accessTokens.verify(token.get());
        } catch (InvalidTokenException e) {
            return logoutRefused(null, "bearer_" + e.getMessage().replace(' ', '_'), clientIp);
        }
        return sessions.find(claims.sessionId()).chain(live -> live == null || live.username().equals(claims.username())
                ? end(claims.username(), claims.sessionId(), clientIp)
                : logoutRefused(claims.sessionId(), "bearer_token_not_the_sessions", clientIp));
    }

    private Uni<Void> end(String username, String sessionId, String clientIp) {
        return sessions.delete(sessionId).invoke(ended -> audit.event(SecurityEvent.LOGOUT).user(username)
                .session(sessionId).client(clientIp).reason(ended ? "ended" : "already_gone").log()).replaceWithVoid();
    }

    /** A retried logout succeeds; the token names a session nobody can tell apart from a made-up one. */
    private Uni<Void> alreadyGone(String sessionId, String clientIp) {
        audit.event(SecurityEvent.LOGOUT_GONE).session(sessionId).client(clientIp).log();
        return Uni.createFrom().voidItem();
    }

    /** {@code reason}: a code for the log; the client gets the usual 401, which tells it nothing more. */
    private Uni<Void> logoutRefused(String sessionId, String reason, String clientIp) {
        audit.event(SecurityEvent.LOGOUT_REFUSED).session(sessionId).client(clientIp).reason(reason).log();
        return Uni.createFrom().failure(new InvalidTokenException(reason.replace('_', ' ')));
    }

    private TokenPair pair(Session session, String refreshToken) {
        return new TokenPair(accessTokens.issue(session.username(), session.id(), session.group()), refreshToken,
                accessTokens.ttlSeconds());
    }
}
