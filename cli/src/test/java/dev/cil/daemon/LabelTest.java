package dev.cil.daemon;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelTest {
    @Test
    void userLabelsGetSourceK8sUnlessGiven() {
        assertEquals("k8s:app=netpod", Label.parseUser("app=netpod").toString());
        assertEquals("container:tier", Label.parseUser("container:tier").toString());
        assertEquals("k8s:app.kubernetes.io/name=web-1", Label.parseUser("app.kubernetes.io/name=web-1").toString());
        assertEquals("k8s:empty", Label.parseUser("empty=").toString());
    }

    @Test
    void badLabelsAreRejectedWithAReason() {
        for (String bad : new String[] {"", "=v", "a b=c", "app=-x", "app=" + "v".repeat(64), "k".repeat(64) + "=v",
            "Bad_Prefix/app=x", "reserved:host", "nosuch:app=x", "app=x y", "/app=x", "app\u0000=x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Label.parseUser(bad), bad);
            assertTrue(e.getMessage().contains("label") || e.getMessage().contains("empty"), e.getMessage());
        }
    }

    @Test
    void podLabelsAddTheNamespaceLabelsSorted() {
        List<String> l = Label.podLabels("default", List.of(Label.parseUser("app=netpod")));
        assertEquals(List.of("k8s:app=netpod", "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
                "k8s:io.cilium.k8s.policy.cluster=default", "k8s:io.cilium.k8s.policy.serviceaccount=default",
                "k8s:io.kubernetes.pod.namespace=default"), l);
        assertThrows(IllegalArgumentException.class,
                () -> Label.podLabels("default", List.of(Label.parseUser("io.kubernetes.pod.namespace=other"))));
    }

    @Test
    void sha256IsOfTheSortedLabelsEachFollowedBySemicolon() {
        // echo -n 'reserved:health;' | sha256sum ; echo -n 'a;b;' | sha256sum
        assertEquals("a32e0490097d49f381a45235ea3f13b3ce50043fb7ba672811b84d190b5a7827", Label.sha256(List.of("reserved:health")));
        assertEquals("070deeb81a6a83c382c632c42027656873779763427d9ac333c0ce5779a06f89", Label.sha256(List.of("a", "b")));
    }
}
