package dev.cil.daemon;

import java.nio.file.Path;
import java.util.List;

/** Test helper process for {@link IdentityStoreTest}: acquires N label sets as node ARG1. */
public final class IdentityStoreWorker {
    private IdentityStoreWorker() { }

    public static void main(String[] a) {
        IdentityStore s = new IdentityStore(Path.of(a[0]));
        int n = Integer.parseInt(a[2]);
        for (int i = 0; i < n; i++) s.acquire(a[1], List.of("k8s:app=w" + i));
    }
}
