package org.vae4j.web;

/**
 * The two kinds of model work, each with its own limit on requests in progress (see {@link
 * Admission}). Interactive calls also go first on the model thread, so a decode waits behind at
 * most the one heavy call that is running, not behind every one queued.
 */
enum Lane {

    /** decode and sample: milliseconds of model time, what the page does while dragging. */
    INTERACTIVE(16, "decode/sample"),

    /**
     * encode and score: up to a 1 MiB body (tens of MB once parsed) and about a second of model
     * time each; 4 lets the page run its interpolation's two encodes beside another upload.
     */
    HEAVY(4, "encode/score");

    private final int limit;
    private final String routes;

    Lane(int limit, String routes) {
        this.limit = limit;
        this.routes = routes;
    }

    /** Most requests of this lane in progress at once. */
    int limit() {
        return limit;
    }

    /** The routes, for messages, e.g. {@code encode/score}. */
    String routes() {
        return routes;
    }
}
