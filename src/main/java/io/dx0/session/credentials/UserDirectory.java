package io.dx0.session.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.dx0.session.config.SessionConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The users of a Dx0 {@code users.yml}: {@code users: {name: {password: <bcrypt>, group: admin}}}, or
 * Dx0's short form {@code users: {name: <bcrypt>}}.
 * Read once at start-up; a file that cannot be read or holds a non-bcrypt password stops the start.
 */
@Startup
@ApplicationScoped
public class UserDirectory {

    static final String BUNDLED = "demo-users.yml";
    static final String DEFAULT_GROUP = "user";
    /** Dx0's loader gives a user written as {@code name: "<hash>"} this group. */
    static final String SHORT_FORM_GROUP = "default";
    private static final Logger LOG = Logger.getLogger(UserDirectory.class);

    private final Map<String, User> users;

    @Inject
    UserDirectory(SessionConfig config) {
        this(config.usersFile().map(path -> fromFile(path, config.usersMinBcryptCost()))
                .orElseGet(UserDirectory::bundled));
    }

    UserDirectory(Map<String, User> users) {
        this.users = users;
    }

    /** The user a typed name means, matched by {@link #fold}: {@code Bob}, {@code bob } and {@code ｂｏｂ} are one. */
    public Optional<User> find(String typed) {
        return Optional.ofNullable(users.get(fold(typed)));
    }

    /**
     * The one form of a typed name that is counted, kept, searched and logged: the users file's spelling of
     * the account it means, or, for a name the file does not have, its folded form.
     */
    public String canonical(String typed) {
        return find(typed).map(User::username).orElseGet(() -> fold(typed));
    }

    /**
     * A typed name as names are compared: Unicode NFKC (full-width and compatibility forms become the
     * plain ones), surrounding white space removed, lower case. The users file may not hold two names
     * that fold to one.
     */
    public static String fold(String typed) {
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The bcrypt cost most users' hashes use (the higher one on a tie), so the dummy verification of
     * unknown users costs what a wrong password of most users costs.
     */
    public int typicalCost() {
        return costs(users.values()).entrySet().stream()
                .max(Map.Entry.<Integer, Long> comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(BcryptHashes.DEFAULT_COST);
    }

    /** Users per bcrypt cost, highest cost first. */
    static SortedMap<Integer, Long> costs(Collection<User> users) {
        return users.stream().collect(Collectors.groupingBy(UserDirectory::cost,
                () -> new TreeMap<Integer, Long>(Comparator.reverseOrder()), Collectors.counting()));
    }

    /**
     * When the hashes use several costs, the time of a wrong-password answer tells which users exist at
     * which cost (cost 4 answers in ~9 ms, cost 12 in ~200): the warning says so and how to fix it.
     */
    static Optional<String> mixedCostWarning(Collection<User> users, String source) {
        SortedMap<Integer, Long> costs = costs(users);
        if (costs.size() < 2) {
            return Optional.empty();
        }
        String counts = costs.entrySet().stream().map(e -> e.getValue() + " at cost " + e.getKey())
                .collect(Collectors.joining(", "));
        return Optional.of(source + ": bcrypt hashes of different costs (" + counts + "): the time a wrong password"
                + " takes tells these users apart. Rehash every password at one cost (e.g. 12)");
    }

    private static Map<String, User> fromFile(String path, int minCost) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            Map<String, User> users = parse(in, path);
            Optional<String> weak = weakHashes(users.values(), minCost, path);
            if (!LaunchMode.current().isDevOrTest()) {
                publishedHash(users.values(), path).ifPresent(reason -> {
                    throw new IllegalStateException(reason);
                });
                weak.ifPresent(reason -> {
                    throw new IllegalStateException(reason);
                });
            }
            weak.ifPresent(LOG::warn);
            LOG.infof("Loaded %d users from %s", users.size(), path);
            mixedCostWarning(users.values(), path).ifPresent(LOG::warn);
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("session.users-file: cannot read " + path, e);
        }
    }

