package dev.sessionmap.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of writing a response body runs the commit hook once, before the first
 * character or byte reaches the container, so the session cookie can still be set: each
 * {@code PrintWriter} and {@code ServletOutputStream} method family, each as the
 * handler's first output.
 */
class CommitGuardedResponseTests {

    @FunctionalInterface
    interface WriterUse {

        void accept(PrintWriter writer) throws IOException;

    }

    @FunctionalInterface
    interface StreamUse {

        void accept(ServletOutputStream stream) throws IOException;

    }

    static Map<String, WriterUse> writerUses() {
        return Map.ofEntries(Map.entry("write(int)", (w) -> w.write('x')),
                Map.entry("write(char[])", (w) -> w.write(new char[] { 'x' })),
                Map.entry("write(char[],int,int)", (w) -> w.write(new char[] { 'x' }, 0, 1)),
                Map.entry("write(String)", (w) -> w.write("x")),
                Map.entry("write(String,int,int)", (w) -> w.write("x", 0, 1)),
                Map.entry("print(String)", (w) -> w.print("x")), Map.entry("print(int)", (w) -> w.print(1)),
                Map.entry("print(char)", (w) -> w.print('x')), Map.entry("print(Object)", (w) -> w.print(List.of())),
                Map.entry("println()", PrintWriter::println), Map.entry("println(String)", (w) -> w.println("x")),
                Map.entry("println(long)", (w) -> w.println(1L)), Map.entry("printf", (w) -> w.printf("%s", "x")),
                Map.entry("format", (w) -> w.format("%d", 1)), Map.entry("append(CharSequence)", (w) -> w.append("x")),
                Map.entry("append(char)", (w) -> w.append('x')), Map.entry("flush()", PrintWriter::flush),
                Map.entry("close()", PrintWriter::close));
    }

    static Map<String, StreamUse> streamUses() {
        return Map.ofEntries(Map.entry("write(int)", (s) -> s.write('x')),
                Map.entry("write(byte[])", (s) -> s.write(new byte[] { 'x' })),
                Map.entry("write(byte[],int,int)", (s) -> s.write(new byte[] { 'x' }, 0, 1)),
                Map.entry("write(ByteBuffer)", (s) -> s.write(ByteBuffer.wrap(new byte[] { 'x' }))),
                Map.entry("print(String)", (s) -> s.print("x")), Map.entry("print(int)", (s) -> s.print(1)),
                Map.entry("println()", ServletOutputStream::println),
                Map.entry("println(String)", (s) -> s.println("x")), Map.entry("flush()", ServletOutputStream::flush),
                Map.entry("close()", ServletOutputStream::close));
    }

    static List<String> writerMethods() {
        return new ArrayList<>(writerUses().keySet());
    }

    static List<String> streamMethods() {
        return new ArrayList<>(streamUses().keySet());
    }

    @ParameterizedTest(name = "PrintWriter.{0}")
    @MethodSource("writerMethods")
    void everyWriterMethodRunsTheHookBeforeAWriteThatCommits(String method) throws IOException {
        MockHttpServletResponse container = new MockHttpServletResponse();
        container.setBufferSize(1);
        List<String> bodyAtHook = new ArrayList<>();
        CommitGuardedResponse response = new CommitGuardedResponse(container,
                (status) -> bodyAtHook.add(contentOf(container)));
        PrintWriter writer = response.getWriter();
        writerUses().get(method).accept(writer);
        writer.println("more");
        writer.flush();
        assertThat(bodyAtHook).as(method).containsExactly("");
        assertThat(response.isDone()).isTrue();
    }

    @ParameterizedTest(name = "ServletOutputStream.{0}")
    @MethodSource("streamMethods")
    void everyOutputStreamMethodRunsTheHookBeforeAWriteThatCommits(String method) throws IOException {
        MockHttpServletResponse container = new MockHttpServletResponse();
        container.setBufferSize(1);
        List<String> bodyAtHook = new ArrayList<>();
        CommitGuardedResponse response = new CommitGuardedResponse(container,
                (status) -> bodyAtHook.add(contentOf(container)));
        ServletOutputStream stream = response.getOutputStream();
        streamUses().get(method).accept(stream);
        assertThat(bodyAtHook).as(method).containsExactly("");
        assertThat(response.isDone()).isTrue();
    }

