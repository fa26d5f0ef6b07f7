import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for {@code vae4j serve}: CLIENTS threads send REQUESTS POST /api/decode requests
 * in total, each with a fresh standard-normal z of LATENT_DIM values, and print one JSON line.
 *
 * <pre>java bench/LoadClient.java URL REQUESTS CLIENTS LATENT_DIM</pre>
 *
 * URL is the server's base address (http://127.0.0.1:PORT/) or the full /api/decode address. The
 * run stops after REQUESTS requests or after 120 s, whichever comes first. A request counts as
 * an error if the status is not 200, the body has no "png" field, or it throws (timeout 30 s).
 */
public final class LoadClient {

    private static final long TIME_LIMIT_NANOS = Duration.ofSeconds(120).toNanos();

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java bench/LoadClient.java URL REQUESTS CLIENTS LATENT_DIM");
            System.exit(2);
        }
        String url = args[0];
        if (!url.endsWith("/api/decode")) {
            url = (url.endsWith("/") ? url : url + "/") + "api/decode";
        }
        final URI uri = URI.create(url);
        final int requests = Integer.parseInt(args[1]);
        final int clients = Integer.parseInt(args[2]);
        final int latent = Integer.parseInt(args[3]);
        if (requests < 1 || clients < 1 || latent < 1) {
            throw new IllegalArgumentException("REQUESTS, CLIENTS and LATENT_DIM must be >= 1");
        }

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long[] latencyNanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong exceptions = new AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long deadline = start + TIME_LIMIT_NANOS;

        Thread[] threads = new Thread[clients];
        for (int t = 0; t < clients; t++) {
            final SplittableRandom random = new SplittableRandom(1000L + t);
            threads[t] = new Thread(() -> {
                StringBuilder body = new StringBuilder(32 + 24 * latent);
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    if (i >= requests) {
                        break;
                    }
                    body.setLength(0);
                    body.append("{\"z\":[");
                    for (int d = 0; d < latent; d++) {
                        if (d > 0) {
                            body.append(',');
                        }
                        body.append((float) gaussian(random));
                    }
                    body.append("]}");
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response =
                                http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains("\"png\"")) {
                            errors.incrementAndGet();
                            noteFirst(firstError, "HTTP " + response.statusCode() + ": "
                                    + abbreviate(response.body()));
                        }
                    } catch (Exception e) {
                        exceptions.incrementAndGet();
                        noteFirst(firstError, e.toString());
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    latencyNanos[i] = System.nanoTime() - t0;
                    done.incrementAndGet();
                }
            }, "load-client-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        int n = done.get();
        long[] sorted = new long[n];
        int k = 0;
        for (int i = 0; i < Math.min(next.get(), requests) && k < n; i++) {
            if (latencyNanos[i] > 0) {
                sorted[k++] = latencyNanos[i];
            }
        }
        sorted = Arrays.copyOf(sorted, k);
        Arrays.sort(sorted);
        if (firstError[0] != null) {
            System.err.println("LoadClient: first error: " + firstError[0]);
        }
        if (n < requests) {
            System.err.println("LoadClient: stopped after " + n + " of " + requests
                    + " requests (120 s limit)");
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"requests\":%d,\"clients\":%d,\"errors\":%d,\"seconds\":%.3f,"
                        + "\"requests_per_s\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}",
                n, clients, errors.get() + exceptions.get(), seconds, n / seconds,
                percentileMs(sorted, 0.50), percentileMs(sorted, 0.99),
                sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6));
    }

    /** Nearest-rank percentile in milliseconds (0 when there are no samples). */
    private static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static void noteFirst(String[] slot, String message) {
        synchronized (slot) {
            if (slot[0] == null) {
                slot[0] = message;
            }
        }
    }

    private static String abbreviate(String s) {
        s = s.replaceAll("\\s+", " ");
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
