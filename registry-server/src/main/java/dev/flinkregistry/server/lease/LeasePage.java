package dev.flinkregistry.server.lease;

import java.util.List;

/** A page of running leases, soonest to expire first. */
public record LeasePage(List<RunningLease> items, int page, int size, long total) {

    public LeasePage {
        items = List.copyOf(items);
    }
}
