package dev.sessionmap.sample;

/** A member of the site, as the pages show them. */
record Member(int id, String username, String name) {
}
