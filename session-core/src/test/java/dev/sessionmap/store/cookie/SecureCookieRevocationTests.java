package dev.sessionmap.store.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.MutableClock;
import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.core.RejectedToken;
import dev.sessionmap.core.SessionClient;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revoking cookie sessions by the user's epoch, in the lifecycle: the epoch sealed at
 * log-in, a later one refusing the cookie (reported as revoked), anonymous cookies never
 * checked, and the id a request's session will have before and after a rotation.
 */
class SecureCookieRevocationTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private final SecureCookieSessionStore store = new SecureCookieSessionStore(
            new SecureCookieCodec(SecureCookieKeys.of(TestSecrets.random(), List.of()), "sessionid"), this.codec, 120);

    private final Map<String, Long> epochs = new ConcurrentHashMap<>();

    private final List<String> asked = new ArrayList<>();

    private final List<RejectedToken> rejected = new ArrayList<>();

    private final PrincipalEpochs principalEpochs = new PrincipalEpochs() {

        @Override
        public long current(String principal) {
            SecureCookieRevocationTests.this.asked.add(principal);
            return SecureCookieRevocationTests.this.epochs.getOrDefault(principal, 0L);
        }

        @Override
        public long advance(String principal) {
            return SecureCookieRevocationTests.this.epochs.merge(principal, 1L, Long::sum);
        }

    };

    private final SessionHooks hooks = new SessionHooks(new SessionListener() {

        @Override
        public void onRejected(RejectedToken reason) {
            SecureCookieRevocationTests.this.rejected.add(reason);
        }

    }, this.principalEpochs);

    private SessionLifecycle request(@Nullable String token) {
        return new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                () -> (token != null) ? List.of(token) : List.of(), List::of, SessionClient.UNKNOWN, this.hooks);
    }

    private String finish(SessionLifecycle lifecycle) {
        CookieUpdate update = lifecycle.finish(false);
        assertThat(update.action()).isEqualTo(CookieUpdate.Action.SET);
        return update.value();
    }

    @Test
    void aCookieSealedBeforeTheUsersEpochAdvancedIsRefusedAndOneSealedAfterIsServed() {
        this.epochs.put("ann", 4L);
        SessionLifecycle logIn = request(null);
        logIn.map().setPrincipalName("ann");
        String before = finish(logIn);
        assertThat(request(before).records().get(SessionRecords.EPOCH)).isEqualTo(4);

        this.principalEpochs.advance("ann");

        SessionLifecycle refused = request(before);
        assertThat(refused.map().getPrincipalName()).isNull();
        assertThat(refused.isNew()).isTrue();
        assertThat(this.rejected).containsExactly(RejectedToken.REVOKED);
        SessionLifecycle again = request(null);
        again.map().setPrincipalName("ann");
        assertThat(request(finish(again)).map().getPrincipalName()).isEqualTo("ann");
    }

    @Test
    void anAnonymousCookieIsNeverChecked() {
        SessionLifecycle visit = request(null);
        visit.map().put("cart", List.of("tea"));
        String token = finish(visit);
        this.principalEpochs.advance("ann");

        assertThat(request(token).map()).containsEntry("cart", List.of("tea"));
        assertThat(this.asked).isEmpty();
    }

    @Test
    void aCookieFromBeforeRevocationWasSetUpCountsAsEpochZero() {
        SessionLifecycle logIn = request(null);
        logIn.map().setPrincipalName("ann");
        String token = finish(logIn);
        SessionLifecycle stripped = request(token);
        stripped.records().remove(SessionRecords.EPOCH);
        String withoutEpoch = finish(stripped);
        assertThat(request(withoutEpoch).map().getPrincipalName()).isEqualTo("ann");

        this.principalEpochs.advance("ann");

        assertThat(request(withoutEpoch).map().getPrincipalName()).isNull();
    }

    @Test
    void theIdIsTheStoredOneUntilARotationChoosesANewOneThatStays() {
        SessionLifecycle first = request(null);
        String chosen = first.id();
        assertThat(first.id()).as("a new session's id is chosen once").isEqualTo(chosen);
        first.map().put("a", 1);
        String token = finish(first);
        SessionLifecycle next = request(token);
        assertThat(next.id()).isEqualTo(chosen);
        next.rotateId();
        String rotated = next.id();
        assertThat(rotated).isNotEqualTo(chosen).isEqualTo(next.id());
        next.rotateId();
        assertThat(next.id()).as("a second rotateId keeps the id chosen").isEqualTo(rotated);
    }

}
