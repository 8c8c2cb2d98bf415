package dev.sessionmap.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Every ERROR logged in this JVM, and every WARN that carries a stack trace, while
 * attached: bad input may earn a one-line warning, never more.
 */
final class LoggedErrors extends AppenderBase<ILoggingEvent> {

    private static final LoggedErrors INSTANCE = new LoggedErrors();

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The appender, attached to the root logger the first time. */
    static synchronized LoggedErrors attached() {
        if (!INSTANCE.isStarted()) {
            INSTANCE.start();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(INSTANCE);
        }
        return INSTANCE;
    }

    @Override
    protected void append(ILoggingEvent event) {
        boolean error = event.getLevel().isGreaterOrEqual(Level.ERROR);
        boolean warnWithTrace = event.getLevel() == Level.WARN && event.getThrowableProxy() != null;
        if (error || warnWithTrace) {
            this.events.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage());
        }
    }

    /** What was logged since the last call, and forgets it. */
    List<String> drain() {
        List<String> drained = List.copyOf(this.events);
        this.events.clear();
        return drained;
    }

}
