package io.dx0.session.chat.socket;

import java.util.concurrent.atomic.AtomicInteger;

import io.dx0.session.session.Session;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * What the service keeps for one chat socket, under one key of its connection: the session it proved at
 * the upgrade and its place among that session's sockets, its frame budget, its messages in progress,
 * the busy frames still being written to it, and when it was last told to come back.
 */
final class ChatSocket {

    private static final UserData.TypedKey<ChatSocket> KEY = new UserData.TypedKey<>("dx0.chat-socket");

    private final Session session;
    private final long reservation;
    private final FrameBudget frames;
    private final ComeBackTime comeBack = new ComeBackTime();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger busyWriting = new AtomicInteger();

    private ChatSocket(Session session, long reservation, FrameBudget frames) {
        this.session = session;
        this.reservation = reservation;
        this.frames = frames;
    }

    /** Kept with an upgrade about to be accepted. */
    static void keep(UserData userData, Session session, long reservation, FrameBudget frames) {
        userData.put(KEY, new ChatSocket(session, reservation, frames));
    }

    static ChatSocket of(WebSocketConnection connection) {
        return connection.userData().get(KEY);
    }

    Session session() {
        return session;
    }

    long reservation() {
        return reservation;
    }

    FrameBudget frames() {
        return frames;
    }

    ComeBackTime comeBack() {
        return comeBack;
    }

    /** One more message in progress, unless {@code max} already are: false then, and nothing is taken. */
    boolean startMessage(int max) {
        return take(inProgress, max);
    }

    void endMessage() {
        inProgress.decrementAndGet();
    }

    /** One more busy frame being written, unless {@code max} already are: false then. */
    boolean startBusyFrame(int max) {
        return take(busyWriting, max);
    }

    void endBusyFrame() {
        busyWriting.decrementAndGet();
    }

    private static boolean take(AtomicInteger count, int max) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }
}
