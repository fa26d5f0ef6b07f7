package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.DataSourcesCliTest.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.IdxFormat;
import picocli.CommandLine;

/** {@code vae4j serve}: the pad's scatter is of the run's own data, with its class names. */
class ServeCliTest {

    @TempDir Path tmp;

    /** Runs {@code serve} on a thread, reads /api/scatter, then interrupts it (as Ctrl-C ends). */
    private static JsonObject scatter(String... args) throws Exception {
        CommandLine cl = Vae4jCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0", "--threads", "2"));
        all.addAll(List.of(args));
        int[] code = {-1};
        Thread t = new Thread(() -> code[0] = cl.execute(all.toArray(new String[0])));
        t.start();
        Pattern serving = Pattern.compile("at (http://\\S+/) ");
        try {
            long until = System.nanoTime() + 120_000_000_000L;
            Matcher m = serving.matcher("");
            while (t.isAlive() && System.nanoTime() < until
                    && !(m = serving.matcher(out.toString())).find()) {
                Thread.sleep(50);
            }
            assertTrue(m.find(0), "exit " + code[0] + "\n" + out + "\n" + err);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "api/scatter")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return parseObject(r.body());
        } finally {
            t.interrupt();
            t.join(30_000);
        }
    }

    private static List<String> strings(JsonElement a) {
        List<String> out = new ArrayList<>();
        a.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }

    /** An IDX directory of digits-like data: 200 train and 50 test images, labels i % 10. */
    private static Path idx(Path dir) throws IOException {
        CliTest.idxDir(dir, 200, 200);
        byte[] pixels = new byte[50 * 28 * 28];
        new Random(5).nextBytes(pixels);
        IdxFormat.writeImages(dir.resolve("t10k-images-idx3-ubyte"), pixels, 50, 28, 28);
        int[] labels = new int[50];
        for (int i = 0; i < 50; i++) {
            labels[i] = i % 10;
        }
        IdxFormat.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        return dir;
    }

    @Test
    void aDigitsRunShowsItsOwnTestImagesWithItsLabels() throws Exception {
        Path data = idx(tmp.resolve("digits"));
        Path runDir = tmp.resolve("run");
        CliTest.Result r = run(train("--data", data.toString(), "--out", runDir.toString()));
        assertEquals(0, r.code(), r::toString);
        JsonObject o = scatter("--run", runDir.toString());
        // Its 50 test images, not 2,000 Fashion-MNIST ones named T-shirt/top...
        assertEquals(50, o.getAsJsonArray("points").size(), () -> "classes " + o.get("classes"));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                strings(o.get("classes")));
        // --data like the other commands: here the same directory given explicitly.
        assertEquals(50, scatter("--run", runDir.toString(), "--data", data.toString())
                .getAsJsonArray("points").size());
    }

    @Test
    void anRgbFolderRunShowsItsValidationImagesWithTheFolderNames() throws Exception {
        Path shapes = DataSourcesCliTest.shapes(tmp.resolve("shapes"), 10);
        Path runDir = tmp.resolve("rgb");
        CliTest.Result r = run(train("--data", shapes.toString(), "--val-fraction", "0.5",
                "--out", runDir.toString()));
        assertEquals(0, r.code(), r::toString);
        JsonObject o = scatter("--run", runDir.toString());
        assertEquals(10, o.getAsJsonArray("points").size(), () -> "classes " + o.get("classes"));
        assertEquals(List.of("circles", "squares"), strings(o.get("classes")));
    }
}
