package io.dx0.session.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private static final String HASH = "$2b$04$l1KBMV.mAIDlBapBQvbTdOHlGQiASrbvGaezb5DFk05zrc/psYu9u";

    private static Map<String, User> parse(String yaml) throws IOException {
        return UserDirectory.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "users.yml");
    }

    @Test
    void dx0ShortFormMeansGroupDefault() throws IOException {
        Map<String, User> users = parse("users:\n  ben: \"" + HASH + "\"\n  root:\n    password: \"" + HASH
                + "\"\n    group: admin\n  cy:\n    password: \"" + HASH + "\"\n");
        assertThat(users.get("ben")).isEqualTo(new User("ben", HASH, "default"));
        assertThat(users.get("root")).isEqualTo(new User("root", HASH, "admin"));
        assertThat(users.get("cy").group()).as("a mapping without a group, as before").isEqualTo("user");
    }

    @Test
    void aWrongEntryIsNamedWithItsFile() {
        assertThatThrownBy(() -> parse("users:\n  ben: 42\n")).hasMessage(
                "users.yml: user 'ben': expected a bcrypt hash or a mapping {password: <bcrypt>, group: ...}");
        assertThatThrownBy(() -> parse("users:\n  ben: [1, 2]\n")).hasMessage(
                "users.yml: user 'ben': expected a bcrypt hash or a mapping {password: <bcrypt>, group: ...}");
        assertThatThrownBy(() -> parse("users:\n  ok: \"" + HASH + "\"\n  ann:\n    group: admin\n")).hasMessage(
                "users.yml: user 'ann': the mapping needs a 'password' holding a bcrypt hash");
        assertThatThrownBy(() -> parse("users:\n  ann: plain-text\n")).hasMessageContaining("user 'ann'")
                .hasMessageContaining("not a bcrypt hash");
        assertThatThrownBy(() -> parse("people: {}\n")).hasMessage("users.yml: expected a top-level 'users:' map");
        assertThatThrownBy(() -> parse("users: [\n")).hasMessageStartingWith("users.yml: not a Dx0 users file");
    }

    @Test
    void mixedBcryptCostsAreWarnedAboutWithTheFix() throws IOException {
        String cost10 = "$2b$10$2.zChQWfLDrjDPtFLsn3Pu54AOnLXSRLhA8dblARd3efaTvF3GqBC";
        Map<String, User> mixed = parse("users:\n  a: \"" + HASH + "\"\n  b: \"" + cost10 + "\"\n  c: \"" + cost10
                + "\"\n");
        assertThat(UserDirectory.mixedCostWarning(mixed.values(), "users.yml")).hasValue("users.yml: bcrypt hashes of"
                + " different costs (2 at cost 10, 1 at cost 4): the time a wrong password takes tells these users"
                + " apart. Rehash every password at one cost (e.g. 12)");
        Map<String, User> same = parse("users:\n  a: \"" + cost10 + "\"\n  b: \"" + cost10 + "\"\n");
        assertThat(UserDirectory.mixedCostWarning(same.values(), "users.yml")).isEmpty();
    }

    @Test
    void theDummyHashTakesTheMostCommonCostNotTheHighest() throws IOException {
        String cost10 = "$2b$10$2.zChQWfLDrjDPtFLsn3Pu54AOnLXSRLhA8dblARd3efaTvF3GqBC";
        Map<String, User> users = parse("users:\n  a: \"" + HASH + "\"\n  b: \"" + HASH + "\"\n  c: \"" + cost10
                + "\"\n");
        assertThat(UserDirectory.costs(users.values())).containsExactly(Map.entry(10, 1L), Map.entry(4, 2L));
        assertThat(new UserDirectory(users).typicalCost()).isEqualTo(4);
    }

    @Test
    void productionNamesEveryUserWhosePasswordHashIsPublished() throws Exception {
        try (var in = UserDirectory.class.getClassLoader().getResourceAsStream(UserDirectory.BUNDLED)) {
            var users = UserDirectory.parse(in, "demo-users.yml");
            assertThat(UserDirectory.publishedHash(users.values(), "demo-users.yml")).hasValue("demo-users.yml: users"
                    + " 'admin', 'alice' have password hashes published in the dx0 session-service repository (dev"
                    + " overlay, demo or test users), so their passwords are public. Production refuses them: give"
                    + " every user a new password (htpasswd -nbBC 12 <name> <password>)");
        }
        String fresh = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "new".toCharArray());
        var own = UserDirectory.parse(new java.io.ByteArrayInputStream(("users:\n  ann: \"" + fresh + "\"\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "own.yml");
        assertThat(UserDirectory.publishedHash(own.values(), "own.yml")).isEmpty();
    }

    @Test
    void aPublishedHashIsRecognisedWhateverItsBcryptPrefix() throws Exception {
        String admin;
        try (var in = UserDirectory.class.getClassLoader().getResourceAsStream(UserDirectory.BUNDLED)) {
            admin = UserDirectory.parse(in, "demo-users.yml").get("admin").passwordHash();
        }
        for (String prefix : new String[] { "$2a$", "$2b$", "$2y$" }) {
            String variant = prefix + admin.substring(4);
            Map<String, User> users = parse("users:\n  admin: \"" + variant + "\"\n");
            assertThat(UserDirectory.publishedHash(users.values(), "users.yml")).as(variant).isPresent();
        }
    }

    @Test
    void productionNamesEveryUserWhoseHashIsBelowTheMinimumCost() throws IOException {
        String cost10 = "$2b$10$2.zChQWfLDrjDPtFLsn3Pu54AOnLXSRLhA8dblARd3efaTvF3GqBC";
        Map<String, User> users = parse("users:\n  ben: \"" + HASH + "\"\n  ann: \"" + HASH + "\"\n  cy: \""
                + cost10 + "\"\n");
        assertThat(UserDirectory.weakHashes(users.values(), 10, "users.yml")).hasValue("users.yml: bcrypt cost below 10"
                + " for 'ann' (cost 4), 'ben' (cost 4): such a hash is cheap to crack and its quick answer tells the"
                + " user apart. Rehash at cost 12 (htpasswd -nbBC 12 <name> <password>), or lower"
                + " session.users-min-bcrypt-cost knowingly");
        assertThat(UserDirectory.weakHashes(users.values(), 4, "users.yml")).as("a setting that says otherwise")
                .isEmpty();
        assertThat(UserDirectory.weakHashes(parse("users:\n  cy: \"" + cost10 + "\"\n").values(), 10, "users.yml"))
                .isEmpty();
    }
}
