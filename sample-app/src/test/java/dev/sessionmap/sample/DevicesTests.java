package dev.sessionmap.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The device names "Your sessions" shows, from user agents real browsers send. */
class DevicesTests {

    @Test
    void browsersThatAlsoCallThemselvesChromeOrSafariAreNamedForWhatTheyAre() {
        assertThat(Devices.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
            .isEqualTo("Edge 131 on Windows");
        assertThat(Devices.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36"))
            .isEqualTo("Chrome 131 on Linux");
        assertThat(Devices.describe("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " HeadlessChrome/131.0.0.0 Safari/537.36"))
            .isEqualTo("Headless Chrome 131 on Linux");
        assertThat(Devices.describe("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
                + " (KHTML, like Gecko) Version/17.5 Safari/605.1.15"))
            .isEqualTo("Safari 17 on macOS");
        assertThat(Devices.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"))
            .isEqualTo("Safari 17 on iPhone");
        assertThat(Devices.describe("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Mobile Safari/537.36"))
            .isEqualTo("Chrome 131 on Android");
        assertThat(Devices.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"))
            .isEqualTo("Firefox 128 on Windows");
        assertThat(Devices.describe("curl/8.5.0")).isEqualTo("curl 8");
    }

    @Test
    void anythingElseIsNamedVaguelyRatherThanEchoed() {
        assertThat(Devices.describe(null)).isEqualTo("Unknown device");
        assertThat(Devices.describe("  ")).isEqualTo("Unknown device");
        assertThat(Devices.describe("Mozilla/5.0 (X11; Linux x86_64) <b>Strange</b>/1.0"))
            .isEqualTo("A browser on Linux");
        assertThat(Devices.describe("<script>alert(1)</script>")).isEqualTo("Unknown browser");
    }

}
