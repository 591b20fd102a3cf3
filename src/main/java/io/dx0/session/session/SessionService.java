package io.dx0.session.session;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.dx0.session.auth.AccessTokens;
import io.dx0.session.auth.DeviceTokens;
import io.dx0.session.auth.InvalidTokenException;
import io.dx0.session.auth.PasswordVerifier;
import io.dx0.session.auth.RefreshTokens;
import io.dx0.session.auth.TooLateToCheckException;
import io.dx0.session.auth.User;
import io.dx0.session.auth.UserDirectory;
import io.dx0.session.metrics.SessionMetrics;
import io.dx0.session.store.NewSession;
import io.dx0.session.store.Rotation;
import io.dx0.session.store.Session;
import io.dx0.session.store.SessionStore;
import io.dx0.session.store.StoreFullException;
import io.dx0.session.store.StoreUnavailableException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Login, refresh, logout: the life of a session as the API sees it. */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionStore store;
    private final UserDirectory users;
    private final PasswordVerifier passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginGuard guard;
    private final BudgetPolicy budgets;
    private final SessionMetrics metrics;
    private final DeviceTokens devices;

    SessionService(SessionStore store, UserDirectory users, PasswordVerifier passwords, AccessTokens accessTokens,
            RefreshTokens refreshTokens, LoginGuard guard, BudgetPolicy budgets, SessionMetrics metrics,
            DeviceTokens devices) {
        this.devices = devices;
        this.metrics = metrics;
        this.store = store;
        this.users = users;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.guard = guard;
        this.budgets = budgets;
    }

    /**
     * Unknown user and wrong password cost one bcrypt check (against a dummy hash when there is no real
     * one) and fail the same way; a login a gate refuses is answered before any check
     * ({@link LoginGuard}). A success hands out a fresh device token for the account.
     */
    public Uni<TokenPair> login(String username, String password, String deviceToken, String clientIp) {
        User user = users.find(username).orElse(null);
        String account = LoginGuard.accountKey(username);
        return device(deviceToken, account)
                .chain(deviceId -> guard.check(clientIp, username, deviceId,
                        checkBy -> passwords.verify(password, user == null ? null : user.passwordHash(), checkBy)
                                .onFailure(TooLateToCheckException.class).transform(e -> new LoginBusyException())))
                .chain(valid -> valid ? open(user, devices.issue(account))
                        : Uni.createFrom().<TokenPair> failure(new InvalidCredentialsException()))
                .onItemOrFailure().invoke((pair, failure) -> metrics.login(outcome(failure)));
    }

    /** The device id of a valid, unrevoked device token of this account; null otherwise (no error: it is optional). */
    private Uni<String> device(String token, String account) {
        return devices.read(token, account)
                .map(device -> store.devicesRevokedAt(account)
                        .map(revokedAt -> device.issuedAt().toEpochMilli() > revokedAt ? device.id() : null))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    private static SessionMetrics.LoginOutcome outcome(Throwable failure) {
        if (failure == null) {
            return SessionMetrics.LoginOutcome.SUCCESS;
        }
        if (failure instanceof InvalidCredentialsException) {
            return SessionMetrics.LoginOutcome.INVALID_CREDENTIALS;
        }
        if (failure instanceof LoginLockedException locked) {
            return locked.scope() == SessionMetrics.LoginScope.IP ? SessionMetrics.LoginOutcome.LOCKED
                    : SessionMetrics.LoginOutcome.THROTTLED;
        }
        if (failure instanceof LoginBusyException) {
            return SessionMetrics.LoginOutcome.BUSY;
        }
        if (failure instanceof StoreUnavailableException || failure instanceof StoreFullException) {
            return SessionMetrics.LoginOutcome.UNAVAILABLE;
        }
        return SessionMetrics.LoginOutcome.ERROR;
    }

    private Uni<TokenPair> open(User user, String deviceToken) {
        String sessionId = refreshTokens.newSessionId();
        RefreshTokens.Issued refresh = refreshTokens.issue(sessionId);
        NewSession draft = new NewSession(sessionId, user.username(), user.group(), budgets.limitFor(user.group()),
                refresh.secretHash(), Map.of());
        return store.create(draft).map(session -> pair(session, refresh.token()).withDeviceToken(deviceToken));
    }

    /** Rotates the refresh token; a rotated token presented again ends the whole session. */
    public Uni<TokenPair> refresh(String refreshToken) {
        RefreshTokens.Parsed presented = refreshTokens.parse(refreshToken)
                .orElseThrow(() -> new InvalidTokenException("malformed refresh token"));
        RefreshTokens.Issued next = refreshTokens.issue(presented.sessionId());
        return store.rotateRefresh(presented.sessionId(), presented.secretHash(), next.secretHash())
                .map(rotation -> switch (rotation.status()) {
                    case ROTATED -> pair(rotation.session(), next.token());
                    case REUSED -> {
                        LOG.warnf("Rotated refresh token reused: session %s revoked", presented.sessionId());
                        throw new InvalidTokenException("refresh token reused");
                    }
                    case INVALID -> throw new InvalidTokenException("unknown refresh token");
                });
    }

    /** Ends the session a valid refresh token belongs to; an invalid one changes nothing. */
    public Uni<Void> logoutWithRefreshToken(String refreshToken) {
        return refreshTokens.parse(refreshToken)
                .map(presented -> store.rotateRefresh(presented.sessionId(), presented.secretHash(),
                        refreshTokens.issue(presented.sessionId()).secretHash())
                        .chain(rotation -> rotation.status() == Rotation.Status.ROTATED
                                ? store.delete(presented.sessionId()).replaceWithVoid()
                                : Uni.createFrom().voidItem()))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    public Uni<Void> logout(Session session) {
        return store.delete(session.id()).replaceWithVoid();
    }

    /** The live session without counting as a use; null when it ended. */
    public Uni<Session> find(String sessionId) {
        return store.find(sessionId);
    }

    /** Sessions ended by logout, revocation or refresh-token reuse, on any replica. */
    public Multi<String> endedSessions() {
        return store.endedSessions();
    }

    private TokenPair pair(Session session, String refreshToken) {
        return new TokenPair(accessTokens.issue(session.username(), session.id(), session.group()), refreshToken,
                accessTokens.ttlSeconds());
    }
}
