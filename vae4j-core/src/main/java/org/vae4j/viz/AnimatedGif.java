package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.vae4j.io.AtomicFiles;

/**
 * Writes an endlessly looping animated GIF with the JDK's own GIF writer: each frame gets a
 * Graphic Control Extension with the delay, and the first one the NETSCAPE2.0 application
 * extension with loop count 0 (forever), which is what browsers look for.
 */
final class AnimatedGif {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {}

    /**
     * Writes the frames atomically.
     *
     * @param frames the frames, all of the same size and type, at least one
     * @param delayMillis display time of each frame (GIF stores hundredths of a second)
     * @param file the GIF file
     * @throws IOException if writing fails
     */
    static void write(List<BufferedImage> frames, int delayMillis, Path file)
            throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        if (delayMillis < 10) {
            throw new IllegalArgumentException("delay must be >= 10 ms, got " + delayMillis);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException(file + ": no GIF writer available");
        }
        ImageWriter writer = writers.next();
        try {
            AtomicFiles.write(file, out -> {
                // Memory-cached so that ImageIO never creates a temporary file of its own.
                try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.prepareWriteSequence(null);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    for (int i = 0; i < frames.size(); i++) {
                        BufferedImage f = frames.get(i);
                        IIOMetadata meta = writer.getDefaultImageMetadata(
                                ImageTypeSpecifier.createFromRenderedImage(f), param);
                        configure(meta, delayMillis, i == 0);
                        writer.writeToSequence(new IIOImage(f, null, meta), param);
                    }
                    writer.endWriteSequence();
                }
            });
        } finally {
            writer.dispose();
        }
    }

    private static void configure(IIOMetadata meta, int delayMillis, boolean first)
            throws IOException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.round(delayMillis / 10f)));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            // Sub-block 1, then the loop count as little-endian 16 bits: 0 = forever.
            app.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
