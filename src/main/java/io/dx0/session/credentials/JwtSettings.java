package io.dx0.session.credentials;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Access and device tokens: {@code session.jwt.*}. */
@ConfigMapping(prefix = "session.jwt")
public interface JwtSettings {
    /** HS256 shared secret, at least 32 bytes. Dev and test generate one when it is absent. */
    Optional<String> secret();

    /** PKCS#8 PEM RSA private key: sign RS256 instead, and publish the public key at /.well-known/jwks.json. */
    Optional<String> privateKeyFile();

    @WithDefault("dx0-session-service")
    String issuer();

    @WithDefault("15m")
    Duration accessTokenTtl();
}
