package io.dx0.session.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.dx0.session.login.LoginBusyException;
import io.dx0.session.storage.StoreUnavailableException;
import io.smallrye.mutiny.CompositeException;

/**
 * Issue 36: 711 of 2,000 flood logins were answered 500 with an ERROR line each, a CompositeException of the
 * refusal and of its clean-up's store timeout reaching the mapper unmapped.
 */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void aRefusalThatCameWithAFailedCleanUpIsAnsweredAsTheRefusal() {
        Response answer = mapper.composite(new CompositeException(
                new LoginBusyException(LoginBusyException.Where.CHECKS, Duration.ofSeconds(3)),
                new StoreUnavailableException("redis", new TimeoutException())));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(((Problem) answer.getEntity()).detail()).doesNotContain("Internal");
    }

    @Test
    void anOutageWithCompanyIsAnOutage() {
        Response answer = mapper.composite(new CompositeException(new StoreUnavailableException("redis", null),
                new IllegalStateException("clean-up")));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void onlyWhatIsUnknownIsA500() {
        assertThat(mapper.composite(new CompositeException(new IllegalStateException("a"), new IllegalStateException("b")))
                .getStatus()).isEqualTo(500);
    }
}
