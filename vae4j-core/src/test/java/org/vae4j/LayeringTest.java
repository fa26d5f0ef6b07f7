package org.vae4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps vae4j-core layered: a package may use its own layer and the layers below it, never one
 * above, so that e.g. the data readers can be used (and tested) without models, and a model
 * without the trainer. Reads the main sources as text, so it needs no extra dependency; writes
 * the package import graph to {@code target/layering/import-graph.txt}.
 */
class LayeringTest {

    /** The layers, lowest first; a package's layer is the component after {@code org.vae4j}. */
    private static final List<String> LAYERS =
            List.of("util", "engine", "data", "recommend", "model", "train", "family", "eval",
                    "io", "viz");

    /** Longer files are hard to review; split them. */
    private static final int MAX_LINES = 420;

    /**
     * Files over {@link #MAX_LINES} when this test was written, each with its length then (as
     * {@code wc -l} counted it). They may shrink, not grow, and an entry must go once its file
     * is short enough (or gone), so the list only shrinks. Add nothing here: split the file.
     */
    private static final Map<String, Integer> OVER_LIMIT = Map.of();

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT =
            Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?(org\\.vae4j\\.[\\w.]+)\\s*;");
    /** A fully qualified vae4j name in code, e.g. {@code org.vae4j.model.VaeModel model}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.vae4j(?:\\.[a-z]\\w*)+");

    private static final List<SourceFile> FILES = new ArrayList<>();

    private record SourceFile(Path relative, String pkg, List<String> imports, int lines) {}

    @BeforeAll
    static void readSources() throws IOException {
        assertTrue(Files.isDirectory(MAIN), MAIN.toAbsolutePath() + " is missing");
        List<Path> paths;
        try (Stream<Path> s = Files.walk(MAIN)) {
            paths = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path p : paths) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            Matcher pm = PACKAGE.matcher(text);
            String pkg = pm.find() ? pm.group(1) : "";
            List<String> imports = new ArrayList<>();
            Matcher im = IMPORT.matcher(text);
            while (im.find()) {
                imports.add(packageOf(im.group(1)));
            }
            // Fully qualified names in code need no import; comments are left out, as a
            // {@link} there is no dependency.
            Matcher qm = QUALIFIED.matcher(withoutImportsAndComments(text));
            while (qm.find()) {
                imports.add(qm.group());
            }
            int lines = Files.readAllLines(p, StandardCharsets.UTF_8).size();
            FILES.add(new SourceFile(MAIN.relativize(p), pkg, imports, lines));
        }
        assertTrue(!FILES.isEmpty(), "no sources under " + MAIN.toAbsolutePath());
        writeGraph();
    }

    @Test
    void noPackageImportsAHigherLayer() {
        List<String> bad = new ArrayList<>();
        for (SourceFile f : FILES) {
            int from = LAYERS.indexOf(layer(f.pkg()));
            for (String target : f.imports()) {
                int to = LAYERS.indexOf(layer(target));
                if (from >= 0 && to > from) {
                    bad.add(f.relative() + " (" + layer(f.pkg()) + ") imports " + target
                            + " (" + layer(target) + ")");
                }
            }
        }
        assertTrue(bad.isEmpty(), "imports of a higher layer (order, lowest first: " + LAYERS
                + "):\n  " + String.join("\n  ", bad));
    }

    @Test
    void everyPackageHasAPlaceInTheOrder() {
        List<String> bad = new ArrayList<>();
        for (SourceFile f : FILES) {
            if (!LAYERS.contains(layer(f.pkg()))) {
                bad.add(f.relative() + " is in package '" + f.pkg() + "'");
            }
            for (String target : f.imports()) {
                if (!LAYERS.contains(layer(target))) {
                    bad.add(f.relative() + " imports " + target);
                }
            }
        }
        assertTrue(bad.isEmpty(), "packages outside the layer order " + LAYERS
                + " (add a new one to LAYERS in LayeringTest):\n  " + String.join("\n  ", bad));
    }

    @Test
    void noMainSourceFileIsTooLong() {
        List<String> bad = new ArrayList<>();
        Map<String, Integer> stale = new TreeMap<>(OVER_LIMIT);
        for (SourceFile f : FILES) {
            String name = f.relative().toString().replace('\\', '/');
            Integer allowed = stale.remove(name);
            if (allowed == null && f.lines() > MAX_LINES) {
                bad.add(name + " has " + f.lines() + " lines, over " + MAX_LINES);
            } else if (allowed != null && f.lines() > allowed) {
                bad.add(name + " has " + f.lines() + " lines, over its allowance of " + allowed);
            } else if (allowed != null && f.lines() <= MAX_LINES) {
                bad.add(name + " has " + f.lines() + " lines now: remove it from OVER_LIMIT");
            }
        }
        stale.keySet().forEach(n -> bad.add(n + " is gone: remove it from OVER_LIMIT"));
        assertTrue(bad.isEmpty(), "main source files too long (split them):\n  "
                + String.join("\n  ", bad));
    }

    /** {@code org.vae4j.family.vae} -> {@code family}; a file in {@code org.vae4j} -> "". */
    private static String layer(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts.length > 2 && parts[0].equals("org") && parts[1].equals("vae4j")
                ? parts[2]
                : "";
    }

    /** The package of an imported name: the components before the first capitalised one. */
    private static String packageOf(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (part.isEmpty() || Character.isUpperCase(part.charAt(0)) || part.equals("*")) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }

    private static String withoutImportsAndComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("(?m)//.*$", "")
                .replaceAll("(?m)^\\s*(?:package|import)\\s+[^;]*;", "");
    }

    /** Package -> packages it uses (other than itself), with how many references. */
    private static void writeGraph() throws IOException {
        Map<String, Map<String, Integer>> graph = new TreeMap<>();
        for (SourceFile f : FILES) {
            Map<String, Integer> uses = graph.computeIfAbsent(f.pkg(), k -> new TreeMap<>());
            for (String target : f.imports()) {
                if (!target.equals(f.pkg())) {
                    uses.merge(target, 1, Integer::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder("vae4j-core package imports (package -> packages"
                + " it imports: import statements plus fully qualified names in code)\n");
        graph.forEach((pkg, uses) -> {
            sb.append(pkg).append(" ->");
            if (uses.isEmpty()) {
                sb.append(" (none)");
            }
            uses.forEach((t, n) -> sb.append(' ').append(t).append(" (").append(n).append(')'));
            sb.append('\n');
        });
        Path out = Path.of("target", "layering", "import-graph.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb, StandardCharsets.UTF_8);
        System.out.print(sb);
    }
}
