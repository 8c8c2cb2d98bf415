package dev.sessionmap.core;

/** Why a token a visitor presented led to no session. */
public enum RejectedToken {

    /** Not a token this store could have issued (wrong length or characters). */
    MALFORMED,

    /**
     * The secure cookie did not open: altered, cut short or sealed with an unknown key.
     */
    TAMPERED,

    /** The session it names has expired. */
    EXPIRED,

    /** A well-formed id the store does not know: deleted, purged or never issued. */
    UNKNOWN_ID,

    /** The session is bound to another client (user agent or address). */
    WRONG_BINDING,

    /** Its user's sessions were revoked after it logged in ("log out everywhere"). */
    REVOKED

}
