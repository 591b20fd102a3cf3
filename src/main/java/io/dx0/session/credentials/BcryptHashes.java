package io.dx0.session.credentials;

import java.util.regex.Pattern;

/** What a bcrypt hash of the users file looks like ({@code $2a$}, {@code $2b$}, {@code $2y$}), and the cost assumed without one. */
public final class BcryptHashes {

    /** The cost of a users file with no hash to read one from. */
    public static final int DEFAULT_COST = 12;

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    private BcryptHashes() {
    }

    public static boolean isBcrypt(String hash) {
        return BCRYPT.matcher(hash).matches();
    }
}
