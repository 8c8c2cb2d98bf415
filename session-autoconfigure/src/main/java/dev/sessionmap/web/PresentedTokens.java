package dev.sessionmap.web;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The session tokens the request presented, read from it when first asked for, once.
 */
final class PresentedTokens implements Supplier<List<String>> {

    private final SessionTransport transport;

    private final HttpServletRequest request;

    private @Nullable List<String> tokens;

    PresentedTokens(SessionTransport transport, HttpServletRequest request) {
        this.transport = transport;
        this.request = request;
    }

    @Override
    public List<String> get() {
        List<String> read = this.tokens;
        if (read == null) {
            read = this.transport.readAll(this.request);
            this.tokens = read;
        }
        return read;
    }

}
