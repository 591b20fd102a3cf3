package io.dx0.session.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * One server-side script: sent by SHA1 ({@code EVALSHA}); when a server does not know it yet (a
 * restarted Redis, a new cluster node) it is sent whole once with {@code EVAL}, which also caches it.
 */
final class LuaScript {

    private static final String LIBRARY = resource("lib.lua");

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * A script from {@code src/main/resources/redis/<name>.lua}, with the session hash's field names
     * ({@link SessionField#luaTable()}) and the shared library before it.
     */
    static LuaScript named(String name) {
        return new LuaScript(SessionField.luaTable() + LIBRARY + resource(name + ".lua"));
    }

    Uni<Response> run(Redis redis, List<String> keys, Object... args) {
        return redis.send(request(Command.EVALSHA, sha, keys, args))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(request(Command.EVAL, source, keys, args)));
    }

    private static Request request(Command command, String script, List<String> keys, Object[] args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return request;
    }

    private static boolean isNoScript(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.startsWith("NOSCRIPT");
    }

    private static String resource(String file) {
        try (InputStream in = LuaScript.class.getResourceAsStream("/redis/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource redis/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
