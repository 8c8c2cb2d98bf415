package dev.sessionmap.web;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * Finds the values of one cookie in a request's {@code Cookie} headers, as they arrive.
 * The container turns a header into a string once per request; its {@code getCookies()}
 * turns every cookie into an object and decodes each value into a second string. Session
 * cookies are looked for on every request, and most requests carry none of the companion
 * cookies, so reading the header spares that work and its garbage.
 *
 * <p>
 * A value is what follows {@code name=} up to the next {@code ;}, without the spaces and
 * tabs around it, as RFC 6265 has browsers send a {@code cookie-pair}. A name matches
 * only at the start of a pair, so {@code xsessionid} and {@code sessionid_ended} are not
 * {@code sessionid}.
 */
final class CookieHeaders {

    private CookieHeaders() {
    }

    /**
     * The values of the cookies named {@code name}, in the order sent, skipping empty
     * ones and those longer than {@code maxLength}; at most {@code limit}.
     */
    static List<String> values(HttpServletRequest request, String name, int maxLength, int limit) {
        List<String> values = List.of();
        Enumeration<String> headers = request.getHeaders(HttpHeaders.COOKIE);
        while (headers != null && headers.hasMoreElements()) {
            String header = headers.nextElement();
            int at = header.indexOf(name);
            while (at >= 0 && values.size() < limit) {
                int end = at + name.length();
                if (startsPair(header, at)) {
                    int equals = skipBlanks(header, end);
                    if (equals < header.length() && header.charAt(equals) == '=') {
                        end = header.indexOf(';', equals);
                        if (end < 0) {
                            end = header.length();
                        }
                        String value = valueBetween(header, equals + 1, end);
                        if (!value.isEmpty() && value.length() <= maxLength) {
                            if (values.isEmpty()) {
                                values = new ArrayList<>(1);
                            }
                            values.add(value);
                        }
                    }
                }
                at = header.indexOf(name, end);
            }
        }
        return values;
    }

    /**
     * Whether only blanks stand between {@code at} and the header's start or a {@code ;}.
     */
    private static boolean startsPair(String header, int at) {
        int i = at - 1;
        while (i >= 0 && isBlank(header.charAt(i))) {
            i--;
        }
        return i < 0 || header.charAt(i) == ';';
    }

    private static int skipBlanks(String header, int from) {
        int i = from;
        while (i < header.length() && isBlank(header.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String valueBetween(String header, int from, int to) {
        int start = skipBlanks(header, from);
        int end = to;
        while (end > start && isBlank(header.charAt(end - 1))) {
            end--;
        }
        return header.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

}
