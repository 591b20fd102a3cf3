package io.dx0.session.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The packages of the service depend on each other in one direction (ADR 0013), read from the
 * compiled classes by ArchUnit: no cycle, the domain records use nothing of ours, the storage SPI
 * and its backends know nothing above them, and nothing uses the HTTP and WebSocket layers.
 */
class PackageDependenciesTest {

    private static final JavaClasses SERVICE = ServiceClasses.MAIN;

    @Test
    void noPackageCycle() {
        slices().matching("io.dx0.session.(**)").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void theDomainRecordsUseNothingOfOurs() {
        noClasses().that().resideInAPackage("io.dx0.session.domain")
                .should().dependOnClassesThat(resideInAPackage("io.dx0.session..")
                        .and(not(resideInAPackage("io.dx0.session.domain"))))
                .check(SERVICE);
    }

    @Test
    void storageKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("io.dx0.session.store..")
                .should().dependOnClassesThat(resideInAPackage("io.dx0.session..").and(not(resideInAnyPackage(
                        "io.dx0.session.store..", "io.dx0.session.domain", "io.dx0.session.config",
                        "io.dx0.session.concurrency"))))
                .check(SERVICE);
    }

    @Test
    void nothingUsesTheWebLayersAndTheyDoNotUseEachOther() {
        noClasses().that().resideOutsideOfPackages("io.dx0.session.rest", "io.dx0.session.ws")
                .should().dependOnClassesThat().resideInAnyPackage("io.dx0.session.rest", "io.dx0.session.ws")
                .check(SERVICE);
        noClasses().that().resideInAPackage("io.dx0.session.rest")
                .should().dependOnClassesThat().resideInAPackage("io.dx0.session.ws").check(SERVICE);
        noClasses().that().resideInAPackage("io.dx0.session.ws")
                .should().dependOnClassesThat().resideInAPackage("io.dx0.session.rest").check(SERVICE);
    }

    /**
     * Services see the store by capability ({@code Sessions}, {@code LoginGates}, {@code DatedMarks},
     * {@code Budgets}, {@code SessionUses}); the whole store is for the backend package, the health check and
     * the backends themselves.
     */
    @Test
    void onlyTheWiringAndTheHealthCheckSeeTheWholeStore() {
        noClasses().that().resideOutsideOfPackages("io.dx0.session.store..", "io.dx0.session.backend",
                "io.dx0.session.health")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.dx0.session.store.SessionStore")
                .check(SERVICE);
    }

    /**
     * Login protection is one slice (ADR 0025): it uses the plumbing below it and the store's capabilities,
     * never a backend, a web layer or the services above it; and what decides a login's wait and gates
     * inside it ({@code GateQueue}, {@code CheckTurn}) is used from nowhere else.
     */
    @Test
    void loginProtectionIsOneSliceAndItsInsidesStayInIt() {
        noClasses().that().resideInAPackage("io.dx0.session.login")
                .should().dependOnClassesThat(resideInAPackage("io.dx0.session..").and(not(resideInAnyPackage(
                        "io.dx0.session.login", "io.dx0.session.audit", "io.dx0.session.concurrency",
                        "io.dx0.session.config", "io.dx0.session.credentials", "io.dx0.session.domain",
                        "io.dx0.session.metrics", "io.dx0.session.net", "io.dx0.session.overload",
                        "io.dx0.session.store"))))
                .check(SERVICE);
        noClasses().that().resideOutsideOfPackage("io.dx0.session.login")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.dx0.session.login.GateQueue")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.dx0.session.login.CheckTurn")
                .check(SERVICE);
    }
}
