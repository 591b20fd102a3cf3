package io.dx0.session.chat.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.testsupport.FhirR4;

/** Every bundle the service writes is FHIR R4, as the reference validator judges it. */
class FhirBundlesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(Map<String, Object> bundle) throws Exception {
        return JSON.writeValueAsString(bundle);
    }

    @Test
    void aTranscriptIsABundleOfCommunicationsAndValidatesAsR4() throws Exception {
        Map<String, Object> bundle = FhirBundles.transcript(List.of(List.of("panel", "hi"), List.of("gatekeeper", "hello")),
                Optional.of("p1"));
        assertThat(FhirR4.errors(json(bundle))).isEmpty();
        assertThat(JSON.valueToTree(bundle).at("/entry/1/resource/payload/0/contentString").asText()).isEqualTo("hello");
        assertThat(FhirR4.errors(json(FhirBundles.transcript(List.of(List.of("panel", "hi")), Optional.empty())))).isEmpty();
    }

    @Test
    void testNamesAreABundleOfServiceRequestsAndValidateAsR4() throws Exception {
        assertThat(FhirR4.errors(json(FhirBundles.tests(List.of("cbc", "basic metabolic panel"), "p2")))).isEmpty();
    }

    @Test
    void aSessionsOrderedTestsAndChargesValidateAsR4WithOrWithoutCodes() throws Exception {
        Map<String, Object> bundle = FhirBundles.session("ann", "A 30 year old with cough",
                List.of(new FhirBundles.OrderedTest("complete blood count", Optional.of("85025"),
                        Optional.of(new BigDecimal("10.00"))),
                        new FhirBundles.OrderedTest("a test no longer in the catalogue", Optional.empty(), Optional.empty())));
        assertThat(FhirR4.errors(json(bundle))).isEmpty();
        var tree = JSON.valueToTree(bundle);
        assertThat(tree.at("/entry").size()).as("two requests, one charge").isEqualTo(3);
        assertThat(tree.at("/entry/1/resource/resourceType").asText()).isEqualTo("ChargeItem");
        assertThat(tree.at("/entry/1/resource/supportingInformation/0/reference").asText())
                .isEqualTo(tree.at("/entry/0/fullUrl").asText());
        assertThat(FhirR4.errors(json(FhirBundles.session("ann", "case", List.of())))).isEmpty();
    }

    @Test
    void theValidatorFindsWhatIsNotR4() throws Exception {
        assertThat(FhirR4.errors("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"ServiceRequest\",\"intent\":\"order\"}}]}")).as("status and subject missing")
                .isNotEmpty();
    }
}
