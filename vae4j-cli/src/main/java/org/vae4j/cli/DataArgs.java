package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.io.AtomicFiles;
import org.vae4j.io.Json;

/**
 * The data flags a run was started with, saved as {@code RUN_DIR/data.json} so that {@code train
 * --resume RUN_DIR} finds the same images without the user repeating them.
 *
 * @param data absolute path of {@code --data}, or null for the embedded set
 * @param limit {@code --limit} (0 = all)
 * @param excludeClasses {@code --exclude-classes}, or null
 */
record DataArgs(String data, int limit, List<Integer> excludeClasses) {

    static final String FILE = "data.json";

    static DataArgs of(Path data, int limit, List<Integer> excludeClasses) {
        return new DataArgs(data == null ? null : data.toAbsolutePath().toString(), limit,
                excludeClasses);
    }

    void save(Path runDir) throws IOException {
        AtomicFiles.writeString(runDir.resolve(FILE), Json.toJson(this) + "\n");
    }

    /** The saved flags, or null for runs made before they were recorded. */
    static DataArgs load(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        return Files.exists(f) ? Json.read(f, DataArgs.class) : null;
    }

    Path dataPath() {
        return data == null ? null : Path.of(data);
    }
}
