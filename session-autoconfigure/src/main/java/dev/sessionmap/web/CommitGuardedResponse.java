package dev.sessionmap.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.IntConsumer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A response that runs a hook, once, at the last moment its headers can still change:
 * before the write that fills the container's buffer or completes the declared
 * {@code Content-Length}, a flush, a redirect or an error. An interceptor's
 * {@code postHandle} comes too late for {@code @ResponseBody} handlers, whose body is
 * already written; this wrapper sees every way a response commits. Until then the body is
 * only buffered, so a session change made while a view renders (Spring Security creating
 * the CSRF token for a form halfway down a Thymeleaf page) is still saved and its cookie
 * still set.
 */
final class CommitGuardedResponse extends HttpServletResponseWrapper {

    private final IntConsumer beforeCommit;

    private boolean done;

    private @Nullable ServletOutputStream outputStream;

    private @Nullable PrintWriter writer;

    /**
     * Bytes of body written so far, at most: what the container holds in its buffer until
     * it commits.
     */
    private long written;

    private long contentLength = -1;

    /**
     * @param beforeCommit called with the status the response will have
     */
    CommitGuardedResponse(HttpServletResponse response, IntConsumer beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    /**
     * Runs the hook now unless it ran already; called with the response's current status.
     */
    void beforeCommit() {
        beforeCommit(getStatus());
    }

    /** Whether the hook has run. */
    boolean isDone() {
        return this.done;
    }

    /** Marks the hook as run without running it. */
    void skip() {
        this.done = true;
    }

    private void beforeCommit(int status) {
        if (!this.done) {
            this.done = true;
            if (!isCommitted()) {
                this.beforeCommit.accept(status);
            }
        }
    }

    /**
     * Counts {@code bytes} about to be written, and runs the hook first if they fill the
     * container's buffer or complete the declared length, either of which commits the
     * response.
     */
    private void writing(long bytes) {
        if (this.done) {
            return;
        }
        this.written += bytes;
        int buffer = Math.min(getBufferSize(), BodyBytes.MOST_BUFFERED);
        if (buffer <= 0 || this.written >= buffer || (this.contentLength >= 0 && this.written >= this.contentLength)) {
            beforeCommit();
        }
    }

    @Override
    public void setContentLength(int len) {
        this.contentLength = len;
        super.setContentLength(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        this.contentLength = len;
        super.setContentLengthLong(len);
    }

    @Override
    public void setIntHeader(String name, int value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            this.contentLength = value;
        }
        super.setIntHeader(name, value);
    }

    @Override
    public void addIntHeader(String name, int value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            this.contentLength = value;
        }
        super.addIntHeader(name, value);
    }

    @Override
    public void setHeader(String name, @Nullable String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            this.contentLength = BodyBytes.parseLength(value);
        }
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Content-Length".equalsIgnoreCase(name)) {
            this.contentLength = BodyBytes.parseLength(value);
        }
        super.addHeader(name, value);
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        this.written = 0;
    }

    @Override
    public void reset() {
        super.reset();
        this.written = 0;
        this.contentLength = -1;
    }

    @Override
    public void sendError(int sc) throws IOException {
        beforeCommit(sc);
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        beforeCommit(sc);
        super.sendError(sc, msg);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit(SC_FOUND);
        super.sendRedirect(location);
    }

    @Override
    public void sendRedirect(String location, int sc) throws IOException {
        beforeCommit(sc);
        super.sendRedirect(location, sc);
    }

    @Override
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        beforeCommit(SC_FOUND);
        super.sendRedirect(location, clearBuffer);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        beforeCommit(sc);
        super.sendRedirect(location, sc, clearBuffer);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (this.outputStream == null) {
            this.outputStream = new GuardedBody.Stream(super.getOutputStream(), this::writing, this::beforeCommit);
        }
        return this.outputStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (this.writer == null) {
            this.writer = new GuardedBody.Writer(super.getWriter(), this::writing, this::beforeCommit,
                    this::getCharacterEncoding);
        }
        return this.writer;
    }

}
