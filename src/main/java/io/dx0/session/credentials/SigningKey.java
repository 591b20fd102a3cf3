package io.dx0.session.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

import org.jboss.logging.Logger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.runtime.LaunchMode;

/**
 * The key access tokens are signed with: an RSA private key ({@code session.jwt.private-key-file},
 * RS256, public half served as JWKS) or else the HS256 shared secret ({@code session.jwt.secret},
 * what Dx0's Python side verifies with). The algorithm is pinned: a token signed any other way fails.
 */
record SigningKey(JWSAlgorithm algorithm, String keyId, JWSSigner signer, JWSVerifier verifier, JWKSet publicKeys) {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);

    JWSHeader header() {
        return new JWSHeader.Builder(algorithm).keyID(keyId).build();
    }

    /** The claims signed with this key, in compact form. */
    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** Whether {@code jwt} is signed by this key with its one algorithm. */
    boolean signed(SignedJWT jwt) throws JOSEException {
        return algorithm.equals(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier);
    }

    static SigningKey from(JwtSettings config) {
        return config.privateKeyFile().map(SigningKey::rsa).orElseGet(() -> hmac(secret(config)));
    }

    private static SigningKey hmac(byte[] secret) {
        try {
            return new SigningKey(JWSAlgorithm.HS256, null, new MACSigner(secret), new MACVerifier(secret),
                    new JWKSet());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("session.jwt.secret: " + e.getMessage(), e);
        }
    }

    private static SigningKey rsa(String pemFile) {
        try {
            String pem = Files.readString(Path.of(pemFile), StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalArgumentException("session.jwt.private-key-file must be a PKCS#8 PEM RSA key"
                        + " (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
            return new SigningKey(JWSAlgorithm.RS256, jwk.getKeyID(), new RSASSASigner(jwk),
                    new RSASSAVerifier(jwk.toRSAPublicKey()), new JWKSet(jwk.toPublicJWK()));
        } catch (IOException e) {
            throw new UncheckedIOException("session.jwt.private-key-file: cannot read " + pemFile, e);
        } catch (GeneralSecurityException | JOSEException | ClassCastException e) {
            throw new IllegalArgumentException("session.jwt.private-key-file: not an RSA private key", e);
        }
    }

    private static byte[] secret(JwtSettings config) {
        boolean prod = !LaunchMode.current().isDevOrTest();
        if (config.secret().isEmpty()) {
            if (prod) {
                throw new IllegalStateException("session.jwt.secret is not set. Set SESSION_JWT_SECRET to a random value"
                        + " of at least " + SecretPolicy.MIN_BYTES + " bytes, " + SecretPolicy.HOW
                        + " (or SESSION_JWT_PRIVATE_KEY_FILE for RS256)");
            }
            LOG.warn("session.jwt.secret is not set: using a random secret for this run (dev/test only)");
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            return Base64.getEncoder().encode(random);
        }
        String value = config.secret().get();
        SecretPolicy.tooShort(value).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        if (prod) {
            SecretPolicy.refusal(value).ifPresent(reason -> {
                throw new IllegalStateException(reason);
            });
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The JWKS document: the public key when signing with RSA, no keys with a shared secret. */
    Map<String, Object> jwks() {
        return publicKeys.toJSONObject(true);
    }
}
