package io.dx0.session.login;

/** How an admitted attempt ended, given back to its gate. */
public enum Settlement {
    /** Wrong password or unknown user: one failure is recorded, tagged. */
    FAILED,
    /** Right password: the failures with the given tag (all of them when the tag is null) are forgotten. */
    SUCCEEDED,
    /** Not checked after all (another gate refused it): nothing recorded. */
    WITHDRAWN
}
