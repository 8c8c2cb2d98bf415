package dev.sessionmap.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec's JSON: what a store writes reads back the same, whatever the size and
 * however many threads write at once.
 */
class SessionCodecTests {

    private final SessionCodec codec = SessionCodec.withDefaults();

    @Test
    void anEnvelopeWrittenPropertyByPropertyIsTheJsonOfTheSameTree() {
        ObjectNode data = this.codec.newData();
        data.put("cart", "3 × \uD83D\uDE00 \"quoted\"");
        data.putObject("user").put("id", 42).put("big", Long.MAX_VALUE).put("admin", false);
        data.putArray("seen").add(1).add("two");

        byte[] streamed = this.codec.writeObjectBytes((json) -> {
            json.writeStringProperty("i", "abc");
            json.writeNumberProperty("c", 1_764_633_089_000L);
            json.writeNullProperty("t");
            json.writeName("d");
            json.writeTree(data);
        });

        ObjectNode tree = this.codec.newData();
        tree.put("i", "abc");
        tree.put("c", 1_764_633_089_000L);
        tree.putNull("t");
        tree.set("d", data);
        assertThat(streamed).isEqualTo(this.codec.writeBytes(tree));
        assertThat(this.codec.parse(streamed)).isEqualTo(tree);
    }

    @Test
    void anEnvelopeLargerThanTheGeneratorsBufferIsWrittenWhole() {
        ObjectNode data = this.codec.newData();
        for (int i = 0; i < 300; i++) {
            data.put("key-" + i, "value ".repeat(i % 40) + i);
        }
        byte[] streamed = this.codec.writeObjectBytes((json) -> {
            json.writeName("d");
            json.writeTree(data);
        });
        assertThat(streamed.length).isGreaterThan(16_000);
        assertThat(this.codec.parse(streamed).get("d")).isEqualTo(data);
    }

    @Test
    void threadsWritingAndParsingAtOnceEachGetTheirOwnSessionBack() throws Exception {
        List<Integer> checked = onEightThreads((thread) -> {
            int readBack = 0;
            for (int i = 0; i < 2_000; i++) {
                // Sizes that vary, some past the generator's own buffer. Jackson refuses
                // a
                // buffer set handed out twice at once, so a pool that did so fails here
                // with an exception.
                String value = ("thread " + thread + " round " + i + ";").repeat(1 + (i % 50) * (i % 7));
                ObjectNode data = this.codec.newData().put("v", value).put("n", i);
                ObjectNode parsed = this.codec.parse(this.codec.writeBytes(data));
                byte[] envelope = this.codec.writeObjectBytes((json) -> {
                    json.writeName("d");
                    json.writeTree(data);
                });
                ObjectNode opened = this.codec.parse(envelope);
                if (parsed.equals(data) && opened.get("d").equals(data)) {
                    readBack++;
                }
            }
            return readBack;
        });
        assertThat(checked).containsOnly(2_000);
    }

    @Test
    void thePoolNeverHandsOneSetOfBuffersToTwoHoldersAtOnce() throws Exception {
        Set<BufferRecycler> held = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Integer> clashes = onEightThreads((thread) -> {
            int clashed = 0;
            for (int i = 0; i < 20_000; i++) {
                BufferRecycler recycler = JsonBufferPool.SHARED.acquireAndLinkPooled();
                synchronized (held) {
                    clashed += held.add(recycler) ? 0 : 1;
                }
                Thread.yield();
                synchronized (held) {
                    held.remove(recycler);
                }
                recycler.releaseToPool();
            }
            return clashed;
        });
        assertThat(clashes).containsOnly(0);
    }

    /** What {@code work} returned on each of eight threads running it at once. */
    private static List<Integer> onEightThreads(IntFunction<Integer> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(threads.submit(() -> work.apply(thread)));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            threads.shutdownNow();
        }
    }

}
