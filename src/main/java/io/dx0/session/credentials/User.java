package io.dx0.session.credentials;

/** A user of the users file; {@code passwordHash} is a bcrypt hash. */
public record User(String username, String passwordHash, String group) {

    @Override
    public String toString() {
        return "User[" + username + ", group=" + group + "]";
    }
}