    /** The users whose hash is below {@code minCost}, and what to do: production refuses to start with them. */
    static Optional<String> weakHashes(Collection<User> users, int minCost, String source) {
        List<String> named = users.stream().filter(u -> cost(u) < minCost)
                .map(u -> "'" + u.username() + "' (cost " + cost(u) + ")").sorted().toList();
        if (named.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(source + ": bcrypt cost below " + minCost + " for " + String.join(", ", named)
                + ": such a hash is cheap to crack and its quick answer tells the user apart. Rehash at cost 12"
                + " (htpasswd -nbBC 12 <name> <password>), or lower session.users-min-bcrypt-cost knowingly");
    }

    private static int cost(User user) {
        return Integer.parseInt(user.passwordHash().substring(4, 6));
    }

    /**
     * Production refuses a users file holding a password hash committed to this repository (the dev
     * overlay's, the demo's, the tests'): its password is public, or a guess away.
     */
    static Optional<String> publishedHash(Collection<User> users, String source) {
        List<String> named = users.stream().filter(u -> PublicCredentials.published(u.passwordHash()))
                .map(u -> "'" + u.username() + "'").sorted().toList();
        if (named.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(source + ": " + (named.size() == 1 ? "user " : "users ") + String.join(", ", named)
                + (named.size() == 1 ? " has a password hash" : " have password hashes")
                + " published in the dx0 session-service repository (dev overlay, demo or test users), so their"
                + " passwords are public. Production refuses them: give every user a new password"
                + " (htpasswd -nbBC 12 <name> <password>)");
    }

    private static Map<String, User> bundled() {
        if (!LaunchMode.current().isDevOrTest()) {
            throw new IllegalStateException("session.users-file is not set: production refuses the bundled demo users."
                    + " Set SESSION_USERS_FILE to the path of your Dx0 users.yml");
        }
        try (InputStream in = UserDirectory.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            LOG.warnf("session.users-file is not set: using the bundled demo users");
            return parse(in, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, User> parse(InputStream in, String source) throws IOException {
        UsersFile file;
        try {
            file = new ObjectMapper(new YAMLFactory()).readValue(in, UsersFile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a Dx0 users file (" + e.getOriginalMessage() + ")");
        }
        if (file == null || file.users == null) {
            throw new IllegalArgumentException(source + ": expected a top-level 'users:' map");
        }
        Map<String, User> users = new LinkedHashMap<>();
        file.users.forEach((name, entry) -> {
            User before = users.put(fold(name), user(name, entry, source));
            if (before != null) {
                throw new IllegalArgumentException(source + ": users '" + before.username() + "' and '" + name
                        + "' are one account (names are compared without case, surrounding spaces or width)");
            }
        });
        return Map.copyOf(users);
    }

    /** Dx0's two forms: {@code name: "<bcrypt>"} (group {@value #SHORT_FORM_GROUP}) or {@code name: {password, group}}. */
    private static User user(String name, JsonNode entry, String source) {
        String where = source + ": user '" + name + "'";
        if (entry != null && entry.isTextual()) {
            return new User(name, bcrypt(entry.asText(), where), SHORT_FORM_GROUP);
        }
        if (entry == null || !entry.isObject()) {
            throw new IllegalArgumentException(
                    where + ": expected a bcrypt hash or a mapping {password: <bcrypt>, group: ...}");
        }
        JsonNode password = entry.get("password");
        if (password == null || !password.isTextual()) {
            throw new IllegalArgumentException(where + ": the mapping needs a 'password' holding a bcrypt hash");
        }
        JsonNode group = entry.get("group");
        String groupName = group == null || !group.isTextual() || group.asText().isBlank() ? DEFAULT_GROUP : group.asText();
        return new User(name, bcrypt(password.asText(), where), groupName);
    }

    private static String bcrypt(String hash, String where) {
        if (!BcryptHashes.isBcrypt(hash)) {
            throw new IllegalArgumentException(
                    where + ": the password is not a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)");
        }
        return hash;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    private static final class UsersFile {
        @JsonProperty("users")
        Map<String, JsonNode> users;
    }
}
