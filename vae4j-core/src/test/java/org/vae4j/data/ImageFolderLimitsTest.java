package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in an image folder that would exhaust memory or block the read (issue #14): images
 * declaring more than {@link ImageDecoder#MAX_PIXELS} pixels, and FIFOs with image names. Both
 * are bad files: skipped with the usual warning, or the read fails naming them.
 */
class ImageFolderLimitsTest {

    @TempDir Path tmp;

    private final List<String> warnings = new ArrayList<>();

    /** Two good 32x32 images and a PNG of a few dozen bytes declaring 10000x10000 pixels. */
    private Path folderWithBomb() throws IOException {
        Path dir = tmp.resolve("bomb");
        Files.createDirectories(dir);
        ImageFolderTest.write(ImageFolderTest.noise(32, 32, 1), "png", dir.resolve("a.png"));
        ImageFolderTest.write(ImageFolderTest.noise(32, 32, 2), "png", dir.resolve("c.png"));
        Files.write(dir.resolve("b.png"), ImageBombs.png(10_000, 10_000));
        return dir;
    }

    private ImageSet read(Path dir, ImageSize size, BadImagePolicy bad) throws IOException {
        return ImageFolder.read(dir, new ImageFolder.Options(size, ColorMode.AUTO, bad),
                warnings::add);
    }

    @Test
    void anImageAboveThePixelBudgetIsABadFile() throws IOException {
        Path dir = folderWithBomb();
        String why = "image is 10000x10000 pixels (100000000), more than the limit of "
                + ImageDecoder.MAX_PIXELS + " pixels per image";
        // Both passes check it: the one over the headers (no target size) and the decoding one
        // (with a target size, the headers are not read first).
        for (ImageSize size : new ImageSize[] {null, new ImageSize(16, 16)}) {
            ImageFolderException e = assertThrows(ImageFolderException.class,
                    () -> read(dir, size, BadImagePolicy.FAIL));
            assertEquals(ImageFolderException.Problem.BAD_IMAGE, e.problem());
            assertEquals(dir.resolve("b.png") + ": " + why, e.getMessage());

            warnings.clear();
            ImageSet s = read(dir, size, BadImagePolicy.SKIP);
            assertEquals(2, s.size());
            assertEquals(List.of(dir + ": skipped 1 bad image file of 3: b.png (" + why + ")"),
                    warnings);
        }
    }

    @Test
    void anImageOfExactlyTheBudgetIsDecoded() throws IOException {
        assertEquals(64L * 1024 * 1024, ImageDecoder.MAX_PIXELS);
        // 8192x8192 is the budget: it gets to decoding, which fails on the missing pixel data.
        Path dir = tmp.resolve("edge");
        Files.createDirectories(dir);
        Files.write(dir.resolve("e.png"), ImageBombs.png(8192, 8192));
        ImageFolderException e = assertThrows(ImageFolderException.class,
                () -> read(dir, null, BadImagePolicy.FAIL));
        assertTrue(e.getMessage().startsWith(dir.resolve("e.png") + ": unreadable"),
                e.getMessage());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoWithAnImageNameIsABadFileNotAHang() throws IOException, InterruptedException {
        Path dir = tmp.resolve("fifo");
        Files.createDirectories(dir);
        ImageFolderTest.write(ImageFolderTest.noise(32, 32, 1), "png", dir.resolve("a.png"));
        Path fifo = dir.resolve("x.png");
        assumeTrue(mkfifo(fifo), "mkfifo is not available");
        assumeTrue(!Files.isRegularFile(fifo) && Files.exists(fifo), "not a FIFO");

        ImageFolderException e = assertThrows(ImageFolderException.class,
                () -> read(dir, null, BadImagePolicy.FAIL));
        assertEquals(ImageFolderException.Problem.BAD_IMAGE, e.problem());
        assertEquals(fifo + ": not a regular file (a FIFO, device or socket)", e.getMessage());

        ImageSet s = read(dir, new ImageSize(16, 16), BadImagePolicy.SKIP);
        assertEquals(1, s.size());
        assertEquals(List.of(dir + ": skipped 1 bad image file of 2: x.png (not a regular file"
                + " (a FIFO, device or socket))"), warnings);
    }

    private static boolean mkfifo(Path fifo) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mkfifo on this system
        }
    }
}
