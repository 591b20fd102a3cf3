package io.dx0.session.ws;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A frame over Vert.x's frame cap (64 KiB) is refused by Netty's decoder before it is read, and Vert.x
 * closes the TCP connection as soon as it hears of it: the client, still writing, gets a reset instead
 * of a close code, and the log an ERROR. This handler sits between the decoder and Vert.x on each chat
 * socket and answers such a frame as the protocol says: a 1009 close frame, then a lingering close. The
 * decoder discards the rest of the frame, the client answers with its own close and ends the
 * connection; one that does not is cut off after {@value #LINGER_SECONDS} s. Nothing reaches Vert.x, so
 * nothing is logged: a client's oversized frame is its mistake. It uses Vert.x's connection internals
 * (the Netty pipeline), the one place the project does: Quarkus exposes no hook there.
 */
@ChannelHandler.Sharable
final class OversizedFrames extends ChannelInboundHandlerAdapter {

    static final int LINGER_SECONDS = 2;
    private static final String NAME = "dx0-oversized-frames";
    /** Vert.x's own handler in the pipeline: this one goes just before it. */
    private static final String VERTX_HANDLER = "handler";

    /** Puts the handler on the connection of an upgrade about to be accepted. */
    void install(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase connection) {
            var pipeline = connection.channelHandlerContext().pipeline();
            if (pipeline.get(NAME) == null && pipeline.get(VERTX_HANDLER) != null) {
                pipeline.addBefore(VERTX_HANDLER, NAME, this);
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException refused
                && refused.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG));
            ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_SECONDS, TimeUnit.SECONDS);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
