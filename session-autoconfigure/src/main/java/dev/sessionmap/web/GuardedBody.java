package dev.sessionmap.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.jspecify.annotations.Nullable;

/**
 * The body streams {@link CommitGuardedResponse} hands out: each counts what is written
 * before passing it on, and runs the hook before anything that commits (a flush, a
 * close), so that no way of writing a body gets past it.
 */
final class GuardedBody {

    private GuardedBody() {
    }

    /** The application's output stream. */
    static final class Stream extends ServletOutputStream {

        private final ServletOutputStream delegate;

        private final LongConsumer writing;

        private final Runnable beforeCommit;

        Stream(ServletOutputStream delegate, LongConsumer writing, Runnable beforeCommit) {
            this.delegate = delegate;
            this.writing = writing;
            this.beforeCommit = beforeCommit;
        }

        @Override
        public void write(int b) throws IOException {
            this.writing.accept(1);
            this.delegate.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            this.writing.accept(len);
            this.delegate.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            this.beforeCommit.run();
            this.delegate.flush();
        }

        @Override
        public void close() throws IOException {
            this.beforeCommit.run();
            this.delegate.close();
        }

        @Override
        public boolean isReady() {
            return this.delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            this.delegate.setWriteListener(listener);
        }

    }

    /**
     * The application's writer. {@code PrintWriter} writes some things, such as the line
     * separator of a bare {@code println()}, straight to the writer it wraps, past any
     * method a subclass overrides; so the hook sits in that wrapped writer, which every
     * character passes through.
     */
    static final class Writer extends PrintWriter {

        private final PrintWriter delegate;

        Writer(PrintWriter delegate, LongConsumer writing, Runnable beforeCommit, Supplier<@Nullable String> charset) {
            super(new java.io.Writer() {

                @Override
                public void write(int c) {
                    writing.accept(BodyBytes.encodedLength(charset.get(), (char) c));
                    delegate.write(c);
                }

                @Override
                public void write(char[] buf, int off, int len) {
                    writing.accept(BodyBytes.encodedLength(charset.get(), buf, off, len));
                    delegate.write(buf, off, len);
                }

                @Override
                public void write(String s, int off, int len) {
                    writing.accept(BodyBytes.encodedLength(charset.get(), s, off, len));
                    delegate.write(s, off, len);
                }

                @Override
                public void flush() {
                    beforeCommit.run();
                    delegate.flush();
                }

                @Override
                public void close() {
                    beforeCommit.run();
                    delegate.close();
                }
            }, false);
            this.delegate = delegate;
        }

        /**
         * Whether this writer or the container's failed, for example because the client
         * went away.
         */
        @Override
        public boolean checkError() {
            return super.checkError() || this.delegate.checkError();
        }

    }

}
