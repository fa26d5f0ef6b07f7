import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 14, item 15: does an interactive decode stay responsive while heavy clients flood {@code
 * vae4j serve} with maximum-size {@code /api/score} requests? HEAVY threads send, for SECONDS,
 * requests of IMAGES = 10 images with k = 5000 (images × k = 50,000, the largest one request may ask);
 * one more thread sends a {@code /api/decode} of one z at a time and times each. Prints one JSON
 * line: heavy requests by status, and the decode latencies (p50, p99, max, in ms).
 *
 * <pre>java bench/HeavyLoad.java URL HEAVY SECONDS LATENT_DIM INPUT_SIZE</pre>
 *
 * All traffic goes to URL, which must be a loopback address; the run stops by itself.
 */
public final class HeavyLoad {

    /** Images per score request: with k = 5000, vae4j-web's largest (ApiRoutes.MAX_SCORE_WORK). */
    private static final int IMAGES = 10;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java bench/HeavyLoad.java URL HEAVY SECONDS LATENT INPUT");
            System.exit(2);
        }
        String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        String host = URI.create(base).getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("loopback only, got " + host);
        }
        int heavy = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        int latent = Integer.parseInt(args[3]);
        int input = Integer.parseInt(args[4]);
        if (heavy < 1 || heavy > 64 || seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("HEAVY in [1, 64], SECONDS in [1, 600]");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String scoreBody = scoreBody(IMAGES, input);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < heavy; t++) {
            Thread th = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int code = post(http, base + "api/score?k=5000&L=10", scoreBody);
                    (code == 200 ? ok : code == 503 ? busy : other).incrementAndGet();
                    if (code == 503) {
                        sleep(200); // what a polite client does with Retry-After
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        List<Double> decodes = new ArrayList<>();
        int decodeErrors = 0;
        SplittableRandom random = new SplittableRandom(1);
        sleep(1000); // let the heavy clients fill the queue first
        while (System.nanoTime() < end) {
            StringBuilder z = new StringBuilder("{\"z\": [");
            for (int i = 0; i < latent; i++) {
                z.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f",
                        random.nextGaussian()));
            }
            long t0 = System.nanoTime();
            int code = post(http, base + "api/decode", z.append("]}").toString());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (code == 200) {
                decodes.add(ms);
            } else {
                decodeErrors++;
            }
            sleep(100);
        }
        for (Thread th : threads) {
            th.join(120_000);
        }
        Collections.sort(decodes);
        System.out.printf(Locale.ROOT, "{\"heavy_clients\": %d, \"seconds\": %d, \"score_200\": %d,"
                + " \"score_503\": %d, \"score_other\": %d, \"decodes\": %d, \"decode_errors\": %d,"
                + " \"decode_p50_ms\": %.1f, \"decode_p99_ms\": %.1f, \"decode_max_ms\": %.1f}%n",
                heavy, seconds, ok.get(), busy.get(), other.get(), decodes.size(), decodeErrors,
                pct(decodes, 0.5), pct(decodes, 0.99), pct(decodes, 1.0));
    }

    private static String scoreBody(int images, int input) {
        StringBuilder b = new StringBuilder("{\"pixels\": [");
        for (int i = 0; i < images; i++) {
            b.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < input; j++) {
                b.append(j == 0 ? "" : ",").append((i + j) % 7 == 0 ? "1" : "0");
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }

    private static int post(HttpClient http, String url, String body) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static double pct(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
