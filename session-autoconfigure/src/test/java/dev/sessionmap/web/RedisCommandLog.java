package dev.sessionmap.web;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Records the type of every command Lettuce sends, as it is sent, so tests can count
 * round trips without {@code MONITOR}. Attach it before the first connection is made.
 */
final class RedisCommandLog implements CommandListener {

    private static final Set<String> HOUSEKEEPING = Set.of("CLUSTER", "CLIENT", "HELLO", "INFO", "PING", "READONLY",
            "AUTH", "COMMAND");

    private final List<String> commands = new CopyOnWriteArrayList<>();

    static RedisCommandLog attachTo(LettuceConnectionFactory factory) {
        RedisCommandLog log = new RedisCommandLog();
        factory.getRequiredNativeClient().addListener(log);
        return log;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String type = event.getCommand().getType().toString();
        // A cluster client's topology refresh and connection set-up are not the store's.
        if (!HOUSEKEEPING.contains(type)) {
            this.commands.add(type);
        }
    }

    /** The commands sent since the last call, in order; forgets them. */
    List<String> take() {
        List<String> sent = List.copyOf(this.commands);
        this.commands.clear();
        return sent;
    }

}
