package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.vae4j.io.AtomicFiles;

/**
 * A self-contained HTML report: a title, a list of facts, then sections of images (PNG, inline as
 * {@code data:} URLs), tables and text. The page needs nothing but itself: CSS is inline, there is
 * no script, and a Content-Security-Policy forbids loading anything from elsewhere, so it can be
 * mailed, archived or opened offline.
 *
 * <pre>{@code
 * RunReport report = RunReport.builder("vae4j run")
 *         .fact("Run directory", "runs/fmnist")
 *         .addImage("Latent space", "Posterior means of 1,000 images.", picture)
 *         .build();
 * report.write(Path.of("runs/fmnist/report.html"));
 * }</pre>
 *
 * <p>Every string given to the builder is HTML-escaped. {@link TrainingReport} adds the standard
 * sections of a training run.
 */
public final class RunReport {

    /** Images at most this wide share a row with another section; wider ones span the page. */
    static final int HALF_WIDTH = 560;

    private final String html;

    private RunReport(String html) {
        this.html = html;
    }

    /**
     * Starts a report.
     *
     * @param title the page title and heading
     * @return a builder
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * Returns the complete HTML document.
     *
     * @return the page
     */
    public String html() {
        return html;
    }

    /**
     * Writes the page atomically (a reader sees the old or the complete new report).
     *
     * @param file the HTML file
     * @throws IOException if writing fails; the file is then unchanged
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, html);
    }

    /**
     * Escapes text for HTML element content and quoted attribute values.
     *
     * @param s the text, or null (escaped as the empty string)
     * @return the text with {@code & < > " '} replaced by entities
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Puts a table section into a report written earlier by this class: the section with the
     * same title is replaced, or the new one is appended at the end. Commands run after
     * training (e.g. {@code vae4j quality}) add their results this way without redrawing the
     * whole report.
     *
     * @param html a page from {@link #html()}
     * @param title the section heading
     * @param caption text under the table (may be null)
     * @param rows names and values, in order
     * @return the new page
     * @throws IllegalArgumentException if the page was not made by this class
     */
    public static String withTable(String html, String title, String caption,
            Map<String, ?> rows) {
        int end = html.lastIndexOf("</main>");
        if (end < 0 || !html.startsWith("<!DOCTYPE html>")) {
            throw new IllegalArgumentException("not a vae4j report: it has no <main> element");
        }
        // A lone section built by a throw-away builder: its id is the title's, as in the page.
        Builder one = new Builder(title).addTable(title, caption, rows);
        String section = one.sections.get(0);
        String open = section.substring(0, section.indexOf('>') + 1).replace(" class=\"wide\"", "");
        int at = html.indexOf(open.substring(0, open.length() - 1));
        if (at >= 0) {
            int close = html.indexOf("</section>\n", at);
            if (close > 0 && close < end) {
                return html.substring(0, at) + section
                        + html.substring(close + "</section>\n".length());
            }
        }
        return html.substring(0, end) + section + html.substring(end);
    }

