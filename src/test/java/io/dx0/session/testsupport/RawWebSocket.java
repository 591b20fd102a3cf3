package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A chat socket at the byte level, for a client no library plays: one whose receive buffer is 4 KiB and
 * that never reads after the upgrade, so whatever the service writes to it piles up on the server's side.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final byte[] MASK = { 1, 2, 3, 4 };
    private final Socket socket;

    private RawWebSocket(Socket socket) {
        this.socket = socket;
    }

    /** Upgrades {@code /api/v1/ws?token=...} on 127.0.0.1 and reads the 101 answer's status line only. */
    public static RawWebSocket open(int port, String accessToken) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write(("GET /api/v1/ws?token=" + accessToken + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nOrigin: http://localhost:3000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] status = socket.getInputStream().readNBytes(12);
        if (!new String(status, StandardCharsets.US_ASCII).endsWith("101")) {
            socket.close();
            throw new IOException("upgrade refused: " + new String(status, StandardCharsets.US_ASCII));
        }
        return new RawWebSocket(socket);
    }

    /** A masked client text frame (FIN, opcode 1) of under 126 bytes. */
    public static byte[] text(String text) {
        return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked text frame, or a continuation frame, of under 64 KiB: {@code fin} on the message's last. */
    public static byte[] fragment(boolean first, boolean fin, byte[] payload) {
        int opcode = (fin ? 0x80 : 0) | (first ? 0x1 : 0x0);
        if (payload.length < 126) {
            byte[] frame = frame(0x1, payload);
            frame[0] = (byte) opcode;
            return frame;
        }
        byte[] frame = new byte[4 + 4 + payload.length];
        frame[0] = (byte) opcode;
        frame[1] = (byte) (0x80 | 126);
        frame[2] = (byte) (payload.length >> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(MASK, 0, frame, 4, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[8 + i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    /**
     * The status code of the first close frame the service sends (the rest of the 101's headers and any other
     * frame skipped), or -1 when the connection ends without one.
     */
    public int closeCode() throws IOException {
        var in = socket.getInputStream();
        for (int matched = 0; matched < 4;) { // the end of the 101's headers
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        while (true) {
            int head = in.read();
            int len = in.read();
            if (head < 0 || len < 0) {
                return -1;
            }
            long length = len & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = java.nio.ByteBuffer.wrap(in.readNBytes(8)).getLong();
            }
            byte[] payload = in.readNBytes((int) length);
            if ((head & 0x0F) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
            }
        }
    }

    /** {@code count} masked pings of 125 bytes each, the most a control frame holds. */
    public static byte[] pings(int count) {
        byte[] one = frame(0x9, new byte[125]);
        byte[] all = new byte[one.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }

    private static byte[] frame(int opcode, byte[] payload) {
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    public OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
