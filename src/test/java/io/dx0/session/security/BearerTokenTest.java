package io.dx0.session.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void theAuthorizationHeaderGivesTheTokenOfBearerInAnyCase() {
        assertThat(BearerToken.from("Bearer abc.def")).contains("abc.def");
        assertThat(BearerToken.from("bearer   abc ")).contains("abc");
        assertThat(BearerToken.from("Basic abc")).isEmpty();
        assertThat(BearerToken.from("Bearer ")).isEmpty();
        assertThat(BearerToken.from(null)).isEmpty();
    }

    @Test
    void theSubprotocolHeaderGivesTheTokenOfferedBesideDx0Bearer() {
        assertThat(BearerToken.fromSubprotocols("dx0.bearer, eyJ.a.b")).contains("eyJ.a.b");
        assertThat(BearerToken.fromSubprotocols("eyJ.a.b,dx0.bearer")).contains("eyJ.a.b");
        assertThat(BearerToken.fromSubprotocols("dx0.bearer")).as("no token offered").isEmpty();
        assertThat(BearerToken.fromSubprotocols("chat, eyJ.a.b")).as("not our protocol").isEmpty();
        assertThat(BearerToken.fromSubprotocols("dx0.bearer, a, b")).as("ambiguous").isEmpty();
        assertThat(BearerToken.fromSubprotocols("dx0.bearer, ")).isEmpty();
        assertThat(BearerToken.fromSubprotocols(null)).isEmpty();
    }
}
