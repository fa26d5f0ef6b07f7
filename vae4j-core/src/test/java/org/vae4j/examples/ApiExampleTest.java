package org.vae4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;

/** The README's Java example compiles (it is this package's source), runs, and is what it quotes. */
class ApiExampleTest {

    @TempDir Path tmp;

    @Test
    void theExampleRunsOnTheEmbeddedData() throws Exception {
        ImageSet all = EmbeddedData.fashionMnistTest();
        ImageSet train = all.first(3000);
        ImageSet test = all.subset(IntStream.range(9000, 10000).toArray(), "last 1000");
        double accuracy = ApiExample.run(train, test, tmp.resolve("run"), 1);
        assertTrue(Files.exists(tmp.resolve("run/model/config.json")));
        // Ten labels per class, one epoch: well above chance (0.1), below perfect.
        assertTrue(accuracy > 0.3 && accuracy < 1, "accuracy " + accuracy);
    }

    @Test
    void theReadmeQuotesTheExampleAsItIs() throws Exception {
        String source = Files.readString(
                Path.of("src/test/java/org/vae4j/examples/ApiExample.java"));
        String quoted = source.substring(source.indexOf("// README-BEGIN\n") + 16,
                source.indexOf("    // README-END"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + quoted + "}\n```"),
                "README.md's Java API block differs from ApiExample.java");
    }
}
