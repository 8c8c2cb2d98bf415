package dev.sessionmap.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.servlet.http.Cookie;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.ServerCookies;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session and companion cookies are read from the raw {@code Cookie} headers: the
 * values a browser sends must come out as the container's own cookie parsing gives them.
 */
class CookieHeadersTests {

    private static List<String> values(String name, String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        for (String header : headers) {
            request.addHeader("Cookie", header);
        }
        return CookieHeaders.values(request, name, 4096, SessionCookies.MAX_CANDIDATES);
    }

    @Test
    void findsTheCookieWhereverItStandsInTheHeader() {
        assertThat(values("sessionid", "sessionid=abc")).containsExactly("abc");
        assertThat(values("sessionid", "theme=dark; sessionid=abc; lang=en")).containsExactly("abc");
        assertThat(values("sessionid", "theme=dark;sessionid=abc")).containsExactly("abc");
        assertThat(values("sessionid", "theme=dark; sessionid=abc")).containsExactly("abc");
        assertThat(values("sessionid", "a=1", "sessionid=abc")).containsExactly("abc");
    }

    @Test
    void aNameMatchesOnlyAWholeNameAtTheStartOfAPair() {
        assertThat(values("sessionid", "xsessionid=abc; sessionid_ended=1; sessionidx=2")).isEmpty();
        assertThat(values("sessionid", "other=sessionid=abc")).isEmpty();
        assertThat(values("sessionid", "other=x sessionid=abc")).isEmpty();
        assertThat(values("sessionid_ended", "sessionid=abc; sessionid_ended=1")).containsExactly("1");
        assertThat(values("sessionid", "sessionid")).isEmpty();
        assertThat(values("sessionid", "sessionid;sessionid=")).isEmpty();
    }

    @Test
    void everyValueOfTheNameComesInTheOrderSent() {
        assertThat(values("sessionid", "sessionid=longer-path; a=1; sessionid=ours", "sessionid=third"))
            .containsExactly("longer-path", "ours", "third");
    }

    @Test
    void blanksAroundTheValueAreNotPartOfIt() {
        assertThat(values("sessionid", "  sessionid = abc ;b=2")).containsExactly("abc");
        assertThat(values("sessionid", "a=1;\tsessionid=\tabc\t")).containsExactly("abc");
    }

    @Test
    void emptyAndOverlongValuesAreSkippedAndAtMostTheLimitAreReturned() {
        assertThat(values("sessionid", "sessionid=; sessionid=" + "x".repeat(4097) + "; sessionid=ok"))
            .containsExactly("ok");
        String many = "sessionid=v; ".repeat(SessionCookies.MAX_CANDIDATES + 5);
        assertThat(values("sessionid", many)).hasSize(SessionCookies.MAX_CANDIDATES);
        assertThat(values("sessionid")).isEmpty();
        assertThat(values("sessionid", "")).isEmpty();
    }

    @Test
    void readsWhatMockMvcAndTestClientsSetAsCookies() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie("theme", "dark"), new Cookie("sessionid", "abc"));
        assertThat(new SessionCookies(CookieSettings.defaults()).readAll(request)).containsExactly("abc");
    }

    /**
     * 5,000 random headers of valid cookie pairs (names that contain, extend or end the
     * session cookie's, base64url values with {@code =}, both separators, blanks): the
     * session and end-marker values are those Tomcat's RFC 6265 parser finds.
     */
    @Test
    void findsWhatTomcatsCookieParserFinds() {
        String[] names = { "sessionid", "sessionid_ended", "xsessionid", "sessionidx", "a", "theme" };
        String valueChars = "ABCxyz019-_=";
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "" : " ");
            int pairs = 1 + random.nextInt(5);
            for (int p = 0; p < pairs; p++) {
                if (p > 0) {
                    header.append(random.nextBoolean() ? "; " : ";");
                }
                header.append(names[random.nextInt(names.length)]).append('=');
                int length = random.nextInt(12);
                for (int c = 0; c < length; c++) {
                    header.append(valueChars.charAt(random.nextInt(valueChars.length())));
                }
            }
            for (String name : List.of("sessionid", "sessionid_ended")) {
                assertThat(values(name, header.toString())).as("%s in [%s]", name, header)
                    .isEqualTo(tomcat(name, header.toString()));
            }
        }
    }

    private static List<String> tomcat(String name, String header) {
        MimeHeaders headers = new MimeHeaders();
        byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
        headers.addValue("Cookie").setBytes(bytes, 0, bytes.length);
        ServerCookies cookies = new ServerCookies(64);
        new Rfc6265CookieProcessor().parseCookieHeader(headers, cookies);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < cookies.getCookieCount(); i++) {
            String value = cookies.getCookie(i).getValue().toString();
            if (cookies.getCookie(i).getName().toString().equals(name) && !value.isEmpty()
                    && values.size() < SessionCookies.MAX_CANDIDATES) {
                values.add(value);
            }
        }
        return values;
    }

}
