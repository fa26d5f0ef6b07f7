package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads a report's HTML back in tests: its sections and their decoded images. */
final class ReportHtml {

    private static final Pattern SECTION =
            Pattern.compile("<section id=\"([^\"]+)\"[^>]*>(.*?)</section>", Pattern.DOTALL);
    private static final Pattern IMG = Pattern.compile(
            "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\""
                    + " height=\"(\\d+)\"");
    private static final String PNG_PREFIX = "data:image/png;base64,";

    private ReportHtml() {}

    /** Section ids in page order, each with its inner HTML. */
    static Map<String, String> sections(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(html);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /**
     * Decodes every {@code <img>} of a fragment, checking that each is a PNG data URL whose
     * picture has the size its width and height attributes claim.
     */
    static List<BufferedImage> images(String fragment) {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = IMG.matcher(fragment);
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(1));
            BufferedImage img;
            try {
                img = ImageIO.read(new ByteArrayInputStream(png));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertNotNull(img, "an <img> is not a decodable PNG");
            assertEquals(Integer.parseInt(m.group(2)), img.getWidth(), "width attribute");
            assertEquals(Integer.parseInt(m.group(3)), img.getHeight(), "height attribute");
            out.add(img);
        }
        // Every <img> tag must have matched the strict pattern above.
        int tags = fragment.split("<img ", -1).length - 1;
        assertEquals(tags, out.size(), "an <img> is not a PNG data URL with width and height");
        int dataUrls = fragment.split(PNG_PREFIX, -1).length - 1;
        assertTrue(dataUrls >= out.size());
        return out;
    }

    /** The single image of a section. */
    static BufferedImage image(Map<String, String> sections, String id) {
        String s = sections.get(id);
        assertNotNull(s, () -> "no section #" + id + " in " + sections.keySet());
        List<BufferedImage> imgs = images(s);
        assertEquals(1, imgs.size(), () -> "section #" + id + " images");
        return imgs.get(0);
    }
}
