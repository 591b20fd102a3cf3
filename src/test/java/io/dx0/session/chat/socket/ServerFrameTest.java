package io.dx0.session.chat.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** The busy frame written by hand is the frame Jackson writes for it, for both of the endpoint's sentences. */
class ServerFrameTest {

    /** As the service configures Jackson (quarkus.jackson.property-naming-strategy=SNAKE_CASE). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void theBusyTextIsTheSerialisedBusyFrame() throws Exception {
        for (String why : new String[] { ChatEndpoint.ONE_AT_A_TIME, ChatEndpoint.BUSY }) {
            for (long retry : new long[] { 0, 50, 5_000 }) {
                assertThat(JSON.readTree(ServerFrame.busyText(why, retry)))
                        .isEqualTo(JSON.readTree(JSON.writeValueAsString(ServerFrame.Error.busy(why, retry))));
            }
        }
    }
}
