package io.dx0.session.chat.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.testsupport.FhirR4;
import io.dx0.session.testsupport.TripwireRedis;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The FHIR exports over HTTP (issue 38): Dx0's two with its shapes, as Dx0's own tests call them, and the
 * session's record Dx0 cannot give because it keeps nothing. Every bundle is validated as R4.
 */
@QuarkusTest
@WithTestResource(TripwireRedis.class)
class FhirEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private static String token(String user, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
    }

    private static JsonNode valid(String body) throws Exception {
        assertThat(FhirR4.errors(body)).as(body).isEmpty();
        return JSON.readTree(body);
    }

    @Test
    void dx0sTranscriptAndTestsExportsAnswerWhatItsTestsReadAndValidateAsR4() throws Exception {
        String admin = token("root", "secret-admin");
        String transcript = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("transcript", List.of(List.of("panel", "hi"), List.of("gatekeeper", "hello")), "patient_id", "p1"))
                .post("/api/v1/fhir/transcript").then().statusCode(200).contentType("application/fhir+json").extract()
                .asString();
        JsonNode bundle = valid(transcript);
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.at("/entry/0/resource/sender/display").asText()).isEqualTo("panel");
        assertThat(bundle.at("/entry/0/resource/subject/reference").asText()).isEqualTo("Patient/p1");

        String tests = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("tests", List.of("cbc"), "patient_id", "p2")).post("/api/v1/fhir/tests").then().statusCode(200)
                .extract().asString();
        JsonNode requests = valid(tests);
        assertThat(requests.at("/entry/0/resource/code/text").asText()).isEqualTo("cbc");
        assertThat(requests.at("/entry/0/resource/intent").asText()).isEqualTo("order");
    }

    @Test
    void dx0sExportsAreForAdminsAndRefuseWhatIsNotTheirShape() {
        Map<String, Object> ok = Map.of("tests", List.of("cbc"), "patient_id", "p2");
        given().contentType(ContentType.JSON).body(ok).post("/api/v1/fhir/tests").then().statusCode(401);
        given().auth().oauth2(token("ann", "pw-2a")).contentType(ContentType.JSON).body(ok).post("/api/v1/fhir/tests")
                .then().statusCode(403);
        String admin = token("root", "secret-admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("tests", List.of("cbc")))
                .post("/api/v1/fhir/tests").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("patient_id"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("transcript", List.of(List.of("panel", "hi", "a third")))).post("/api/v1/fhir/transcript").then()
                .statusCode(422);
    }

    @Test
    void aSessionsOrderedTestsAndChargesAreItsOwnFhirRecordAndAnAdminsToo() throws Exception {
        String ann = token("ann", "pw-2a");
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + ann,
                Map.of("Origin", "http://localhost:3000"))) {
            assertThat(ws.exchange("test", "complete blood count")).last()
                    .satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
        }
        JsonNode own = valid(
                given().auth().oauth2(ann).get("/api/v1/session/fhir").then().statusCode(200).extract().asString());
        assertThat(own.at("/entry/0/resource/resourceType").asText()).isEqualTo("ServiceRequest");
        assertThat(own.at("/entry/0/resource/code/coding/0/code").asText()).as("the case file's CPT code").isEqualTo("85025");
        assertThat(own.at("/entry/0/resource/requester/display").asText()).isEqualTo("ann");
        assertThat(own.at("/entry/1/resource/resourceType").asText()).isEqualTo("ChargeItem");
        assertThat(own.at("/entry/1/resource/priceOverride/value").decimalValue()).isEqualByComparingTo("10");

        String id = given().auth().oauth2(ann).get("/api/v1/session").then().statusCode(200).extract().path("id");
        String admin = token("root", "secret-admin");
        JsonNode seen = valid(given().auth().oauth2(admin).get("/api/v1/admin/sessions/{id}/fhir", id).then().statusCode(200)
                .extract().asString());
        assertThat(seen.at("/entry/0/resource/code/text").asText()).isEqualTo("complete blood count");
        given().auth().oauth2(admin).get("/api/v1/admin/sessions/{id}/fhir", "no-such-session").then().statusCode(404);
        given().auth().oauth2(ann).get("/api/v1/admin/sessions/{id}/fhir", id).then().statusCode(403);
        given().get("/api/v1/session/fhir").then().statusCode(401);
    }
}
