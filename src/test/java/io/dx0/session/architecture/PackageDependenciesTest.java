package io.dx0.session.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.dx0.session.chat.web.SessionView;

/**
 * The tree shows the service's jobs (ADR 0027): one package per job ({@code login}, {@code session},
 * {@code chat}, {@code admin}) over shared plumbing, read from the compiled classes by ArchUnit. The jobs
 * depend on each other in one direction (login, then session, then chat, then admin), the plumbing knows
 * no job, the storage backends see the jobs' capabilities and values but never their services, and each
 * job's HTTP or WebSocket layer is used by nothing else.
 */
class PackageDependenciesTest {

    private static final JavaClasses SERVICE = ServiceClasses.MAIN;

    private static final String LOGIN = "io.dx0.session.login..";
    private static final String SESSION = "io.dx0.session.session..";
    private static final String CHAT = "io.dx0.session.chat..";
    private static final String ADMIN = "io.dx0.session.admin..";

    @Test
    void noPackageCycle() {
        slices().matching("io.dx0.session.(**)").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void theJobsDependOnEachOtherInOneDirection() {
        noClasses().that().resideInAPackage(LOGIN)
                .should().dependOnClassesThat().resideInAnyPackage(SESSION, CHAT, ADMIN).check(SERVICE);
        noClasses().that().resideInAPackage(SESSION)
                .should().dependOnClassesThat().resideInAnyPackage(CHAT, ADMIN).check(SERVICE);
        noClasses().that().resideInAPackage(CHAT)
                .should().dependOnClassesThat().resideInAnyPackage(ADMIN).check(SERVICE);
    }

    @Test
    void thePlumbingKnowsNoJob() {
        noClasses().that().resideInAnyPackage("io.dx0.session.config..", "io.dx0.session.concurrency..",
                "io.dx0.session.net..", "io.dx0.session.overload..", "io.dx0.session.credentials..",
                "io.dx0.session.audit..", "io.dx0.session.logging..", "io.dx0.session.metrics..",
                "io.dx0.session.storage")
                .should().dependOnClassesThat().resideInAnyPackage(LOGIN, SESSION, CHAT, ADMIN).check(SERVICE);
    }

    /** A backend implements a job's capability on the job's values; what the job does with them is not its concern. */
    @Test
    void storageSeesTheJobsCapabilitiesNeverTheirServices() {
        noClasses().that().resideInAPackage("io.dx0.session.storage..")
                .should().dependOnClassesThat(resideInAnyPackage(LOGIN, SESSION, CHAT, ADMIN, "io.dx0.session.audit..")
                        .and(annotatedWith(ApplicationScoped.class)))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.dx0.session.web..", "..web..",
                        "io.dx0.session.security..", "io.dx0.session.chat.socket..")
                .check(SERVICE);
    }

    /**
     * Each job's HTTP layer ({@code <job>.web}) and the chat's socket are entry points: nothing but the shared
     * web plumbing's own classes depends on them. The one crossing: the admin's session lists show a session as
     * the session endpoint does ({@code chat.web.SessionView}).
     */
    @Test
    void nothingUsesTheEntryPoints() {
        noClasses().that().resideOutsideOfPackages("io.dx0.session.(*).web..")
                .should().dependOnClassesThat().resideInAPackage("io.dx0.session.(*).web..").check(SERVICE);
        noClasses().that().resideOutsideOfPackage("io.dx0.session.chat.socket..")
                .should().dependOnClassesThat().resideInAPackage("io.dx0.session.chat.socket..").check(SERVICE);
        noClasses().that().resideInAnyPackage("io.dx0.session.session.web..", "io.dx0.session.chat.web..")
                .should().dependOnClassesThat(resideInAPackage("io.dx0.session.(*).web..")
                        .and(not(resideInAPackage("io.dx0.session.session.web.."))
                                .and(not(resideInAPackage("io.dx0.session.chat.web..")))))
                .check(SERVICE);
        noClasses().that().resideInAPackage("io.dx0.session.admin.web..")
                .should().dependOnClassesThat(resideInAnyPackage("io.dx0.session.session.web..", "io.dx0.session.chat.web..")
                        .and(not(equivalentTo(SessionView.class))).and(not(equivalentTo(SessionView.BudgetView.class))))
                .check(SERVICE);
    }

    /** Jobs see the store by capability ({@code Sessions}, {@code LoginGates}, ...); the whole store is for wiring and health. */
    @Test
    void onlyTheWiringAndTheHealthCheckSeeTheWholeStore() {
        noClasses().that().resideOutsideOfPackages("io.dx0.session.storage..", "io.dx0.session.health")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.dx0.session.storage.backend.SessionStore")
                .check(SERVICE);
    }

    /**
     * Login protection is one job (ADR 0025): it uses the plumbing below it, never another job, a backend or a
     * web layer; and what decides a login's wait and gates inside it ({@code GateQueue}, {@code CheckTurn}) is
     * used from nowhere else.
     */
    @Test
    void loginProtectionIsOneSliceAndItsInsidesStayInIt() {
        noClasses().that().resideInAPackage(LOGIN)
                .should().dependOnClassesThat(resideInAPackage("io.dx0.session..").and(not(resideInAnyPackage(
                        LOGIN, "io.dx0.session.audit", "io.dx0.session.concurrency", "io.dx0.session.config",
                        "io.dx0.session.credentials", "io.dx0.session.metrics", "io.dx0.session.net",
                        "io.dx0.session.overload", "io.dx0.session.storage"))))
                .check(SERVICE);
        noClasses().that().resideOutsideOfPackage(LOGIN)
                .should().dependOnClassesThat().haveFullyQualifiedName("io.dx0.session.login.GateQueue")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.dx0.session.login.CheckTurn")
                .check(SERVICE);
    }
}
