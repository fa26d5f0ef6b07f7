package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * An {@link OutOfMemoryError} escaping a command ends as one line on stderr and exit code 1,
 * like any other failure (issue #14). Test-only subcommands throw it, so no memory is really
 * exhausted.
 */
class OutOfMemoryCliTest {

    /** Throws what a command that fills the heap throws. */
    @Command(name = "fill-heap")
    static final class FillHeap implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** Fails with the error wrapped, as a worker thread's failure arrives. */
    @Command(name = "fill-heap-in-a-worker")
    static final class FillHeapInAWorker implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("worker failed",
                    new OutOfMemoryError("Requested array size exceeds VM limit"));
        }
    }

    private static CliTest.Result run(String... args) {
        CommandLine cl = Vae4jCommand.commandLine();
        cl.addSubcommand(new FillHeap());
        cl.addSubcommand(new FillHeapInAWorker());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliTest.Result(code, out.toString(), err.toString());
    }

    @Test
    void outOfMemoryIsOneLineAndExitCodeOne() {
        CliTest.Result r = run("fill-heap");
        assertEquals(1, r.code(), r::toString);
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), r::toString);
        String expected = "error: out of memory (Java heap space): try a smaller --batch or"
                + " --limit, or a larger heap (VAE4J_JAVA_OPTS=-Xmx8g; the JVM has ";
        assertTrue(lines.get(0).startsWith(expected) && lines.get(0).endsWith(" MiB)"),
                lines::toString);
        assertEquals("", r.out());
    }

    @Test
    void aWrappedOutOfMemoryIsReportedAsSuch() {
        CliTest.Result r = run("fill-heap-in-a-worker");
        assertEquals(1, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith(
                "error: out of memory (Requested array size exceeds VM limit): try a smaller"),
                r::toString);
    }
}
