package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTML structure, escaping, inline PNGs and atomic writing of {@link RunReport}. */
class RunReportTest {

    private static final String EVIL = "<script>alert('x')</script> & \"quoted\"";
    private static final String EVIL_ESCAPED =
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;";

    @TempDir Path tmp;

    /** A w x h picture whose pixel (x, y) has colour x * 65536 + y. */
    private static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x << 16) | y);
            }
        }
        return img;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
                RunReport.escape("<a href=\"x\">Tom & Jerry's</a>"));
        assertEquals("plain text, 1.5 nats", RunReport.escape("plain text, 1.5 nats"));
        assertEquals("", RunReport.escape(null));
        assertEquals("&amp;amp;", RunReport.escape("&amp;"), "escaping is not idempotent");
    }

    @Test
    void everyStringIsEscaped() {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put(EVIL, EVIL);
        rows.put("null value", null);
        String html = RunReport.builder(EVIL)
                .fact(EVIL, EVIL)
                .addTable(EVIL, EVIL, rows)
                .addText("Text " + EVIL, "first " + EVIL + "\nsecond line")
                .addImage("Image " + EVIL, EVIL, gradient(3, 2))
                .build()
                .html();
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("'x'"), html);
        // Title (2: <title> and <h1>), fact name and value (2), table heading, key, value and
        // caption (4), text heading and paragraph (2), image heading, alt text and caption (3).
        assertEquals(13, count(html, EVIL_ESCAPED), html);
        assertTrue(html.contains("<tr><th>null value</th><td>-</td></tr>"), html);
        assertTrue(html.contains("<p>second line</p>"), html);
    }

    @Test
    void imagesAreInlinePngsOfTheirOwnSizeAndPixels() {
        BufferedImage small = gradient(7, 5);
        BufferedImage wide = gradient(RunReport.HALF_WIDTH + 1, 2);
        String html = RunReport.builder("t")
                .addImage("Small", "caption", small)
                .addImage("Wide", null, wide)
                .build()
                .html();
        Map<String, String> sections = ReportHtml.sections(html);
        assertEquals(List.of("small", "wide"), List.copyOf(sections.keySet()));
        BufferedImage back = ReportHtml.image(sections, "small");
        assertEquals(7, back.getWidth());
        assertEquals(5, back.getHeight());
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals((x << 16) | y, back.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
        assertEquals(RunReport.HALF_WIDTH + 1, ReportHtml.image(sections, "wide").getWidth());
        assertTrue(html.contains("<section id=\"small\">"), "a small image shares a row");
        assertTrue(html.contains("<section id=\"wide\" class=\"wide\">"), "a wide one spans it");
        assertTrue(html.contains("<p>caption</p>"));
    }

    @Test
    void imagesAreEncodedWhenAdded() {
        BufferedImage img = gradient(2, 2);
        RunReport.Builder b = RunReport.builder("t").addImage("Before", null, img);
        img.setRGB(0, 0, 0xFFFFFF);
        BufferedImage back = ReportHtml.image(ReportHtml.sections(b.build().html()), "before");
        assertEquals(0, back.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void sectionIdsAreReadableAndUnique() {
        String html = RunReport.builder("t")
                .addText("KL per unit", "a")
                .addText("KL per unit", "b")
                .addText("  ***  ", "c")
                .addText("Latent space (L = 2)", "d")
                .build()
                .html();
        assertEquals(List.of("kl-per-unit", "kl-per-unit-2", "section", "latent-space-l-2"),
                List.copyOf(ReportHtml.sections(html).keySet()));
    }

    @Test
    void thePageIsSelfContained() {
        String html = RunReport.builder("t")
                .fact("Run directory", "/runs/x")
                .addImage("Picture", null, gradient(4, 4))
                .build()
                .html();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("Content-Security-Policy"));
        assertTrue(html.contains("<style>"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") || html.contains("https://"), html);
        // Every src and href is a data: URL.
        for (String attr : List.of("src=\"", "href=\"")) {
            String[] parts = html.split(attr, -1);
            for (int i = 1; i < parts.length; i++) {
                assertTrue(parts[i].startsWith("data:"), attr + parts[i].substring(0, 20));
            }
        }
        assertTrue(html.contains("<dt>Run directory</dt><dd>/runs/x</dd>"), html);
        assertTrue(html.trim().endsWith("</html>"));
    }

    @Test
    void factsKeepTheirFirstPlace() {
        String html = RunReport.builder("t").fact("a", 1).fact("b", 2).fact("a", 3).fact("c", null)
                .build().html();
        int a = html.indexOf("<dt>a</dt><dd>3</dd>");
        int b = html.indexOf("<dt>b</dt><dd>2</dd>");
        assertTrue(a > 0 && b > a, html);
        assertTrue(html.contains("<dt>c</dt><dd>-</dd>"), html);
    }

    @Test
    void writesTheFileAtomically() throws IOException {
        RunReport r = RunReport.builder("t").addText("Note", "hello").build();
        Path file = tmp.resolve("sub").resolve("report.html");
        r.write(file);
        assertEquals(r.html(), Files.readString(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void refusesMissingTitlesAndImages() {
        assertThrows(IllegalArgumentException.class, () -> RunReport.builder(" "));
        RunReport.Builder b = RunReport.builder("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.addImage("Latent space", null, null));
        assertTrue(e.getMessage().contains("Latent space"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.addText("", "x"));
    }

    @Test
    void withTableAppendsASectionThenReplacesIt() {
        String page = RunReport.builder("run").addText("Notes", "kept").build().html();
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("FD-LeNet", "12.5");
        String once = RunReport.withTable(page, "Sample quality", EVIL, first);
        assertTrue(once.contains("<th>FD-LeNet</th><td>12.5</td>"), once);
        assertTrue(once.contains(EVIL_ESCAPED), "caption escaped");
        assertTrue(once.indexOf("id=\"notes\"") < once.indexOf("id=\"sample-quality\""));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("FD-LeNet", "7.25");
        String twice = RunReport.withTable(once, "Sample quality", null, second);
        assertFalse(twice.contains("12.5"), twice);
        assertTrue(twice.contains("<td>7.25</td>"), twice);
        assertEquals(twice.indexOf("id=\"sample-quality\""),
                twice.lastIndexOf("id=\"sample-quality\""), "one section");
        assertTrue(twice.contains("kept") && twice.endsWith("</main>\n</body>\n</html>\n"));
        assertThrows(IllegalArgumentException.class,
                () -> RunReport.withTable("<html>hello</html>", "x", null, first));
    }
}
