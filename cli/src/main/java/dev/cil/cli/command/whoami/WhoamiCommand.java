package dev.cil.cli.command.whoami;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cil.cli.CilException;
import dev.cil.cli.LeafCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * {@code cil whoami}: a small HTTP server that answers every request like traefik/whoami, the web pods
 * of the seed: {@code Hostname}, one {@code IP} line per interface address, {@code RemoteAddr}, then the
 * request as Go's {@code Request.Write} puts it on the wire (request line, Host, User-Agent, the other
 * headers sorted, CRLF line ends). The JDK's HTTP server does the HTTP.
 */
@Command(name = "whoami",
        description = {"Serve HTTP like traefik/whoami: every request gets the hostname, the IP addresses, the client's"
                + " address and the request itself back. Runs until killed.",
                "Hostname is $HOSTNAME (cil endpoint exec sets it to the pod's name), else the machine's."},
        footer = {"%nExamples:", "  cil endpoint exec webpod1 -- cil whoami --port 80", "  cil whoami --port 8080 --hostname test"})
public final class WhoamiCommand extends LeafCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "80", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The Hostname line (default: $HOSTNAME, else the machine's).")
    String hostname;

    @Override
    protected int execute() throws Exception {
        if (port < 1 || port > 65535) throw CilException.usage("invalid port " + port + " (1-65535)");
        String host = hostname != null ? hostname : hostname();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw CilException.failure("cannot listen on port " + port + ": " + e.getMessage());
        }
        server.createContext("/", ex -> answer(ex, host));
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "whoami");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        err().println("Starting up on port " + port);
        err().flush();
        new CountDownLatch(1).await();   // until killed
        return 0;
    }

    private static String hostname() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isEmpty()) return h;
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static void answer(HttpExchange ex, String host) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(1 << 20);
        }
        byte[] out = response(host, addresses(), ex.getRemoteAddress(), ex.getRequestMethod(),
                ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()),
                ex.getProtocol(), ex.getRequestHeaders(), body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    /** The answer text (exposed for the format test). */
    public static String response(String host, List<String> ips, InetSocketAddress remote, String method, String uri,
                                  String protocol, Map<String, List<String>> headers, byte[] body) {
        StringBuilder b = new StringBuilder(512);
        b.append("Hostname: ").append(host).append('\n');
        for (String ip : ips) b.append("IP: ").append(ip).append('\n');
        b.append("RemoteAddr: ").append(hostPort(remote)).append('\n');
        // Go's Request.Write: request line, Host, User-Agent, the other headers by canonical key, then the body
        Map<String, List<String>> canon = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            canon.computeIfAbsent(canonical(e.getKey()), k -> new ArrayList<>()).addAll(e.getValue());
        }
        b.append(method).append(' ').append(uri).append(' ').append(protocol == null ? "HTTP/1.1" : protocol).append("\r\n");
        List<String> hostHeader = canon.remove("Host");
        b.append("Host: ").append(hostHeader == null || hostHeader.isEmpty() ? "" : hostHeader.get(0)).append("\r\n");
        List<String> ua = canon.remove("User-Agent");
        String agent = ua == null || ua.isEmpty() ? "Go-http-client/1.1" : ua.get(0);
        if (!agent.isEmpty()) b.append("User-Agent: ").append(agent).append("\r\n");
        canon.remove("Content-Length");
        canon.remove("Transfer-Encoding");
        canon.remove("Trailer");
        for (Map.Entry<String, List<String>> e : canon.entrySet()) {
            for (String v : e.getValue()) b.append(e.getKey()).append(": ").append(v).append("\r\n");
        }
        if (body.length > 0) b.append("Content-Length: ").append(body.length).append("\r\n");
        b.append("\r\n");
        if (body.length > 0) b.append(new String(body, StandardCharsets.UTF_8));
        return b.toString();
    }

    /** Go's canonical MIME header key: {@code user-agent} → {@code User-Agent}. */
    static String canonical(String k) {
        StringBuilder b = new StringBuilder(k.length());
        boolean upper = true;
        for (char c : k.toCharArray()) {
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return b.toString();
    }

    private static String hostPort(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String h = ip instanceof Inet6Address ? "[" + ipv6(ip.getAddress()) + "]" : ip.getHostAddress();
        return h + ":" + a.getPort();
    }

    /** Every address of every interface, interfaces by index, IPv4 before IPv6 (Go's net.Interfaces order). */
    static List<String> addresses() {
        List<String> out = new ArrayList<>();
        try {
            List<NetworkInterface> ifs = Collections.list(NetworkInterface.getNetworkInterfaces());
            ifs.sort(Comparator.comparingInt(NetworkInterface::getIndex));
            for (NetworkInterface i : ifs) {
                List<InetAddress> as = Collections.list(i.getInetAddresses());
                for (InetAddress a : as) if (a instanceof Inet4Address) out.add(a.getHostAddress());
                for (InetAddress a : as) if (a instanceof Inet6Address) out.add(ipv6(a.getAddress()));
            }
        } catch (SocketException e) {
            // no interfaces to show
        }
        return out;
    }

    /** RFC 5952 text (as Go prints IPv6): lowercase, the longest run of zero groups as {@code ::}. */
    static String ipv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}
