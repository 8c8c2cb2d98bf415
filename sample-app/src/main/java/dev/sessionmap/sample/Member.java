package dev.sessionmap.sample;

/**
 * A member of the site, as the pages show them: {@code username} is what they log in
 * with.
 */
record Member(String username, String name) {
}
