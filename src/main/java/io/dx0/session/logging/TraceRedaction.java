package io.dx0.session.logging;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * What the HTTP instrumentation puts on a span as it starts, made safe to export: the value of every query
 * parameter that can carry a credential ({@code ?token=} of a Dx0 socket upgrade, any {@code *token*},
 * {@code secret}, {@code password}) becomes {@code REDACTED}, and the user agent keeps its first product
 * only ({@code Mozilla/5.0}), never the full string that tells one browser from another.
 */
@ApplicationScoped
public class TraceRedaction implements SpanProcessor {

    static final String REDACTED = "REDACTED";
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)([?&]?[^&=?]*(?:token|secret|password)[^&=]*=)[^&]*");
    private static final List<AttributeKey<String>> URLS = List.of(AttributeKey.stringKey("url.query"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("http.target"), AttributeKey.stringKey("http.url"));
    private static final List<AttributeKey<String>> USER_AGENTS = List.of(AttributeKey.stringKey("user_agent.original"),
            AttributeKey.stringKey("http.user_agent"));

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        for (AttributeKey<String> key : URLS) {
            String value = span.getAttribute(key);
            if (value != null) {
                span.setAttribute(key, redact(value));
            }
        }
        for (AttributeKey<String> key : USER_AGENTS) {
            String value = span.getAttribute(key);
            if (value != null) {
                span.setAttribute(key, firstProduct(value));
            }
        }
    }

    static String redact(String url) {
        return CREDENTIAL.matcher(url).replaceAll("$1" + REDACTED);
    }

    static String firstProduct(String userAgent) {
        int space = userAgent.indexOf(' ');
        return space < 0 ? userAgent : userAgent.substring(0, space);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
