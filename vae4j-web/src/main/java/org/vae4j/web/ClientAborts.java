package org.vae4j.web;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.util.Messages;

/**
 * Requests whose client went away (closed the connection mid-body, or stalled until Jetty's idle
 * timeout). They are not the server's failures, and a stack trace each let 50 such clients write
 * thousands of log lines, so they are logged as one line, at most one per second, the next line
 * counting those left out.
 */
final class ClientAborts {

    /** Shortest time between two lines. */
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(VaeServer.class);

    private final LongSupplier clock;
    private final Consumer<String> sink;
    private boolean logged;
    private long lastLine;
    private int suppressed;

    /** Logs to the server's logger at WARN. */
    ClientAborts() {
        this(System::nanoTime, LOG::warn);
    }

    /**
     * For tests: a clock and where the lines go.
     *
     * @param clock nanoseconds, like {@link System#nanoTime()}
     * @param sink receives each line
     */
    ClientAborts(LongSupplier clock, Consumer<String> sink) {
        this.clock = clock;
        this.sink = sink;
    }

    /**
     * Whether a handler's exception means the client went away rather than a server fault:
     * Jetty's {@link EofException} (early EOF, reset or broken connection), a closed channel, or
     * Jetty's idle timeout while the handler waited for the rest of the body (the model's own
     * time limit is an {@link ApiError}, never a {@code TimeoutException}).
     *
     * @param e what the handler threw
     * @return true for a vanished or stalled client
     */
    static boolean isAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EofException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Logs one vanished client, unless a line was logged less than a second ago; then it is
     * counted, and the next line says how many were left out.
     *
     * @param method e.g. POST
     * @param path e.g. /api/decode
     * @param e what the handler threw
     */
    synchronized void report(String method, String path, Throwable e) {
        long now = clock.getAsLong();
        if (logged && now - lastLine < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        String line = "client went away during " + method + " " + path + " (" + innermost(e)
                + ")" + (suppressed > 0 ? "; " + suppressed + " more since the last such line"
                        : "");
        logged = true;
        lastLine = now;
        suppressed = 0;
        sink.accept(line);
    }

    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? ""
                : ": " + Messages.firstLine(t.getMessage()));
    }
}
