package dev.sessionmap.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.sessionmap.core.PrincipalSessionStore;
import dev.sessionmap.core.SessionInvalidatedEvent;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.UserSession;
import dev.sessionmap.core.UserSessions;

/**
 * The {@code usersessions} endpoint: a user's sessions, for operators, and revoking them
 * ({@link UserSessions} over Actuator). Over HTTP:
 * <ul>
 * <li>{@code GET /actuator/usersessions?principal=alice} lists alice's live
 * sessions;</li>
 * <li>{@code DELETE /actuator/usersessions?principal=alice} ends all of them;</li>
 * <li>{@code DELETE /actuator/usersessions/{id}} ends one session, named by its id as
 * listed (the hash {@code HttpSession.getId()} shows, never the cookie).</li>
 * </ul>
 * On the secure-cookie store nothing can be listed or ended one by one; ending all of a
 * user's sessions advances the user's revocation epoch, where epochs are kept.
 */
@Endpoint(id = "usersessions")
public class UserSessionsEndpoint {

    private final UserSessions userSessions;

    private final @Nullable PrincipalSessionStore store;

    private final SessionListener listener;

    private final Clock clock;

    /**
     * @param store the store, when it finds sessions by user; {@code null} for one that
     * keeps no sessions
     * @param listener hears of the sessions ended by id
     */
    public UserSessionsEndpoint(UserSessions userSessions, @Nullable PrincipalSessionStore store,
            SessionListener listener, Clock clock) {
        this.userSessions = Objects.requireNonNull(userSessions, "userSessions");
        this.store = store;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The user's live sessions, the most recently used first. */
    @ReadOperation
    public PrincipalSessionsDescriptor principalSessions(String principal) {
        if (!this.userSessions.canList()) {
            return new PrincipalSessionsDescriptor(principal, null,
                    "The session store keeps no sessions on the server (secure cookie), so they cannot be listed");
        }
        List<SessionDescriptor> sessions = this.userSessions.list(principal)
            .stream()
            .map(SessionDescriptor::new)
            .toList();
        return new PrincipalSessionsDescriptor(principal, sessions, null);
    }

    /**
     * Ends every session of the user, on every instance: how many, or, on the secure
     * cookie, that the user's epoch advanced.
     */
    @DeleteOperation
    public RevokedDescriptor revokeAll(String principal) {
        if (!this.userSessions.canRevoke()) {
            throw new InvalidEndpointRequestException("Sessions cannot be revoked on this store",
                    "The session store keeps no sessions on the server (secure cookie) and no revocation epochs"
                            + " are configured");
        }
        OptionalInt revoked = this.userSessions.revokeAll(principal);
        return new RevokedDescriptor(principal, revoked.isPresent() ? revoked.getAsInt() : null, revoked.isEmpty());
    }

    /** Ends one session, named by its id as listed; whether there was one. */
    @DeleteOperation
    public DeletedDescriptor deleteSession(@Selector String id) {
        PrincipalSessionStore indexed = this.store;
        if (indexed == null) {
            throw new InvalidEndpointRequestException("Sessions cannot be ended one by one on this store",
                    "The session store keeps no sessions on the server (secure cookie): end all of a user's"
                            + " sessions with DELETE ?principal=");
        }
        boolean deleted = indexed.deleteByIdHash(id);
        if (deleted) {
            this.listener.onEvent(new SessionInvalidatedEvent(id, null, this.clock.instant()));
        }
        return new DeletedDescriptor(id, deleted);
    }

    /**
     * A user's sessions, or why they cannot be listed.
     *
     * @param principal the user
     * @param sessions the live sessions, or {@code null} where the store cannot list them
     * @param unavailable why they cannot be listed, or {@code null}
     */
    public record PrincipalSessionsDescriptor(String principal, @Nullable List<SessionDescriptor> sessions,
            @Nullable String unavailable) implements OperationResponseBody {
    }

    /**
     * One session.
     *
     * @param id the hash of its id, as {@code HttpSession.getId()} shows it
     * @param createdAt when it was first saved
     * @param lastAccessedAt when a request last refreshed it
     * @param expiresAt when it ends unless used again
     * @param userAgent the {@code User-Agent} it logged in with, or {@code null}
     */
    public record SessionDescriptor(String id, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
            @Nullable String userAgent) {

        SessionDescriptor(UserSession session) {
            this(session.id(), session.createdAt(), session.lastAccessedAt(), session.expiresAt(), session.userAgent());
        }

    }

    /**
     * What ending a user's sessions did.
     *
     * @param principal the user
     * @param revoked how many sessions ended, or {@code null} where the store cannot
     * count them
     * @param epochAdvanced whether they ended by advancing the user's revocation epoch
     * (the secure cookie)
     */
    public record RevokedDescriptor(String principal, @Nullable Integer revoked,
            boolean epochAdvanced) implements OperationResponseBody {
    }

    /**
     * What ending one session did.
     *
     * @param id the session's id as listed
     * @param deleted whether there was such a session
     */
    public record DeletedDescriptor(String id, boolean deleted) implements OperationResponseBody {
    }

}
