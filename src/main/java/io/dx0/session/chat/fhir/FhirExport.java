package io.dx0.session.chat.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.chat.conversation.DemoCase;
import io.dx0.session.session.Money;
import io.dx0.session.session.Session;

/** A session's record as FHIR R4: its ordered tests and what they were charged, coded from the case file. */
@ApplicationScoped
public class FhirExport {

    private final DemoCase demo;

    FhirExport(DemoCase demo) {
        this.demo = demo;
    }

    public Map<String, Object> of(Session session) {
        List<FhirBundles.OrderedTest> tests = session.orderedTests().stream().map(name -> demo.test(name)
                .map(t -> new FhirBundles.OrderedTest(t.name(), Optional.ofNullable(t.cptCode()),
                        Optional.of(Money.fromMinor(t.price()))))
                .orElseGet(() -> new FhirBundles.OrderedTest(name, Optional.empty(), Optional.empty()))).toList();
        return FhirBundles.session(session.username(), demo.summary(), tests);
    }
}
