package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageSet;
import org.vae4j.io.AtomicFiles;
import org.vae4j.io.Json;

/**
 * The data flags a run was started with, saved as {@code RUN_DIR/data.json} so that {@code train
 * --resume RUN_DIR} finds the same images without the user repeating them, and so that the
 * commands that use a trained run can find its held-out images. Files written before a field
 * existed read it as null, its default.
 *
 * @param data absolute path of {@code --data}, or null for the embedded set
 * @param limit {@code --limit} (0 = all)
 * @param excludeClasses {@code --exclude-classes}, or null
 * @param imageSize {@code --image-size} as given, or null
 * @param color {@code --color} as given, or null (auto)
 * @param badImages {@code --bad-images} as given, or null (fail)
 */
record DataArgs(String data, int limit, List<Integer> excludeClasses, String imageSize,
        String color, String badImages) {

    static final String FILE = "data.json";

    static DataArgs of(Path data, int limit, List<Integer> excludeClasses, ImageOptions image) {
        return new DataArgs(data == null ? null : data.toAbsolutePath().toString(), limit,
                excludeClasses, image.imageSize, image.color, image.badImages);
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

    /** How training reads an image folder: the flags given, else auto colour, fail on bad files. */
    ImageFolder.Options folderOptions() {
        return ImageOptions.of(imageSize, color, badImages, new ImageFolder.Options());
    }

    /** The training images as {@code train} reads them: --data, --limit, --exclude-classes. */
    ImageSet trainingImages(PrintWriter err) throws IOException {
        ImageSet all = Datasets.train(dataPath(), limit, folderOptions(), err);
        return excludeClasses == null ? all : Datasets.withoutClasses(all, excludeClasses);
    }
}
