package dev.cil.cli.output;

import dev.cil.api.IpListEntry;
import dev.cil.api.StatusResponse;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** cilium-dbg's {@code -o json}: Go's MarshalIndent layout and escaping (formats.md §0.2). */
class ModelJsonTest {
    @Test
    void indentsLikeGoMarshalIndent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2));
        m.put("a", Map.of());
        m.put("c", List.of());
        assertEquals("{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": []\n}", ModelJson.toString(m, false));
    }

    @Test
    void compactIsOneLine() {
        assertEquals("[{\"cidr\":\"0.0.0.0/0\",\"identity\":2}]",
                ModelJson.toString(List.of(new IpListEntry("0.0.0.0/0", null, 2, null)), true));
    }

    @Test
    void escapesHtmlCharactersAsGoDoes() {
        assertEquals("\"flags=\\u003cnone\\u003e \\u0026\"", ModelJson.toString("flags=<none> &", true));
    }

    @Test
    void modelKeysAreCiliumsAndOmitEmptyFields() {
        String s = ModelJson.toString(new IpListEntry("10.0.0.1/32", null, 256,
                new IpListEntry.Metadata("netpod", "default", "local")), true);
        assertEquals("{\"cidr\":\"10.0.0.1/32\",\"identity\":256,\"metadata\":{\"name\":\"netpod\",\"namespace\":\"default\","
                + "\"source\":\"local\"}}", s);
        String st = ModelJson.toString(new StatusResponse("tcx", null, null, new StatusResponse.State("m", "Ok"), null, null,
                "veth", null, null, null, null, null, null, null, null, null, null, null, null), true);
        assertEquals("{\"attach-mode\":\"tcx\",\"cilium\":{\"msg\":\"m\",\"state\":\"Ok\"},\"datapath-mode\":\"veth\"}", st);
    }
}
