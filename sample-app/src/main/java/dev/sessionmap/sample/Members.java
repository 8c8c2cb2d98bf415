package dev.sessionmap.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The site's own member store, which Spring Security logs members in from. The list is
 * fixed and in memory, with demo passwords in the code, hashed by the
 * {@link PasswordEncoder} when the application starts, as a real site hashes a password
 * at sign-up and keeps only the hash in its database.
 */
@Component
class Members implements UserDetailsService {

    private final List<Account> accounts;

    Members(PasswordEncoder passwords) {
        this.accounts = List.of(new Account(new Member("alice", "Alice"), passwords.encode("wonderland")),
                new Account(new Member("bob", "Bob"), passwords.encode("builder")));
    }

    /** The members, for the log-in page's hint. */
    List<Member> all() {
        return this.accounts.stream().map(Account::member).toList();
    }

    /** The member with this username, or {@code null}. */
    @Nullable Member named(String username) {
        Account account = account(username);
        return (account != null) ? account.member() : null;
    }

    /**
     * What Spring Security checks a log-in against: the username, the password hash, the
     * roles.
     */
    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = account(username);
        if (account == null) {
            throw new UsernameNotFoundException("No member named " + username);
        }
        return User.withUsername(account.member().username()).password(account.passwordHash()).roles("MEMBER").build();
    }

    private @Nullable Account account(String username) {
        return this.accounts.stream()
            .filter((account) -> account.member().username().equals(username))
            .findFirst()
            .orElse(null);
    }

    private record Account(Member member, String passwordHash) {
    }

}
