package io.dx0.session.storage.wiring;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/** Every store call that answers a {@code Uni} is timed ({@link StoreCallTimer}). */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface TimedStoreCalls {

    /**
     * The bindings of the store the producer hands out ({@code @BindingsSource}): the backends know
     * nothing of metrics, so the binding is declared here, once, for the {@code SessionStore} type.
     */
    @TimedStoreCalls
    abstract class OnEveryBackend {
        private OnEveryBackend() {
        }
    }
}
