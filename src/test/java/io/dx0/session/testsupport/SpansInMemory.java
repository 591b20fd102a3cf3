package io.dx0.session.testsupport;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The span exporter of every test application: spans stay in memory for the test to read. Nothing is
 * exported anyway unless a test profile turns the SDK on ({@code quarkus.otel.sdk.disabled=false}).
 */
public class SpansInMemory {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
