package dev.cil.cli.command.whoami;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whoami answer against the seed's (traefik/whoami: fmt.Fprintln lines, then Go's Request.Write). */
class WhoamiResponseTest {
    @Test
    void answersLikeTheSeedsWebPods() throws Exception {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Accept", List.of("*/*"));          // the JDK's server hands keys over in its own case
        h.put("User-agent", List.of("curl/8.7.1"));
        h.put("Host", List.of("172.16.1.111"));
        String r = WhoamiCommand.response("webpod1", List.of("127.0.0.1", "::1", "172.16.1.111", "fe80::c8ae:93ff:feb3:dd53"),
                new InetSocketAddress(InetAddress.getByName("172.16.0.230"), 41320), "GET", "/", "HTTP/1.1", h, new byte[0]);
        assertEquals("Hostname: webpod1\nIP: 127.0.0.1\nIP: ::1\nIP: 172.16.1.111\nIP: fe80::c8ae:93ff:feb3:dd53\n"
                + "RemoteAddr: 172.16.0.230:41320\nGET / HTTP/1.1\r\nHost: 172.16.1.111\r\nUser-Agent: curl/8.7.1\r\n"
                + "Accept: */*\r\n\r\n", r);
    }

    @Test
    void otherHeadersAreSortedAndABodyIsEchoed() throws Exception {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("X-b", List.of("2"));
        h.put("x-a", List.of("1", "3"));
        h.put("Content-length", List.of("2"));
        String r = WhoamiCommand.response("h", List.of(), new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 5), "POST",
                "/p?q=1", "HTTP/1.1", h, "hi".getBytes(StandardCharsets.UTF_8));
        assertEquals("Hostname: h\nRemoteAddr: 10.0.0.1:5\nPOST /p?q=1 HTTP/1.1\r\nHost: \r\nUser-Agent: Go-http-client/1.1\r\n"
                + "X-A: 1\r\nX-A: 3\r\nX-B: 2\r\nContent-Length: 2\r\n\r\nhi", r);
    }

    @Test
    void ipv6AsGoPrintsIt() throws Exception {
        assertEquals("::1", WhoamiCommand.ipv6(InetAddress.getByName("::1").getAddress()));
        assertEquals("fe80::c8ae:93ff:feb3:dd53", WhoamiCommand.ipv6(InetAddress.getByName("fe80:0:0:0:c8ae:93ff:feb3:dd53").getAddress()));
        assertEquals("2001:db8::1:0:0:1", WhoamiCommand.ipv6(InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress()));
        assertEquals("2001:db8:0:1:1:1:1:1", WhoamiCommand.ipv6(InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()));
        assertEquals("::", WhoamiCommand.ipv6(new byte[16]));
        assertEquals("User-Agent", WhoamiCommand.canonical("user-AGENT"));
    }
}
