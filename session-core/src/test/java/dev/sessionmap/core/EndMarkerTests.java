package dev.sessionmap.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndMarkerTests {

    @Test
    void theValueNamesOneSessionAndRevealsNothingOfIt() {
        String id = SessionIds.generate();
        String value = EndMarker.valueOf(id);
        assertThat(value).matches("[A-Za-z0-9_-]{22}").isEqualTo(EndMarker.valueOf(id));
        assertThat(value).isNotEqualTo(EndMarker.valueOf(SessionIds.generate()));
        assertThat(id).doesNotContain(value.substring(0, 8));
        assertThat(SessionIds.hash(id)).as("not the hash a server-side store keys the session by")
            .doesNotContain(value);
    }

    @Test
    void itLivesTenMinutesOrTwoTouchIntervalsWhicheverIsLonger() {
        assertThat(EndMarker.lifetime(new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1))))
            .isEqualTo(Duration.ofMinutes(10));
        assertThat(EndMarker.lifetime(new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(30))))
            .isEqualTo(Duration.ofHours(1));
    }

}
