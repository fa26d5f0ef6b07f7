package org.vae4j.eval;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.vae4j.data.ImageSet;

/**
 * The complexity of an image as the length of its lossless compression: {@code L(x) = 8 ln 2 ·
 * bytes(PNG(x))} nats, the JDK's PNG writer at its highest compression (deflate level 9). Serrà
 * et al. (ICLR 2020) subtract it from {@code -log p(x)}: a generative model's likelihood is
 * dominated by how simple an image is, and the difference measures what the model finds
 * surprising beyond that. PNG because every JDK has it, it is lossless and deterministic, and
 * its filters plus deflate are what the paper's PNG row used; its constant header and chunk
 * overhead shifts every image alike, so rankings do not depend on it.
 */
public final class InputComplexity {

    private InputComplexity() {}

    /**
     * {@code L(x)} of every image of a set, from its stored 8-bit pixels.
     *
     * @param data the images (1 or 3 channels)
     * @return nats per image, indexed like {@code data}
     */
    public static double[] of(ImageSet data) {
        double[] out = new double[data.size()];
        // Images are independent: encode them on every core, one PNG writer per thread.
        int chunk = 256;
        java.util.stream.IntStream.range(0, (out.length + chunk - 1) / chunk).parallel()
                .forEach(c -> encode(data, c * chunk, Math.min(out.length, (c + 1) * chunk),
                        out));
        return out;
    }

    private static void encode(ImageSet data, int from, int to, double[] out) {
        ImageWriter writer = pngWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f); // 0 = smallest file for the JDK's PNG writer
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            for (int i = from; i < to; i++) {
                bytes.reset();
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(image(data, i), null, null), param);
                }
                out[i] = bytes.size() * 8 * Math.log(2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter pngWriter() {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png");
        if (!it.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG writer");
        }
        return it.next();
    }

    /** Image {@code i} as a gray or RGB picture of its stored bytes (channels first). */
    private static BufferedImage image(ImageSet data, int i) {
        int h = data.height();
        int w = data.width();
        boolean rgb = data.channels() == 3;
        BufferedImage img = new BufferedImage(w, h,
                rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = y * w + x;
                if (rgb) {
                    int r = data.pixel(i, o);
                    int g = data.pixel(i, plane + o);
                    int b = data.pixel(i, 2 * plane + o);
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                } else {
                    img.getRaster().setSample(x, y, 0, data.pixel(i, o));
                }
            }
        }
        return img;
    }
}
