package io.dx0.session.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency buckets on {@code http_server_requests_seconds}, so the dashboard and the alerts can read
 * percentiles across replicas ({@code histogram_quantile}); a few fixed ones (5 ms to 5 s), not
 * Micrometer's seventy.
 */
@Singleton
public class HttpLatencyBuckets {

    private static final double[] SECONDS = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };

    @Produces
    @Singleton
    MeterFilter httpLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] nanos = new double[SECONDS.length];
                for (int i = 0; i < SECONDS.length; i++) {
                    nanos[i] = Duration.ofMillis((long) (SECONDS[i] * 1000)).toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
