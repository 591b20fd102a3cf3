package io.dx0.session.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Quarkus initialises the application's classes while the native image is built, so whatever a static
 * initialiser creates is frozen into the image heap and shared by every start of the binary. GraalVM
 * refuses a random generator there (every binary would draw the same numbers), and a thread, an executor
 * or the build machine's time or environment would be just as wrong at run time. Such state belongs to a
 * bean or to the method that uses it; these rules keep the native build from failing between two runs of
 * {@code native/check} (README, "Native image").
 */
class NativeImageRulesTest {

    private static final JavaClasses SERVICE = ServiceClasses.MAIN;

    @Test
    void noStaticFieldHoldsARandomGeneratorAThreadOrAnExecutor() {
        noFields().that().areStatic()
                .should().haveRawType(assignableTo(Random.class))
                .orShould().haveRawType(assignableTo(SplittableRandom.class))
                .orShould().haveRawType(assignableTo(Thread.class))
                .orShould().haveRawType(assignableTo(Executor.class))
                .orShould().haveRawType(assignableTo(Timer.class))
                .because("a static field is initialised at native-image build time and frozen into the image heap")
                .check(SERVICE);
    }

    @Test
    void noStaticInitialiserReadsTheClockTheEnvironmentOrARandomSource() {
        classes().should(haveNoStaticInitialiserCallingAnyOf(
                call(System.class, "currentTimeMillis"), call(System.class, "nanoTime"),
                call(System.class, "getenv"), call(Instant.class, "now"), call(LocalDateTime.class, "now"),
                call(Clock.class, "systemUTC"), call(Clock.class, "systemDefaultZone"),
                call(ThreadLocalRandom.class, "current"), call(Math.class, "random")))
                .because("a static initialiser runs on the build machine when the native image is built")
                .check(SERVICE);
    }

    private static DescribedPredicate<JavaClass> assignableTo(Class<?> type) {
        return JavaClass.Predicates.assignableTo(type);
    }

    private record Forbidden(Class<?> owner, String method) {
        boolean matches(JavaCall<?> call) {
            return call.getTargetOwner().isEquivalentTo(owner) && call.getName().equals(method);
        }
    }

    private static Forbidden call(Class<?> owner, String method) {
        return new Forbidden(owner, method);
    }

    private static ArchCondition<JavaClass> haveNoStaticInitialiserCallingAnyOf(Forbidden... forbidden) {
        return new ArchCondition<>("have no static initialiser that reads the time, the environment or a random source") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                type.getStaticInitializer().ifPresent(initialiser -> {
                    for (JavaCall<?> call : initialiser.getCallsFromSelf()) {
                        for (Forbidden f : forbidden) {
                            if (f.matches(call)) {
                                events.add(SimpleConditionEvent.violated(type, call.getDescription()));
                            }
                        }
                    }
                });
            }
        };
    }
}