    @Test
    void aWriteTheBufferStillHoldsLeavesTheSessionOpenUntilTheWriteThatFillsIt() throws IOException {
        MockHttpServletResponse container = new MockHttpServletResponse();
        container.setCharacterEncoding("UTF-8");
        container.setBufferSize(10);
        List<Boolean> committedAtHook = new ArrayList<>();
        CommitGuardedResponse response = new CommitGuardedResponse(container,
                (status) -> committedAtHook.add(container.isCommitted()));
        PrintWriter writer = response.getWriter();
        writer.write("<head>");
        assertThat(response.isDone()).as("six bytes in a ten-byte buffer").isFalse();
        writer.write("é€");
        assertThat(response.isDone()).as("five more bytes fill it").isTrue();
        writer.flush();
        assertThat(committedAtHook).containsExactly(false);

        MockHttpServletResponse second = new MockHttpServletResponse();
        CommitGuardedResponse flushed = new CommitGuardedResponse(second,
                (status) -> committedAtHook.add(second.isCommitted()));
        flushed.getWriter().write("<head>");
        flushed.getWriter().flush();
        assertThat(flushed.isDone()).as("a flush commits").isTrue();
        assertThat(committedAtHook).containsExactly(false, false);
    }

    @Test
    void theWriteThatCompletesTheDeclaredLengthRunsTheHookFirst() throws IOException {
        MockHttpServletResponse container = new MockHttpServletResponse();
        List<Integer> bodyAtHook = new ArrayList<>();
        CommitGuardedResponse response = new CommitGuardedResponse(container,
                (status) -> bodyAtHook.add(container.getContentAsByteArray().length));
        response.setContentLength(4);
        response.getOutputStream().write(new byte[] { 1, 2 });
        assertThat(response.isDone()).isFalse();
        response.getOutputStream().write(new byte[] { 3, 4 });
        assertThat(bodyAtHook).containsExactly(2);
    }

    @Test
    void aLengthDeclaredAsAnIntHeaderIsSeenToo() throws IOException {
        MockHttpServletResponse container = new MockHttpServletResponse();
        CommitGuardedResponse response = new CommitGuardedResponse(container, (status) -> {
        });
        response.setIntHeader("Content-Length", 2);
        response.getOutputStream().write(new byte[] { 1, 2 });
        assertThat(response.isDone()).isTrue();
        response.setHeader("Content-Length", null);
    }

    @Test
    void aSingleByteCharsetCountsOneByteACharacterAndOthersTheirMost() throws IOException {
        MockHttpServletResponse latin = new MockHttpServletResponse();
        latin.setCharacterEncoding("ISO-8859-1");
        latin.setBufferSize(4);
        CommitGuardedResponse response = new CommitGuardedResponse(latin, (status) -> {
        });
        response.getWriter().write("äöü");
        assertThat(response.isDone()).as("three bytes of four").isFalse();

        MockHttpServletResponse wide = new MockHttpServletResponse();
        wide.setCharacterEncoding("UTF-16");
        wide.setBufferSize(4);
        CommitGuardedResponse utf16 = new CommitGuardedResponse(wide, (status) -> {
        });
        utf16.getWriter().write("ab");
        assertThat(utf16.isDone()).as("UTF-16 takes up to four bytes for a character").isTrue();
    }

    @Test
    void aContainerThatReportsALargeBufferIsTakenToCommitAfterEightKibibytes() throws IOException {
        MockHttpServletResponse jettyLike = new MockHttpServletResponse();
        jettyLike.setBufferSize(32 * 1024);
        CommitGuardedResponse response = new CommitGuardedResponse(jettyLike, (status) -> {
        });
        response.getOutputStream().write(new byte[8191]);
        assertThat(response.isDone()).isFalse();
        response.getOutputStream().write(1);
        assertThat(response.isDone()).isTrue();
    }

    private static String contentOf(MockHttpServletResponse response) {
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

}
