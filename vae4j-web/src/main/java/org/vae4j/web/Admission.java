package org.vae4j.web;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the requests in progress per {@link Lane}, counted from before the body is read until
 * the answer is made, so that neither the parsed bodies in memory nor the model thread's queue
 * grow with the number of clients. A request over the limit is refused at once with a 503 and
 * {@code Retry-After} rather than queued: a client that waits on a full server holds its body in
 * memory just the same.
 */
final class Admission {

    /** The {@code Retry-After} of a refusal: a heavy call takes about a second at most. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Map<Lane, Semaphore> permits = new EnumMap<>(Lane.class);

    Admission() {
        for (Lane lane : Lane.values()) {
            permits.put(lane, new Semaphore(lane.limit()));
        }
    }

    /** A place in a lane; closing it frees the place (once). */
    static final class Permit implements AutoCloseable {
        private final Semaphore semaphore;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                semaphore.release();
            }
        }
    }

    /**
     * Takes a place in a lane.
     *
     * @param lane the request's lane
     * @return the place, to close when the answer is made
     * @throws ApiError 503 with Retry-After if the lane is full
     */
    Permit enter(Lane lane) {
        Semaphore s = permits.get(lane);
        if (!s.tryAcquire()) {
            throw ApiError.busy("the server is busy: " + lane.limit() + " " + lane.routes()
                    + " requests are in progress, the most it takes at once; try again in "
                    + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
        }
        return new Permit(s);
    }
}
