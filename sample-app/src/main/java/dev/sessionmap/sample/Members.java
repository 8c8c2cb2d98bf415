package dev.sessionmap.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.sessionmap.core.SessionMap;

/**
 * The site's members, and which of them a visitor is logged in as. The list is fixed and in memory,
 * with demo passwords in the code, enough to show logging in with a session; a real site keeps
 * members in its database with password hashes from Spring Security's {@code PasswordEncoder} (BCrypt
 * through {@code PasswordEncoderFactories.createDelegatingPasswordEncoder()}).
 */
@Component
class Members {

    /** The session key holding the id of the member this visitor is logged in as. */
    static final String MEMBER_ID = "member_id";

    private final List<Account> accounts = List.of(new Account(new Member(1, "alice", "Alice"), "wonderland"),
            new Account(new Member(2, "bob", "Bob"), "builder"));

    /** The members, for the log-in page's hint. */
    List<Member> all() {
        return this.accounts.stream().map(Account::member).toList();
    }

    /** The member this visitor is logged in as, or {@code null}. */
    @Nullable Member loggedIn(SessionMap session) {
        Integer id = session.get(MEMBER_ID, Integer.class);
        return this.accounts.stream()
            .map(Account::member)
            .filter((member) -> id != null && member.id() == id)
            .findFirst()
            .orElse(null);
    }

    /** The member with this username and password, or {@code null}. */
    @Nullable Member authenticate(String username, String password) {
        for (Account account : this.accounts) {
            if (account.member().username().equals(username) && account.accepts(password)) {
                return account.member();
            }
        }
        return null;
    }

    private record Account(Member member, String password) {

        boolean accepts(String candidate) {
            return MessageDigest.isEqual(this.password.getBytes(StandardCharsets.UTF_8),
                    candidate.getBytes(StandardCharsets.UTF_8));
        }
    }
}
