package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/** The removal of expired sessions from server-side stores. */
public class SessionPurgeProperties {

    /**
     * Time between the end of one purge and the start of the next; ignored when a cron
     * expression is set. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration interval = Duration.ofMinutes(10);

    /**
     * Cron expression for the purge, in place of the interval; "-" disables the scheduled
     * purge.
     */
    private @Nullable String cron;

    /**
     * Most sessions deleted in one transaction; a purge runs batches until no expired
     * session is left.
     */
    private int batchSize = 1000;

    public Duration getInterval() {
        return this.interval;
    }

    public void setInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "must be a positive duration; set app.session.purge.cron=- to disable the purge");
        }
        this.interval = interval;
    }

    public @Nullable String getCron() {
        return this.cron;
    }

    public void setCron(@Nullable String cron) {
        if (cron != null && !cron.isBlank() && !Scheduled.CRON_DISABLED.equals(cron.trim())) {
            CronExpression.parse(cron.trim());
        }
        this.cron = cron;
    }

    public int getBatchSize() {
        return this.batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        this.batchSize = batchSize;
    }

}
