package io.dx0.session.chat.fhir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * FHIR R4 resources as JSON trees (maps, written as they are, never renamed): a runtime without a FHIR
 * library, native-image friendly, proven conformant by the reference validator in the tests
 * ({@code FhirBundlesTest}). Each bundle is a {@code collection} of resources with {@code urn:uuid} full URLs.
 */
public final class FhirBundles {

    /** Where the American Medical Association's CPT codes live in FHIR. */
    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String CURRENCY = "USD";

    private FhirBundles() {
    }

    /** An ordered test: its name, its CPT code when the catalogue has one, its price when it was charged. */
    public record OrderedTest(String name, Optional<String> cptCode, Optional<BigDecimal> price) {
    }

    /** Dx0's transcript export: one {@code Communication} per {@code [speaker, text]}. */
    public static Map<String, Object> transcript(List<List<String>> turns, Optional<String> patientId) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (List<String> turn : turns) {
            Map<String, Object> communication = resource("Communication");
            communication.put("status", "completed");
            patientId.ifPresent(id -> communication.put("subject", reference("Patient/" + id)));
            communication.put("sender", Map.of("display", turn.get(0)));
            communication.put("payload", List.of(Map.of("contentString", turn.get(1))));
            resources.add(communication);
        }
        return bundle(resources);
    }

    /** Dx0's tests export: one completed {@code ServiceRequest} per test name. */
    public static Map<String, Object> tests(List<String> names, String patientId) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (String name : names) {
            resources.add(serviceRequest(new OrderedTest(name, Optional.empty(), Optional.empty()),
                    reference("Patient/" + patientId), Optional.empty()));
        }
        return bundle(resources);
    }

    /**
     * A session's record: each ordered test as a completed {@code ServiceRequest} requested by the session's
     * user, and each charged one as a billed {@code ChargeItem} pointing at it (supporting information). The subject is the case,
     * named by its summary (the demo case has no patient record). No dates: the store keeps when the session
     * was charged in total, not when each test was.
     */
    public static Map<String, Object> session(String username, String caseSummary, List<OrderedTest> tests) {
        Map<String, Object> subject = Map.of("display", caseSummary);
        Map<String, Object> requester = Map.of("display", username);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (OrderedTest test : tests) {
            Map<String, Object> request = serviceRequest(test, subject, Optional.of(requester));
            entries.add(request);
            test.price().ifPresent(price -> {
                Map<String, Object> charge = resource("ChargeItem");
                charge.put("status", "billed");
                charge.put("code", code(test));
                charge.put("subject", subject);
                charge.put("priceOverride", Map.of("value", price, "currency", CURRENCY));
                charge.put("supportingInformation", List.of(reference(String.valueOf(request.get("fullUrl")))));
                entries.add(charge);
            });
        }
        return bundle(entries);
    }

    private static Map<String, Object> serviceRequest(OrderedTest test, Map<String, Object> subject,
            Optional<Map<String, Object>> requester) {
        Map<String, Object> request = resource("ServiceRequest");
        request.put("status", "completed");
        request.put("intent", "order");
        request.put("code", code(test));
        request.put("subject", subject);
        requester.ifPresent(r -> request.put("requester", r));
        return request;
    }

    private static Map<String, Object> code(OrderedTest test) {
        Map<String, Object> concept = new LinkedHashMap<>();
        test.cptCode().ifPresent(cpt -> concept.put("coding",
                List.of(Map.of("system", CPT, "code", cpt, "display", test.name()))));
        concept.put("text", test.name());
        return concept;
    }

    /** A resource of {@code type}; its bundle entry's full URL is kept under {@code fullUrl} until it is wrapped. */
    private static Map<String, Object> resource(String type) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("fullUrl", "urn:uuid:" + UUID.randomUUID());
        resource.put("resourceType", type);
        return resource;
    }

    private static Map<String, Object> reference(String to) {
        return Map.of("reference", to);
    }

    private static Map<String, Object> bundle(List<Map<String, Object>> resources) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            Object fullUrl = resource.remove("fullUrl");
            entries.add(Map.of("fullUrl", fullUrl, "resource", resource));
        }
        if (!entries.isEmpty()) { // FHIR JSON has no empty arrays: none is written absent
            bundle.put("entry", entries);
        }
        return bundle;
    }
}
