// bench helper (not shipped), run by bench/observe.sh: java -cp cil.jar bench/ObserveBench.java MODE ARGS…
//
//   decode  EVENTS_ID NODE_CFG_ID NS_A IP_B OUT.json FLOWS   capture real records from the datapath (ping flood +
//           HTTP at monitor aggregation "none"), then decode them in-process: records/s through EventDecoder,
//           flows/s through EventDecoder + FlowBuilder (+ FlowStore, + JSON); writes FLOWS json lines for the
//           printer bench
//   live    EVENTS_ID LOST_ID NODE_CFG_ID NS_A IP_B COUNT ROUNDS   a bounded ping flood while one consumer reads
//           the ring: the floor (a RingBufReader that only counts records) and the full pipeline (FlowPump:
//           decode, build, store) alternate; prints records/s, flows/s and the events the datapath lost
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapId;
import dev.cil.flow.EndpointResolver;
import dev.cil.flow.EventDecoder;
import dev.cil.flow.Flow;
import dev.cil.flow.FlowBuilder;
import dev.cil.flow.FlowJson;
import dev.cil.flow.FlowPump;
import dev.cil.flow.FlowStore;
import dev.cil.flow.FlowsResponse;
import dev.cil.flow.MonitorEvent;
import dev.cil.ringbuf.LostCounter;
import dev.cil.ringbuf.RingBufReader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public class ObserveBench {
    static final EndpointResolver RESOLVER = new EndpointResolver() {
        final Map<String, Flow.Endpoint> local = Map.of(
                "10.200.0.10", Flow.Endpoint.of(416, 39126, "default", "netpod", List.of("k8s:app=netpod", "k8s:io.kubernetes.pod.namespace=default")),
                "10.200.0.20", Flow.Endpoint.of(905, 25054, "default", "webpod1", List.of("k8s:app=webpod", "k8s:io.kubernetes.pod.namespace=default")));

        @Override public Optional<Flow.Endpoint> localEndpoint(String ip) { return Optional.ofNullable(local.get(ip)); }

        @Override public Optional<Integer> identityOf(String ip) { return ip.equals("10.200.0.1") ? Optional.of(1) : Optional.empty(); }

        @Override public String nodeName() { return "bench-node"; }
    };

    static void aggregation(BpfMap cfg, int level) {
        byte[] k = new byte[4];
        byte[] v = cfg.lookup(k).orElseThrow();
        v[18] = (byte) level;
        cfg.update(k, v, BpfMap.UPDATE_ANY);
    }

    static Process start(String... cmd) throws IOException {
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "decode": decode(a); break;
            case "live": live(a); break;
            default: throw new IllegalArgumentException("mode: decode or live");
        }
    }

    // ---------------------------------------------------------------- decode --
    static void decode(String[] a) throws Exception {
        int eventsId = Integer.parseInt(a[1]), cfgId = Integer.parseInt(a[2]);
        String nsA = a[3], ipB = a[4];
        Path out = Path.of(a[5]);
        int nFlows = Integer.parseInt(a[6]);
        List<byte[]> records = new ArrayList<>();
        try (BpfMap events = BpfMap.openById(new MapId(eventsId)); BpfMap cfg = BpfMap.openById(new MapId(cfgId));
             RingBufReader r = RingBufReader.open(events)) {
            r.consume((d, o, l) -> { });
            aggregation(cfg, 0);
            try {
                Process flood = start("ip", "netns", "exec", nsA, "ping", "-f", "-q", "-c", "3000", ipB);
                Process http = start("ip", "netns", "exec", nsA, "bash", "-c",
                        "for i in $(seq 20); do curl -s -o /dev/null http://" + ipB + "/; curl -s -o /dev/null http://" + ipB + ":8080/; done");
                long end = System.nanoTime() + 20_000_000_000L;
                while ((flood.isAlive() || http.isAlive()) && System.nanoTime() < end) {
                    r.poll((d, o, l) -> {
                        byte[] rec = new byte[l];
                        d.get(o, rec);
                        records.add(rec);
                    }, 100);
                }
                r.poll((d, o, l) -> {
                    byte[] rec = new byte[l];
                    d.get(o, rec);
                    records.add(rec);
                }, 200);
            } finally {
                aggregation(cfg, 3);
            }
        }
        System.out.printf("captured %d real records from the datapath (ping flood + HTTP, aggregation none)%n", records.size());
        if (records.isEmpty()) throw new IllegalStateException("no records captured");
        // the records laid out back to back in one direct buffer, as they sit in the ring
        int total = 0;
        for (byte[] r : records) total += (r.length + 8 + 7) & ~7;
        ByteBuffer w = ByteBuffer.allocateDirect(total);
        int[] off = new int[records.size()], len = new int[records.size()];
        int p = 0;
        for (int i = 0; i < records.size(); i++) {
            off[i] = p + 8;
            len[i] = records.get(i).length;
            w.put(p + 8, records.get(i));
            p += (len[i] + 8 + 7) & ~7;
        }
        ByteBuffer ring = w.asReadOnlyBuffer();

        EventDecoder dec = new EventDecoder();
        FlowBuilder fb = new FlowBuilder(RESOLVER);
        FlowStore store = new FlowStore(4095, "bench-node");
        final ByteBuffer rb = ring;
        long[] sink = new long[1];
        Runnable decodeOnly = () -> {
            for (int i = 0; i < off.length; i++) {
                MonitorEvent e = dec.decodeRecord(rb, off[i], len[i]);
                sink[0] += e.type();
            }
        };
        Runnable decodeBuild = () -> {
            for (int i = 0; i < off.length; i++) {
                Flow f = fb.build(dec.decodeRecord(rb, off[i], len[i]));
                if (f != null) sink[0] += f.verdict();
            }
        };
        Runnable decodeBuildStore = () -> {
            for (int i = 0; i < off.length; i++) {
                Flow f = fb.build(dec.decodeRecord(rb, off[i], len[i]));
                if (f != null) store.add(f);
            }
        };
        StringBuilder sb = new StringBuilder(1 << 16);
        Runnable decodeBuildJson = () -> {
            for (int i = 0; i < off.length; i++) {
                Flow f = fb.build(dec.decodeRecord(rb, off[i], len[i]));
                if (f == null) continue;
                sb.setLength(0);
                FlowJson.append(sb, FlowsResponse.OfFlow.of(f));
                sink[0] += sb.length();
            }
        };
        report("EventDecoder only (records/s)", decodeOnly, off.length);
        report("decoded into flows: EventDecoder + FlowBuilder (flows/s)", decodeBuild, off.length);
        report("decoded and stored: + FlowStore.add (flows/s)", decodeBuildStore, off.length);
        report("decoded and encoded: + -o json line (flows/s)", decodeBuildJson, off.length);

        // the printer bench's input: nFlows json lines made from the captured events, with distinct times
        try (BufferedWriter bw = Files.newBufferedWriter(out)) {
            int n = 0;
            Instant t0 = Instant.parse("2024-10-21T11:12:10Z");
            StringBuilder line = new StringBuilder(1024);
            while (n < nFlows) {
                for (int i = 0; i < off.length && n < nFlows; i++) {
                    Flow f = fb.build(dec.decodeRecord(rb, off[i], len[i]));
                    if (f == null) continue;
                    f = f.toBuilder().time(t0.plusNanos(1_000_000L * n)).build();
                    line.setLength(0);
                    FlowJson.append(line, FlowsResponse.OfFlow.of(f));
                    bw.append(line).append('\n');
                    n++;
                }
            }
        }
        if (sink[0] == 42) System.out.println();
    }

    /** Median of 7 rounds of ~1 s each, after 2 s of warm-up. */
    static void report(String what, Runnable pass, int perPass) {
        long warm = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warm) pass.run();
        double[] rates = new double[7];
        for (int r = 0; r < rates.length; r++) {
            long t0 = System.nanoTime(), n = 0;
            while (System.nanoTime() - t0 < 1_000_000_000L) {
                pass.run();
                n += perPass;
            }
            rates[r] = n / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("%-60s %,12.0f  (rounds %,.0f-%,.0f)%n", what, rates[3], rates[0], rates[6]);
    }

    // ------------------------------------------------------------------ live --
    static void live(String[] a) throws Exception {
        int eventsId = Integer.parseInt(a[1]), lostId = Integer.parseInt(a[2]), cfgId = Integer.parseInt(a[3]);
        String nsA = a[4], ipB = a[5];
        int count = Integer.parseInt(a[6]), rounds = Integer.parseInt(a[7]);
        try (BpfMap events = BpfMap.openById(new MapId(eventsId)); BpfMap lost = BpfMap.openById(new MapId(lostId));
             BpfMap cfg = BpfMap.openById(new MapId(cfgId))) {
            aggregation(cfg, 0);
            List<double[]> floor = new ArrayList<>(), full = new ArrayList<>();
            long floorLost = 0, fullLost = 0;
            try {
                // a cold JVM takes long enough over its first records for a 4 MiB ring to overflow under this
                // flood: FlowPump.warmUp (what the daemon calls at start) first, then one unmeasured round each
                try (RingBufReader r = RingBufReader.open(events)) {
                    new FlowPump(r, new FlowBuilder(RESOLVER), new FlowStore(16, "bench-node"), null).warmUp(1000);
                }
                for (boolean pipeline : new boolean[] {false, true}) {
                    double[] r = liveRound(events, lost, nsA, ipB, count, pipeline);
                    System.out.printf("  warm-up   %-9s %,9.0f records, lost %,d (not counted)%n", pipeline ? "pipeline" : "floor",
                            r[3], (long) r[2]);
                }
                for (int round = 0; round < rounds; round++) {
                    for (boolean pipeline : new boolean[] {false, true}) {
                        double[] r = liveRound(events, lost, nsA, ipB, count, pipeline);
                        (pipeline ? full : floor).add(r);
                        if (pipeline) fullLost += (long) r[2];
                        else floorLost += (long) r[2];
                        System.out.printf("  round %-3d %-9s %,9.0f records in %5.2f s = %,9.0f records/s, %,9.0f flows/s, lost %,d%n",
                                round + 1, pipeline ? "pipeline" : "floor", r[3], r[4], r[0], r[1], (long) r[2]);
                    }
                }
            } finally {
                aggregation(cfg, 3);
            }
            System.out.printf("live, floor (RingBufReader, counting only): %,.0f records/s (median), lost %,d%n", median(floor, 0), floorLost);
            System.out.printf("live, pipeline (decode + build + store):    %,.0f flows/s (median), lost %,d%n", median(full, 1), fullLost);
            System.out.println(fullLost + floorLost == 0 ? "live: no event lost" : "live: EVENTS LOST (see above)");
        }
    }

    static double median(List<double[]> l, int i) {
        double[] v = l.stream().mapToDouble(x -> x[i]).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    /** {records/s, flows/s, lost, records, seconds} while a ping flood of COUNT packets runs. */
    static double[] liveRound(BpfMap events, BpfMap lost, String nsA, String ipB, int count, boolean pipeline) throws Exception {
        try (RingBufReader r = RingBufReader.open(events)) {
            r.consume((d, o, l) -> { });
            long lost0 = LostCounter.sum(lost, 0);
            long[] n = {0};
            FlowStore store = new FlowStore(4095, "bench-node");
            FlowPump pump = new FlowPump(r, new FlowBuilder(RESOLVER), store, () -> LostCounter.sum(lost, 0));
            RingBufReader.Handler counting = (d, o, l) -> n[0]++;
            long start = System.nanoTime(), last = start, records = 0;
            Process flood = start("ip", "netns", "exec", nsA, "ping", "-f", "-q", "-c", Integer.toString(count), ipB);
            long quietUntil = Long.MAX_VALUE;
            while (flood.isAlive() || System.nanoTime() < quietUntil) {
                int got = pipeline ? pump.pollOnce(100) : r.poll(counting, 100);
                long now = System.nanoTime();
                if (got > 0) {
                    last = now;
                    records += got;
                }
                if (!flood.isAlive() && quietUntil == Long.MAX_VALUE) quietUntil = now + 300_000_000L;
            }
            pump.checkLost(true);
            long lostN = LostCounter.sum(lost, 0) - lost0;
            double secs = Math.max(1e-9, (last - start) / 1e9); // from the flood's start to the last record read
            return new double[] {records / secs, pipeline ? pump.flows() / secs : 0, lostN, records, secs};
        }
    }
}
