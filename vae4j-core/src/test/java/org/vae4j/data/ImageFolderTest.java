package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageFolder} on folders of PNG and JPEG files written by the tests. */
class ImageFolderTest {

    @TempDir Path tmp;

    private final List<String> warnings = new ArrayList<>();

    // ---------------------------------------------------------------- helpers

    /** Red squares (in squares/) and blue circles (in circles/) on black, 32x32. */
    static Path shapes(Path dir, int perClass) throws IOException {
        for (int i = 0; i < perClass; i++) {
            int shift = i % 4;
            BufferedImage sq = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sq.createGraphics();
            g.setColor(Color.RED);
            g.fillRect(8 + shift, 8, 16, 16); // columns 8+shift..23+shift, rows 8..23
            g.dispose();
            write(sq, "png", dir.resolve("squares").resolve(String.format("%02d.png", i)));
            BufferedImage ci = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            g = ci.createGraphics();
            g.setColor(Color.BLUE);
            g.fillOval(6, 6 + shift, 20, 20);
            g.dispose();
            write(ci, "png", dir.resolve("circles").resolve(String.format("%02d.png", i)));
        }
        return dir;
    }

    static Path write(BufferedImage img, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()), "no writer for " + format);
        return file;
    }

    static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static BufferedImage noise(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    private ImageSet read(Path dir, ImageSize size, ColorMode color, BadImagePolicy bad)
            throws IOException {
        return ImageFolder.read(dir, new ImageFolder.Options(size, color, bad), warnings::add);
    }

    private ImageSet read(Path dir) throws IOException {
        return ImageFolder.read(dir, new ImageFolder.Options(), warnings::add);
    }

    /** Pixel (c, y, x) of image i. */
    private static int px(ImageSet s, int i, int c, int y, int x) {
        return s.pixel(i, c * s.height() * s.width() + y * s.width() + x);
    }

    // ---------------------------------------------------------------- layout and labels

    @Test
    void classSubFoldersBecomeLabelsAndClassNames() throws IOException {
        ImageSet s = read(shapes(tmp.resolve("shapes"), 12));
        assertEquals(24, s.size());
        assertEquals(3, s.channels(), "red and blue images: auto picks RGB");
        assertEquals(32, s.height());
        assertEquals(32, s.width());
        assertEquals(List.of("circles", "squares"), s.classNames());
        int[] expected = new int[24];
        Arrays.fill(expected, 12, 24, 1); // circles/00..11 first, then squares/00..11
        assertArrayEquals(expected, s.labels());
        assertTrue(warnings.isEmpty(), warnings::toString);

        // squares/03.png (image 15): square over columns 11..26, rows 8..23.
        int sq3 = 15;
        assertEquals(255, px(s, sq3, 0, 16, 11));
        assertEquals(0, px(s, sq3, 1, 16, 11));
        assertEquals(0, px(s, sq3, 2, 16, 11));
        assertEquals(0, px(s, sq3, 0, 16, 10), "left of the square is black");
        assertEquals(0, px(s, sq3, 0, 7, 16), "above the square is black");
        // circles/00.png (image 0): centre (16, 16) is blue.
        assertEquals(0, px(s, 0, 0, 16, 16));
        assertEquals(0, px(s, 0, 1, 16, 16));
        assertEquals(255, px(s, 0, 2, 16, 16));
        assertEquals(0, px(s, 0, 2, 0, 0));
        assertTrue(s.source().contains("shapes"), s.source());
    }

    @Test
    void imagesDirectlyInTheFolderHaveNoLabels() throws IOException {
        Path dir = tmp.resolve("flat");
        write(solid(4, 4, 0x808080), "png", dir.resolve("b.png"));
        write(solid(4, 4, 0x404040), "png", dir.resolve("a.png"));
        ImageSet s = read(dir);
        assertFalse(s.hasLabels());
        assertEquals(List.of(), s.classNames());
        assertEquals(0x40, s.pixel(0, 0), "sorted: a.png first");
        assertEquals(0x80, s.pixel(1, 0));
    }

    @Test
    void extensionsInAnyCaseRecursiveAndSorted() throws IOException {
        Path dir = tmp.resolve("ext");
        write(solid(4, 4, 0x010101), "png", dir.resolve("c").resolve("deep").resolve("z.PNG"));
        write(solid(4, 4, 0x020202), "png", dir.resolve("c").resolve("a.png"));
        write(solid(4, 4, 0x030303), "jpg", dir.resolve("a").resolve("x.JpG"));
        write(solid(4, 4, 0x040404), "jpg", dir.resolve("b").resolve("y.jpeg"));
        Files.writeString(dir.resolve("a").resolve("notes.txt"), "not an image");
        Files.write(dir.resolve("a").resolve("._x.JpG"), new byte[] {0, 5, 22, 7});
        write(solid(4, 4, 0xffffff), "png", dir.resolve(".cache").resolve("thumb.png"));
        ImageSet s = read(dir, null, ColorMode.GRAY, BadImagePolicy.FAIL);
        assertEquals(4, s.size(), "hidden files and folders and other extensions are ignored");
        assertEquals(List.of("a", "b", "c"), s.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 2}, s.labels());
        // In c/: "a.png" sorts before "deep/z.PNG" component by component.
        assertEquals(2, s.pixel(2, 0));
        assertEquals(1, s.pixel(3, 0));
        // JPEG is lossy, but a flat gray square comes back within a level or two.
        assertEquals(3, s.pixel(0, 5), 2);
        assertEquals(4, s.pixel(1, 5), 2);
    }

    @Test
    void imagesBothInTheFolderAndInSubFoldersAreRefused() throws IOException {
        Path dir = tmp.resolve("mixed");
        write(solid(4, 4, 0), "png", dir.resolve("loose.png"));
        write(solid(4, 4, 0), "png", dir.resolve("cats").resolve("1.png"));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(dir));
        assertTrue(e.getMessage().contains("loose.png") && e.getMessage().contains("cats/"),
                e.getMessage());
    }

    @Test
    void emptyFolderIsOneLineError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        ImageFolderException e = assertThrows(ImageFolderException.class, () -> read(dir));
        assertEquals(dir + ": no PNG or JPEG images found", e.getMessage());
        assertEquals(ImageFolderException.Problem.NO_IMAGES, e.problem());
        Files.writeString(dir.resolve("readme.txt"), "nothing to see");
        e = assertThrows(ImageFolderException.class, () -> read(dir));
        assertEquals(dir + ": no PNG or JPEG images found", e.getMessage());
        InvalidDataException missing = assertThrows(InvalidDataException.class,
                () -> read(tmp.resolve("nope")));
        assertTrue(missing.getMessage().endsWith("nope: no such directory"), missing.getMessage());
    }

    // ---------------------------------------------------------------- sizes

    @Test
    void mixedSizesWithoutATargetSizeNameTheFileAndBothSizes() throws IOException {
        Path dir = tmp.resolve("sizes");
        write(solid(32, 32, 0), "png", dir.resolve("a.png"));
        write(solid(32, 32, 0), "png", dir.resolve("b.png"));
        write(solid(30, 40, 0), "png", dir.resolve("c.png")); // 30 wide, 40 high
        ImageFolderException e = assertThrows(ImageFolderException.class, () -> read(dir));
        assertEquals(ImageFolderException.Problem.MIXED_SIZES, e.problem());
        assertEquals(dir.resolve("c.png") + ": image is 40x30 (HxW) but a.png is 32x32;"
                + " images of different sizes need a target size", e.getMessage());
        ImageSet s = read(dir, new ImageSize(16, 16), ColorMode.AUTO, BadImagePolicy.FAIL);
        assertEquals(3, s.size());
        assertEquals(16, s.height());
        assertEquals(16, s.width());
    }

    @Test
    void resizeScalesTheShorterSideAndCropsTheCentre() throws IOException {
        // 60 wide, 40 high: columns 0-19 red, 20-39 green, 40-59 blue.
        BufferedImage wide = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 60; x++) {
                wide.setRGB(x, y, x < 20 ? 0xff0000 : x < 40 ? 0x00ff00 : 0x0000ff);
            }
        }
        Path dir = tmp.resolve("wide");
        write(wide, "png", dir.resolve("w.png"));
        ImageSet s = read(dir, new ImageSize(20, 20), ColorMode.RGB, BadImagePolicy.FAIL);
        assertEquals(20, s.height());
        assertEquals(20, s.width());
        // Halved to 30x20, then columns 5..24 kept: red 0-4, green 5-14, blue 15-19.
        for (int y : new int[] {0, 10, 19}) {
            assertEquals(255, px(s, 0, 0, y, 0), "red at the left");
            assertEquals(0, px(s, 0, 1, y, 0));
            assertEquals(255, px(s, 0, 1, y, 10), "green in the middle");
            assertEquals(0, px(s, 0, 0, y, 10));
            assertEquals(255, px(s, 0, 2, y, 19), "blue at the right");
            assertEquals(0, px(s, 0, 1, y, 19));
        }

        // HxW target: 40 rows, 20 columns from the same image: scaled by 1 (height fits),
        // then columns 20..39 (all green) kept.
        ImageSet tall = read(dir, ImageSize.parse("40x20"), ColorMode.RGB, BadImagePolicy.FAIL);
        assertEquals(40, tall.height());
        assertEquals(20, tall.width());
        assertEquals(255, px(tall, 0, 1, 0, 0));
        assertEquals(255, px(tall, 0, 1, 39, 19));
        assertEquals(0, px(tall, 0, 0, 20, 10));
    }

    @Test
    void resizeHandlesLargeDownscalesAndUpscales() {
        // 400x300 uniform gray noise, mean 127.5, sd 74. Downscaled 30 times, every output
        // pixel should average hundreds of source pixels (sd < 5); a single bilinear step would
        // blend only 4 of them (sd 37) and alias.
        BufferedImage noise = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(5);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                noise.setRGB(x, y, r.nextInt(256) * 0x010101);
            }
        }
        BufferedImage small = ImageConversion.resizeAndCrop(noise, new ImageSize(10, 10));
        assertEquals(10, small.getWidth());
        assertEquals(10, small.getHeight());
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                int v = small.getRGB(x, y) & 0xFF;
                assertEquals(128, v, 20, "pixel " + x + "," + y + " must average many pixels");
            }
        }
        BufferedImage big = ImageConversion.resizeAndCrop(solid(8, 6, 0x336699),
                new ImageSize(12, 12));
        assertEquals(12, big.getWidth());
        assertEquals(12, big.getHeight());
        assertEquals(0x336699, big.getRGB(6, 6) & 0xffffff, "a flat colour stays flat");
    }

    // ---------------------------------------------------------------- colour

    @Test
    void grayIsTheLumaOfTheColour() throws IOException {
        Path dir = tmp.resolve("colours");
        write(solid(8, 8, 0xff0000), "png", dir.resolve("1-red.png"));
        write(solid(8, 8, 0x00ff00), "png", dir.resolve("2-green.png"));
        write(solid(8, 8, 0x0000ff), "png", dir.resolve("3-blue.png"));
        write(solid(8, 8, 0x646464), "png", dir.resolve("4-gray.png"));
        ImageSet s = read(dir, null, ColorMode.GRAY, BadImagePolicy.FAIL);
        assertEquals(1, s.channels());
        // round(0.299*255) = 76, round(0.587*255) = 150, round(0.114*255) = 29; gray stays 100.
        assertEquals(76, s.pixel(0, 27));
        assertEquals(150, s.pixel(1, 27));
        assertEquals(29, s.pixel(2, 27));
        assertEquals(100, s.pixel(3, 27));
        assertEquals(76, ImageConversion.luma(255, 0, 0));
        assertEquals(ColorMode.GRAY, ColorMode.parse(" Grey "));
    }

    @Test
    void grayFilesKeepTheirStoredValues() throws IOException {
        // Java's gray colour space is linear: getRGB would turn a stored 128 into 188.
        BufferedImage g = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                g.getRaster().setSample(x, y, 0, 128);
            }
        }
        BufferedImage g16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                g16.getRaster().setSample(x, y, 0, 50 * 257); // 16-bit 12850 is 8-bit 50
            }
        }
        Path dir = tmp.resolve("gray");
        write(g, "png", dir.resolve("a.png"));
        write(g16, "png", dir.resolve("b.png"));
        ImageSet auto = read(dir);
        assertEquals(1, auto.channels(), "no colour anywhere: auto picks gray");
        assertEquals(128, auto.pixel(0, 5));
        assertEquals(50, auto.pixel(1, 5));
        ImageSet rgb = read(dir, null, ColorMode.RGB, BadImagePolicy.FAIL);
        assertEquals(3, rgb.channels());
        for (int c = 0; c < 3; c++) {
            assertEquals(128, px(rgb, 0, c, 1, 1));
        }
    }

    @Test
    void losslessFilesAreReadExactly() throws IOException {
        BufferedImage original = noise(23, 17, 9);
        BufferedImage indexed = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.createGraphics().drawImage(noise(5, 3, 10), 0, 0, null);
        Path dir = tmp.resolve("exact");
        write(original, "png", dir.resolve("a.png"));
        ImageSet s = read(dir, null, ColorMode.RGB, BadImagePolicy.FAIL);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 23; x++) {
                int p = original.getRGB(x, y);
                assertEquals(p >> 16 & 0xFF, px(s, 0, 0, y, x));
                assertEquals(p >> 8 & 0xFF, px(s, 0, 1, y, x));
                assertEquals(p & 0xFF, px(s, 0, 2, y, x));
            }
        }
        Path pal = tmp.resolve("palette");
        write(indexed, "png", pal.resolve("p.png"));
        ImageSet p = read(pal, null, ColorMode.RGB, BadImagePolicy.FAIL);
        assertEquals(indexed.getRGB(4, 2) >> 8 & 0xFF, px(p, 0, 1, 2, 4), "palette colours");
    }

    @Test
    void oneColouredImageMakesAutoChooseRgb() throws IOException {
        Path dir = tmp.resolve("auto");
        write(solid(4, 4, 0x202020), "png", dir.resolve("a.png"));
        BufferedImage dot = solid(4, 4, 0x202020);
        dot.setRGB(3, 3, 0x202120);
        write(dot, "png", dir.resolve("b.png"));
        ImageSet s = read(dir);
        assertEquals(3, s.channels());
        assertEquals(0x21, px(s, 1, 1, 3, 3));
        assertEquals(0x20, px(s, 0, 1, 3, 3));
    }

    @Test
    void transparentPixelsAreCompositedOverBlack() throws IOException {
        BufferedImage a = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(0, 0, 0x00ffffff); // fully transparent white
        a.setRGB(1, 0, 0x80ff0000); // half-transparent red: 255 * 128 / 255 = 128
        Path dir = tmp.resolve("alpha");
        write(a, "png", dir.resolve("a.png"));
        ImageSet s = read(dir, null, ColorMode.RGB, BadImagePolicy.FAIL);
        assertEquals(0, px(s, 0, 0, 0, 0));
        assertEquals(128, px(s, 0, 0, 0, 1));
        assertEquals(0, px(s, 0, 1, 0, 1));
    }

    // ---------------------------------------------------------------- bad files

    /** Two good 64x64 images and four bad files. */
    private Path folderWithBadFiles() throws IOException {
        Path dir = tmp.resolve("bad");
        write(noise(64, 64, 1), "png", dir.resolve("good-1.png"));
        write(noise(64, 64, 2), "jpg", dir.resolve("good-2.jpg"));
        Files.write(dir.resolve("bad-empty.png"), new byte[0]);
        Files.writeString(dir.resolve("bad-text.jpg"), "this is a text file, not a JPEG");
        byte[] png = Files.readAllBytes(write(noise(64, 64, 3), "png", tmp.resolve("x.png")));
        Files.write(dir.resolve("bad-cut.png"), Arrays.copyOf(png, png.length / 2));
        byte[] jpg = Files.readAllBytes(write(noise(64, 64, 4), "jpg", tmp.resolve("x.jpg")));
        Files.write(dir.resolve("bad-cut.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        return dir;
    }

    @Test
    void badFilesFailTheReadByName() throws IOException {
        Path dir = folderWithBadFiles();
        ImageFolderException e = assertThrows(ImageFolderException.class,
                () -> read(dir, null, ColorMode.AUTO, BadImagePolicy.FAIL));
        assertEquals(ImageFolderException.Problem.BAD_IMAGE, e.problem());
        // The two cut files sort first, but their headers are intact: the pass that reads the
        // sizes finds the empty file first, and stops there.
        assertEquals(dir.resolve("bad-empty.png") + ": empty file", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Files.delete(dir.resolve("bad-empty.png"));
        Files.delete(dir.resolve("bad-text.jpg"));
        e = assertThrows(ImageFolderException.class,
                () -> read(dir, new ImageSize(64, 64), ColorMode.AUTO, BadImagePolicy.FAIL));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad-cut.jpg") + ": unreadable"),
                e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badFilesAreSkippedWithOneWarningNamingAndCountingThem() throws IOException {
        Path dir = folderWithBadFiles();
        ImageSet s = read(dir, null, ColorMode.AUTO, BadImagePolicy.SKIP);
        assertEquals(2, s.size());
        assertEquals(3, s.channels());
        assertEquals(1, warnings.size(), warnings::toString);
        String w = warnings.get(0);
        assertTrue(w.startsWith(dir + ": skipped 4 bad image files of 6: "), w);
        for (String f : List.of("bad-empty.png (empty file)",
                "bad-text.jpg (not a PNG or JPEG image)", "bad-cut.png (unreadable",
                "bad-cut.jpg (unreadable: truncated image data)")) {
            assertTrue(w.contains(f), () -> "'" + f + "' missing from: " + w);
        }
        // The good ones are there, in order: good-1.png's first red value is noise(1)'s.
        assertEquals(noise(64, 64, 1).getRGB(0, 0) >> 16 & 0xFF, s.pixel(0, 0));
    }

    @Test
    void allFilesBadIsAnError() throws IOException {
        Path dir = tmp.resolve("allbad");
        Files.createDirectories(dir);
        Files.write(dir.resolve("a.png"), new byte[0]);
        ImageFolderException e = assertThrows(ImageFolderException.class,
                () -> read(dir, null, ColorMode.AUTO, BadImagePolicy.SKIP));
        assertTrue(e.getMessage().startsWith(dir + ": no readable PNG or JPEG images"),
                e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void optionValuesParse() {
        assertEquals(new ImageSize(32, 32), ImageSize.parse("32"));
        assertEquals(new ImageSize(48, 64), ImageSize.parse(" 48X64 "));
        assertEquals("48x64", ImageSize.parse("48x64").toString());
        for (String bad : new String[] {"", "0", "-3", "32x", "x32", "3x4x5", "big"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageSize.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals(BadImagePolicy.SKIP, BadImagePolicy.parse("Skip"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BadImagePolicy.parse("ignore"));
        assertTrue(e.getMessage().contains("'ignore'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ColorMode.parse("cmyk"));
        assertTrue(e.getMessage().contains("gray, rgb, auto") && e.getMessage().contains("cmyk"),
                e.getMessage());
    }
}
