package dev.sessionmap.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Several instances of the sample app in this JVM, each on its own free port with the
 * same settings, as a cluster's nodes run the same build with the same configuration.
 * They share one {@link CommentBoard}, standing in for the site's database: the sample
 * keeps comments in memory, which on real nodes would show each node's own comments only.
 * Everything sessionmap keeps is in the store the settings name.
 */
final class SampleNodes implements AutoCloseable {

    private final List<@Nullable ConfigurableApplicationContext> contexts;

    private final List<Integer> ports;

    private SampleNodes(List<@Nullable ConfigurableApplicationContext> contexts, List<Integer> ports) {
        this.contexts = contexts;
        this.ports = ports;
    }

    /** Starts {@code count} nodes, one after the other, with these arguments. */
    static SampleNodes start(int count, List<String> args) {
        CommentBoard board = new CommentBoard();
        ApplicationContextInitializer<GenericApplicationContext> sharedBoard = (context) -> context
            .registerBean("sharedCommentBoard", CommentBoard.class, () -> board, (bean) -> bean.setPrimary(true));
        String[] arguments = Stream.concat(Stream.of("--server.port=0"), args.stream()).toArray(String[]::new);
        List<@Nullable ConfigurableApplicationContext> contexts = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        SampleNodes nodes = new SampleNodes(contexts, ports);
        try {
            for (int i = 0; i < count; i++) {
                ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                    .main(SampleApplication.class)
                    .initializers(sharedBoard)
                    .run(arguments);
                contexts.add(context);
                ports.add(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
            }
        }
        catch (RuntimeException ex) {
            nodes.close();
            throw ex;
        }
        return nodes;
    }

    List<Integer> ports() {
        return List.copyOf(this.ports);
    }

    /** The node's address as nginx names it in {@code $upstream_addr}. */
    String address(int node) {
        return "127.0.0.1:" + this.ports.get(node);
    }

    /** A node that is still running. */
    ConfigurableApplicationContext context(int node) {
        ConfigurableApplicationContext context = this.contexts.get(node);
        if (context == null) {
            throw new IllegalStateException("Node " + node + " was stopped");
        }
        return context;
    }

    /**
     * Stops one node as a deployment does: Spring Boot's graceful shutdown lets the
     * requests it is serving finish, then its port closes.
     */
    void stop(int node) {
        context(node).close();
        this.contexts.set(node, null);
    }

    @Override
    public void close() {
        for (int i = 0; i < this.contexts.size(); i++) {
            ConfigurableApplicationContext context = this.contexts.get(i);
            if (context != null) {
                context.close();
                this.contexts.set(i, null);
            }
        }
    }

}