    /** Encodes an image as a {@code data:image/png;base64,...} URL. */
    static String pngDataUrl(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** Collects the facts and sections of a report, in order. Not thread-safe. */
    public static final class Builder {

        private final String title;
        private final Map<String, String> facts = new LinkedHashMap<>();
        private final List<String> sections = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        private Builder(String title) {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("a report needs a title, got '" + title + "'");
            }
            this.title = title;
        }

        /**
         * Adds a line to the list under the title (run directory, date, wall time...). A name
         * given twice keeps its first place and takes the new value.
         *
         * @param name what the value is
         * @param value the value (its {@code toString()}; null shows as "-")
         * @return this builder
         */
        public Builder fact(String name, Object value) {
            facts.put(name, value == null ? "-" : value.toString());
            return this;
        }

        /**
         * Adds a section showing a picture, encoded now as PNG (later changes to the image do
         * not show). Pictures up to {@value #HALF_WIDTH} pixels wide share a row.
         *
         * @param title the section heading
         * @param caption text under the picture (may be null)
         * @param image the picture, shown at its natural size or narrower on small screens
         * @return this builder
         */
        public Builder addImage(String title, String caption, BufferedImage image) {
            if (image == null) {
                throw new IllegalArgumentException("section '" + title + "': no image");
            }
            String body = String.format(Locale.ROOT,
                    "<img src=\"%s\" width=\"%d\" height=\"%d\" alt=\"%s\">",
                    pngDataUrl(image), image.getWidth(), image.getHeight(), escape(title))
                    + paragraph(caption);
            return section(title, image.getWidth() > HALF_WIDTH, body);
        }

        /**
         * Adds a two-column table of names and values.
         *
         * @param title the section heading
         * @param caption text under the table (may be null)
         * @param rows names and values, in order (values by {@code toString()}; null shows "-")
         * @return this builder
         */
        public Builder addTable(String title, String caption, Map<String, ?> rows) {
            StringBuilder b = new StringBuilder("<table>\n");
            for (Map.Entry<String, ?> e : rows.entrySet()) {
                Object v = e.getValue();
                b.append("<tr><th>").append(escape(e.getKey())).append("</th><td>")
                        .append(escape(v == null ? "-" : v.toString())).append("</td></tr>\n");
            }
            b.append("</table>").append(paragraph(caption));
            return section(title, false, b.toString());
        }

        /**
         * Adds a section of plain text (one paragraph per line).
         *
         * @param title the section heading
         * @param text the text
         * @return this builder
         */
        public Builder addText(String title, String text) {
            StringBuilder b = new StringBuilder();
            for (String line : (text == null ? "" : text).split("\n")) {
                b.append(paragraph(line));
            }
            return section(title, true, b.toString());
        }

        /**
         * Assembles the page.
         *
         * @return the report
         */
        public RunReport build() {
            StringBuilder h = new StringBuilder(1 << 16);
            h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    // Nothing may be fetched: images are data: URLs, styles are inline.
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src"
                            + " 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width,"
                            + " initial-scale=1\">\n")
                    // An empty icon, so that browsers do not ask for /favicon.ico.
                    .append("<link rel=\"icon\" href=\"data:,\">\n")
                    .append("<title>").append(escape(title)).append("</title>\n")
                    .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                    .append("<h1>").append(escape(title)).append("</h1>\n");
            if (!facts.isEmpty()) {
                h.append("<dl class=\"facts\">\n");
                for (Map.Entry<String, String> f : facts.entrySet()) {
                    h.append("<dt>").append(escape(f.getKey())).append("</dt><dd>")
                            .append(escape(f.getValue())).append("</dd>\n");
                }
                h.append("</dl>\n");
            }
            h.append("<main>\n");
            sections.forEach(h::append);
            h.append("</main>\n</body>\n</html>\n");
            return new RunReport(h.toString());
        }

        private Builder section(String heading, boolean wide, String body) {
            if (heading == null || heading.isBlank()) {
                throw new IllegalArgumentException("a section needs a title, got '" + heading
                        + "'");
            }
            String id = uniqueId(heading);
            sections.add("<section id=\"" + id + "\"" + (wide ? " class=\"wide\"" : "")
                    + ">\n<h2>" + escape(heading) + "</h2>\n" + body + "\n</section>\n");
            return this;
        }

        /** A readable anchor from the heading ("KL per unit" -> "kl-per-unit"), made unique. */
        private String uniqueId(String heading) {
            String base = heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    .replaceAll("(^-+)|(-+$)", "");
            if (base.isEmpty()) {
                base = "section";
            }
            String id = base;
            for (int k = 2; !ids.add(id); k++) {
                id = base + "-" + k;
            }
            return id;
        }

        private static String paragraph(String text) {
            return text == null || text.isBlank() ? "" : "<p>" + escape(text) + "</p>";
        }
    }

    private static final String CSS =
            """
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
                   margin: 1.5rem auto; max-width: 1200px; padding: 0 .75rem; color: #222;
                   background: #fafafa; }
            h1 { font-size: 1.6rem; margin: 0 0 .8rem; word-break: break-all; }
            h2 { font-size: 1.1rem; margin: 0 0 .6rem; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
                       margin: 0 0 1.2rem; }
            dl.facts dt { font-weight: 600; }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            main { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr));
                   gap: 1rem; }
            section { background: #fff; border: 1px solid #ddd; border-radius: 6px;
                      padding: .6rem .8rem; min-width: 0; }
            section.wide { grid-column: 1 / -1; }
            img { max-width: 100%; height: auto; display: block; }
            p { margin: .5rem 0 0; font-size: .9rem; color: #444; }
            table { border-collapse: collapse; font-size: .85rem; width: 100%; }
            th, td { text-align: left; padding: .15rem .5rem; border-bottom: 1px solid #eee;
                     vertical-align: top; }
            th { font-weight: 600; white-space: nowrap; }
            td { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
            """;
}
