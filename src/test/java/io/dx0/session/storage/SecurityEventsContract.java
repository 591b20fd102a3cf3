package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;

/** Kept security events: filters, pages, and two shelves read as one. Run on every backend by its store test. */
interface SecurityEventsContract extends StoreHarness {

    private void keep(String type, String user, String address, long at) {
        keep(type, user, address, at, EventShelf.ACCOUNTS, 1_000);
    }

    private void keep(String type, String user, String address, long at, EventShelf shelf, int maxKept) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (user != null) {
            fields.put("user", user);
        }
        if (address != null) {
            fields.put("client_ip", address);
        }
        await(store().keep(new KeptEvent(null, at, type, type.equals("login.locked"), fields), shelf, Duration.ofHours(1),
                maxKept));
    }

    private List<KeptEvent> recent(String user, String address, String type, long since, String before, int limit) {
        return await(store().recent(new EventQuery(user, address, type, since, before, limit))).events();
    }

    @Test
    default void keptEventsAreReadNewestFirstByFilterAndPage() {
        long at = System.currentTimeMillis();
        keep("login.failure", "ann", "192.0.2.1", at);
        keep("login.locked", "ann", "192.0.2.1", at + 1);
        keep("login.success", "ann", "198.51.100.2", at + 2);
        keep("logout", "bob", null, at + 3);
        keep("admin.events.read", null, null, at + 4);

        List<KeptEvent> all = recent(null, null, null, 0, null, 10);
        assertThat(all).extracting(KeptEvent::type).containsExactly("admin.events.read", "logout", "login.success",
                "login.locked", "login.failure");
        assertThat(all.get(3).warning()).isTrue();
        assertThat(all.get(3).fields()).containsEntry("user", "ann").containsEntry("client_ip", "192.0.2.1");
        assertThat(all.get(3).atMillis()).isEqualTo(at + 1);
        assertThat(recent("ann", null, null, 0, null, 10)).hasSize(3);
        assertThat(recent(null, "192.0.2.1", null, 0, null, 10)).extracting(KeptEvent::type)
                .containsExactly("login.locked", "login.failure");
        assertThat(recent(null, null, "login.", 0, null, 10)).hasSize(3);
        assertThat(recent(null, null, "logout", 0, null, 10)).extracting(KeptEvent::user).containsExactly("bob");
        assertThat(recent("ann", null, "login.success", 0, null, 10)).hasSize(1);
        assertThat(recent(null, null, null, Long.MAX_VALUE / 2, null, 10)).as("nothing since a later time").isEmpty();

        List<KeptEvent> first = recent(null, null, null, 0, null, 2);
        List<KeptEvent> second = recent(null, null, null, 0, first.get(1).id(), 2);
        List<KeptEvent> third = recent(null, null, null, 0, second.get(1).id(), 2);
        assertThat(first).extracting(KeptEvent::type).containsExactly("admin.events.read", "logout");
        assertThat(second).extracting(KeptEvent::type).containsExactly("login.success", "login.locked");
        assertThat(third).extracting(KeptEvent::type).containsExactly("login.failure");
        assertThat(recent("ann", null, null, 0, first.get(0).id(), 1)).as("a filtered page past non-matching events")
                .extracting(KeptEvent::type).containsExactly("login.success");
    }

    @Test
    default void aFloodOfNoiseNeverPushesOutTheEventsAboutAccounts() {
        long at = System.currentTimeMillis();
        keep("login.failure", "victim", "192.0.2.1", at, EventShelf.ACCOUNTS, 10);
        keep("login.success", "victim", "192.0.2.1", at + 1, EventShelf.ACCOUNTS, 10);
        for (int i = 0; i < 500; i++) {
            keep("refresh.invalid", null, "203.0.113." + (i % 250), at + 2, EventShelf.NOISE, 300);
        }
        await(store().purgeExpired());
        assertThat(recent("victim", null, null, 0, null, 10)).as("the noise shelf's bound never drops an account's events")
                .extracting(KeptEvent::type).containsExactly("login.success", "login.failure");
        assertThat(recent(null, null, "refresh.invalid", 0, null, 200)).as("a full page of the newest noise").hasSize(200);
        List<KeptEvent> noise = new ArrayList<>();
        String before = null;
        for (List<KeptEvent> page = List.of(); before == null || page.size() == 200;) {
            page = recent(null, null, "refresh.invalid", 0, before, 200);
            noise.addAll(page);
            before = page.isEmpty() ? "" : page.get(page.size() - 1).id();
        }
        assertThat(noise).as("bounded (Redis trims whole stream nodes of 100)").hasSizeBetween(300, 400);
    }

    @Test
    default void bothShelvesReadAsOneNewestFirstPageByPage() {
        long at = System.currentTimeMillis();
        List<String> kept = List.of("login.failure", "login.locked", "refresh.invalid", "login.success", "logout.gone",
                "logout", "login.busy");
        for (int i = 0; i < kept.size(); i++) {
            String type = kept.get(i);
            boolean noise = type.equals("login.locked") || type.equals("refresh.invalid") || type.equals("logout.gone")
                    || type.equals("login.busy");
            keep(type, noise ? null : "ann", "192.0.2.1", at + i, noise ? EventShelf.NOISE : EventShelf.ACCOUNTS, 1_000);
            elapse(Duration.ofMillis(2)); // Redis numbers its entries by its own clock
        }
        List<KeptEvent> read = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 10; page++) {
            List<KeptEvent> found = recent(null, null, null, 0, before, 2);
            read.addAll(found);
            if (found.size() < 2) {
                break;
            }
            before = found.get(1).id();
        }
        assertThat(read).extracting(KeptEvent::type).containsExactly("login.busy", "logout", "logout.gone",
                "login.success", "refresh.invalid", "login.locked", "login.failure");
        assertThat(recent(null, "192.0.2.1", "login.", 0, null, 10)).extracting(KeptEvent::type)
                .containsExactly("login.busy", "login.success", "login.locked", "login.failure");
    }
}
