package io.dx0.session.chat.socket;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * What one chat socket may make the service hold, enforced where the bytes are: in the connection's
 * Netty pipeline, just before Vert.x's own handler. Quarkus exposes no hook there, and Vert.x answers
 * every ping with a pong before any handler of ours hears of it.
 * <ul>
 * <li>Bytes written to the socket and not yet taken by the client (pongs, replies, refusals) are bounded
 * by the connection's write-buffer high-water mark: past it the client is not reading, and the connection
 * is closed at once, which frees every queued write.</li>
 * <li>Pings and pongs spend the socket's {@link FrameBudget}; past it the socket is closed with 1008,
 * before Vert.x writes one more pong.</li>
 * <li>Every frame a client sends is answered by at least one frame (a reply, a refusal, a pong). A client
 * {@value #UNANSWERED_PAUSE} frames ahead of its answers is not waiting for them: the socket stops being
 * read until the answers catch up, so its bytes wait in the kernel's buffers and TCP holds the client back,
 * at no cost here; {@value #UNANSWERED_CUT} ahead (what one read already held) and it is cut off.</li>
 * <li>A message longer than {@code session.ws.max-message-bytes}, in one frame or several, is answered as
 * the protocol says, with a 1009 close frame and a lingering close, as its frame arrives; so is a frame over
 * Vert.x's frame cap (64 KiB), which Netty's decoder refuses before it is read (Vert.x would give either
 * a reset or an error of its own). Any other frame the decoder refuses (a length not minimally encoded,
 * a reserved bit set, an unmasked frame) is answered the same way with the status it names, usually
 * 1002: a client's malformed frame is no error of the service.</li>
 * </ul>
 * After a close frame (its own or the endpoint's) the socket reads nothing but the client's close; a client
 * that sends {@value #FRAMES_AFTER_CLOSE} more frames instead is cut off at once (before, a client that kept
 * writing was read and decoded for the whole closing timeout, at 140 MB/s for 20 sockets), and one that does
 * not close is cut off after {@value #LINGER_SECONDS} s.
 */
final class SocketBounds extends ChannelDuplexHandler {

    static final int LINGER_SECONDS = 2;
    static final int FRAMES_AFTER_CLOSE = 16;
    static final int UNANSWERED_PAUSE = 32;
    static final int UNANSWERED_CUT = 1_024;
    static final String TOO_MANY_FRAMES = "too many frames";
    private static final String NAME = "dx0-socket-bounds";
    /** Vert.x's own handler in the pipeline: this one goes just before it. */
    private static final String VERTX_HANDLER = "handler";

    private final int maxMessageBytes;
    private final FrameBudget budget;
    private final Counter notReading;
    private boolean closing;
    private int framesAfterClose;
    /** Bytes of the message being read so far (its first frame and the continuations after it). */
    private long messageBytes;
    /** Frames read and not yet answered (each frame written counts as one answer). */
    private int unanswered;

    private SocketBounds(int maxMessageBytes, FrameBudget budget, Counter notReading) {
        this.maxMessageBytes = maxMessageBytes;
        this.budget = budget;
        this.notReading = notReading;
    }

    /** Bounds the connection of an upgrade about to be accepted. */
    static void install(HttpServerRequest request, int maxUnsentBytes, int maxMessageBytes, FrameBudget budget,
            Counter notReading) {
        if (request.connection() instanceof ConnectionBase connection) {
            var channel = connection.channel();
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxUnsentBytes / 2, maxUnsentBytes));
            var pipeline = channel.pipeline();

            if (pipeline.get(NAME) == null && pipeline.get(VERTX_HANDLER) != null) {
                pipeline.addBefore(VERTX_HANDLER, NAME, new SocketBounds(maxMessageBytes, budget, notReading));
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing && msg instanceof WebSocketFrame && !(msg instanceof CloseWebSocketFrame)) {
            ReferenceCountUtil.release(msg);
            if (++framesAfterClose > FRAMES_AFTER_CLOSE) {
                cut(ctx);
            }
            return;
        }
        if (msg instanceof WebSocketFrame && !(msg instanceof CloseWebSocketFrame) && ++unanswered > UNANSWERED_PAUSE) {
            if (unanswered > UNANSWERED_CUT) {
                ReferenceCountUtil.release(msg);
                cut(ctx);
                return;
            }
            ctx.channel().config().setAutoRead(false);
        }
        if (msg instanceof WebSocketFrame frame && tooBig(frame)) {
            ReferenceCountUtil.release(msg);
            closeWith(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG));
            return;
        }
        if ((msg instanceof PingWebSocketFrame || msg instanceof PongWebSocketFrame) && budget.overspent()) {
            ReferenceCountUtil.release(msg);
            closeWith(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, TOO_MANY_FRAMES));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Whether the data message {@code frame} starts or continues has grown past the limit. */
    private boolean tooBig(WebSocketFrame frame) {
        if (frame instanceof ContinuationWebSocketFrame) {
            messageBytes += frame.content().readableBytes();
        } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            messageBytes = frame.content().readableBytes();
        } else {
            return false;
        }
        return messageBytes > maxMessageBytes;
    }

    /** A close frame written by the endpoint (Vert.x's handler) starts the same closing as one of this handler's. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame && !closing) {
            closing = true;
            lingerThenCut(ctx);
        }
        if (msg instanceof WebSocketFrame && unanswered > 0 && --unanswered <= UNANSWERED_PAUSE / 2 && !closing) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && ctx.channel().isOpen()) {
            notReading.increment();
            ctx.close(); // from here, not through Vert.x's handler, which would close gracefully behind the queue
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException refused) {
            closeWith(ctx, new CloseWebSocketFrame(refused.closeStatus()));
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void closeWith(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        if (closing) {
            close.release();
            return;
        }
        closing = true;
        ctx.writeAndFlush(close);
        lingerThenCut(ctx);
    }

    /** Closes the connection now, counted once; frames already read after it are dropped. */
    private void cut(ChannelHandlerContext ctx) {
        if (ctx.channel().isOpen()) {
            budget.countCut();
            ctx.close();
        }
        closing = true;
    }

    private static void lingerThenCut(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER_SECONDS, TimeUnit.SECONDS);
    }
}
