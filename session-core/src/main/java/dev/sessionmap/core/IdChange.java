package dev.sessionmap.core;

import org.jspecify.annotations.Nullable;

/**
 * Whether this request gives the session a new id, and which: the id is chosen when first
 * asked for, so that what the application was told (the servlet session's id after
 * {@code changeSessionId()}) is what the store gets. Also the id a session this request
 * creates will have.
 */
final class IdChange {

    private boolean rotating;

    private @Nullable String chosen;

    /**
     * Asks for a new id at the next write; a second call in the same request keeps the
     * one chosen.
     */
    void rotate() {
        if (!this.rotating) {
            this.chosen = null;
        }
        this.rotating = true;
    }

    boolean isRotating() {
        return this.rotating;
    }

    /**
     * The id the session has after this request: {@code stored}'s, unless it rotates or
     * is new.
     */
    String current(@Nullable StoredSession stored) {
        if (stored != null && !this.rotating) {
            return stored.id();
        }
        if (this.chosen == null) {
            this.chosen = SessionIds.generate();
        }
        return this.chosen;
    }

    /**
     * The id chosen in advance for the next write, or {@code null} when none was asked
     * for.
     */
    @Nullable String chosen() {
        return this.chosen;
    }

    /** Forgets the change once written, or when the session is invalidated. */
    void reset() {
        this.rotating = false;
        this.chosen = null;
    }

}
