package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * {@link HeaderText} against Spring Security's own {@link StrictHttpFirewall} with its default rules:
 * the same answer for a header name and a header value made of a single code point, for every code
 * point of the planes where Unicode assigns characters (lone surrogates, controls, unassigned ones and
 * tab included) and every 97th of the empty planes 4 to 13, and for 20,000 generated texts mixing
 * printable ASCII, tabs, CR/LF, other controls, letters of other scripts, emoji and lone surrogates.
 */
class HeaderTextTest {

    private final StrictHttpFirewall defaults = new StrictHttpFirewall();

    @Test
    void judgesEveryCodePointAsTheFirewallDoes() {
        List<String> texts = new ArrayList<>();
        // Planes 4 to 13 hold no characters; every 97th of them keeps the test quick (each refusal is an exception).
        for (int point = 0; point <= Character.MAX_CODE_POINT; point += point >= 0x40000 && point < 0xE0000 ? 97 : 1) {
            texts.add("a" + Character.toString(point) + "b");
        }

        assertThat(disagreements(texts)).isEmpty();
        // Both answers occur: a check that allowed or refused everything could not pass above.
        assertThat(texts.stream().filter(HeaderText::allowedValue).count()).isBetween(100_000L, 300_000L);
    }

    @Test
    void judgesGeneratedHeadersAsTheFirewallDoes() {
        Random random = new Random(20261204);
        int[] pieces = {'\t', '\r', '\n', 0, 0x7f, 0x85, 0xe9, 0x4e2d, 0x1f600, 0xd800, 0xdfff, 0x0378, 0x2028, 0x202e};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int j = 0; j < length; j++) {
                if (random.nextInt(10) < 8) {
                    text.append((char) (0x20 + random.nextInt(0x5f)));
                } else {
                    text.appendCodePoint(pieces[random.nextInt(pieces.length)]);
                }
            }
            texts.add(text.toString());
        }

        assertThat(disagreements(texts)).isEmpty();
        assertThat(texts.stream().filter(HeaderText::allowedValue).count()).isBetween(1_000L, 19_000L);
    }

    @Test
    void passesABearerTokenAndRefusesAHeaderSplitting() {
        String jwt = "Bearer eyJhbGciOiJSUzI1NiJ9." + "eyJzdWIiOiJkYXZlIn0".repeat(40) + ".c2lnbmF0dXJl-_";

        assertThat(HeaderText.allowedValue(jwt)).isTrue();
        assertThat(HeaderText.allowedValue("Bearer x\r\nX-Forged: 1")).isFalse();
        assertThat(HeaderText.allowedValue("a\tb")).isTrue();
        assertThat(HeaderText.allowedName("a\tb")).isFalse();
    }

    /** The texts (as code points) where HeaderText and the firewall disagree, as a name or as a value. */
    private List<String> disagreements(List<String> texts) {
        List<String> found = new ArrayList<>();
        // One request holds many headers: the firewall checks each name and value when it is read.
        HttpServletRequest names = defaults.getFirewalledRequest(new MockHttpServletRequest("GET", "/api/v1/whoami"));
        for (int from = 0; from < texts.size(); from += 4096) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + 4096));
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/whoami");
            for (int i = 0; i < batch.size(); i++) {
                request.addHeader("X-" + i, batch.get(i));
            }
            HttpServletRequest values = defaults.getFirewalledRequest(request);
            for (int i = 0; i < batch.size(); i++) {
                String text = batch.get(i);
                String header = "X-" + i;
                if (HeaderText.allowedValue(text) != passes(() -> values.getHeader(header))
                        || HeaderText.allowedName(text) != passes(() -> names.getHeader(text))) {
                    found.add(text.codePoints().mapToObj(Integer::toHexString).toList().toString());
                }
            }
        }
        return found;
    }

    private static boolean passes(Runnable read) {
        try {
            read.run();
            return true;
        } catch (RequestRejectedException refused) {
            return false;
        }
    }
}
