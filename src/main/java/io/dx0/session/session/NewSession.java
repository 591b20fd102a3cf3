package io.dx0.session.session;

import java.util.Map;

/**
 * What the service knows when it creates a session; the store adds the times.
 *
 * @param budgetLimit null for unlimited; minor units otherwise
 * @param refreshHash SHA-256 of the first refresh token's secret
 */
public record NewSession(
        String id,
        String username,
        String group,
        Long budgetLimit,
        String refreshHash,
        Map<String, String> metadata) {

    public NewSession {
        metadata = Map.copyOf(metadata);
    }
}
