package org.vae4j.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads implicit feedback from delimited text into {@link Interactions}:
 *
 * <ul>
 *   <li>{@link #movieLens}: MovieLens {@code ratings.csv} ({@code userId,movieId,rating,timestamp}
 *       with that header), keeping ratings &gt; 3.5 and users with at least 5 of them, as Liang et
 *       al. (WWW 2018) do;
 *   <li>{@link #generic}: {@code user,item[,value]} lines, comma-separated, or tab-separated when
 *       the file name ends in {@code .tsv} or its first line holds a tab; a first line whose first
 *       field is {@code user}, {@code userId} or {@code user_id} is a header. A missing value is 1.
 * </ul>
 *
 * <p>Filters, in the order of the reference code: entries with value &lt;= {@code minValue} go,
 * then items held by fewer than {@code minItemUsers} users, then users with fewer than {@code
 * minUserItems} items (once each, not repeated to a fixed point). A repeated (user, item) pair
 * keeps its largest value. Ids are numbered in order of first appearance among what is kept.
 *
 * <p>A malformed line stops the read with one {@link InvalidDataException} line: {@code
 * FILE:LINE: what is wrong}. Every size is bounded: line length, id length, lines, users, items.
 *
 * @param minValue keep entries with value strictly greater, &gt;= 0
 * @param minItemUsers keep items with at least this many users, &gt;= 1
 * @param minUserItems keep users with at least this many items, &gt;= 1
 */
public record InteractionReader(double minValue, int minItemUsers, int minUserItems) {

    /** The longest line, in characters. */
    public static final int MAX_LINE = 65_536;

    /** The longest user or item id, in characters. */
    public static final int MAX_ID = 256;

    /** Checks the filters. */
    public InteractionReader {
        if (!(minValue >= 0) || Double.isInfinite(minValue)) {
            // Stored values must be > 0: implicit feedback has no negative entries.
            throw new IllegalArgumentException("minValue must be finite and >= 0, got "
                    + minValue);
        }
        if (minItemUsers < 1 || minUserItems < 1) {
            throw new IllegalArgumentException("minItemUsers and minUserItems must be >= 1, got "
                    + minItemUsers + " and " + minUserItems);
        }
    }

    /**
     * The paper's MovieLens filter: ratings &gt; 3.5, users with &gt;= 5 items.
     *
     * @param file a MovieLens {@code ratings.csv}
     * @return the interactions (values 1: kept ratings become implicit feedback)
     * @throws IOException if the file cannot be read or a line is malformed
     */
    public static Interactions movieLens(Path file) throws IOException {
        return new InteractionReader(3.5, 1, 5).readMovieLens(file);
    }

    /**
     * Reads a MovieLens {@code ratings.csv} with this reader's filters (kept ratings become 1).
     *
     * @param file a MovieLens {@code ratings.csv}
     * @return the interactions
     * @throws IOException if the file cannot be read or a line is malformed
     */
    public Interactions readMovieLens(Path file) throws IOException {
        return read(file, true);
    }

    /**
     * Reads {@code user,item[,value]} lines with this reader's filters.
     *
     * @param file the file
     * @return the interactions
     * @throws IOException if the file cannot be read or a line is malformed
     */
    public Interactions generic(Path file) throws IOException {
        return read(file, false);
    }

    private Interactions read(Path file, boolean movieLens) throws IOException {
        String name = file.toString();
        Entries e = new Entries();
        e.binary = movieLens;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            long lineNo = 0;
            char sep = name.endsWith(".tsv") ? '\t' : ',';
            while (readLine(r, line, name, lineNo + 1)) {
                lineNo++;
                String s = line.toString().strip();
                if (lineNo == 1) {
                    if (!name.endsWith(".tsv") && s.indexOf('\t') >= 0) {
                        sep = '\t';
                    }
                    if (movieLens) {
                        if (!s.startsWith("userId,movieId,rating")) {
                            throw bad(name, lineNo, "expected the MovieLens header"
                                    + " userId,movieId,rating,timestamp, got '" + clip(s) + "'");
                        }
                        continue;
                    }
                    String first = s.split(String.valueOf(sep), -1)[0].strip();
                    if (first.equalsIgnoreCase("user") || first.equalsIgnoreCase("userId")
                            || first.equalsIgnoreCase("user_id")) {
                        continue;
                    }
                }
                if (s.isEmpty()) {
                    continue;
                }
                parse(s, sep, movieLens, name, lineNo, e);
            }
        } catch (NoSuchFileException ex) {
            throw new InvalidDataException(name + ": no such file");
        }
        return e.build(name, minValue, minItemUsers, minUserItems);
    }

    private static void parse(String s, char sep, boolean movieLens, String name, long lineNo,
            Entries e) throws InvalidDataException {
        String[] f = s.split(sep == '\t' ? "\t" : ",", -1);
        if (movieLens ? f.length != 4 : f.length < 2 || f.length > 3) {
            throw bad(name, lineNo, "expected " + (movieLens
                    ? "4 fields userId,movieId,rating,timestamp" : "2 or 3 fields user,item[,value]")
                    + ", got " + f.length + ": '" + clip(s) + "'");
        }
        String user = f[0].strip();
        String item = f[1].strip();
        if (user.isEmpty() || item.isEmpty() || user.length() > MAX_ID || item.length() > MAX_ID) {
            throw bad(name, lineNo, "user and item ids must be 1 to " + MAX_ID
                    + " characters: '" + clip(s) + "'");
        }
        double v = 1;
        if (f.length >= 3) {
            try {
                v = Double.parseDouble(f[2].strip());
            } catch (NumberFormatException ex) {
                throw bad(name, lineNo, "value '" + clip(f[2]) + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw bad(name, lineNo, "value must be finite, got " + f[2].strip());
            }
        }
        if (e.count == SparseRows.MAX_NNZ) {
            throw bad(name, lineNo, "more than " + SparseRows.MAX_NNZ + " interactions");
        }
        e.add(user, item, v, name, lineNo);
    }

    /** Reads one line into {@code line}; false at the end of the file. */
    private static boolean readLine(Reader r, StringBuilder line, String name, long lineNo)
            throws IOException {
        line.setLength(0);
        int c;
        boolean any = false;
        while ((c = r.read()) >= 0) {
            any = true;
            if (c == '\n') {
                return true;
            }
            if (line.length() == MAX_LINE) {
                throw bad(name, lineNo, "line longer than " + MAX_LINE + " characters");
            }
            line.append((char) c);
        }
        return any;
    }

    private static InvalidDataException bad(String name, long lineNo, String what) {
        return new InvalidDataException(name + ":" + lineNo + ": " + what);
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    /** Growable (user, item, value) triples with the id maps. */
    private static final class Entries {
        final Map<String, Integer> userIds = new HashMap<>();
        final Map<String, Integer> itemIds = new HashMap<>();
        final List<String> userNames = new ArrayList<>();
        final List<String> itemNames = new ArrayList<>();
        int[] us = new int[1024];
        int[] is = new int[1024];
        double[] vs = new double[1024];
        int count;
        /** Whether kept entries become 1 (the paper binarizes MovieLens ratings). */
        boolean binary;

        void add(String user, String item, double v, String name, long lineNo)
                throws InvalidDataException {
            int u = id(userIds, userNames, user);
            int i = id(itemIds, itemNames, item);
            if (userNames.size() > SparseRows.MAX_ROWS || itemNames.size() > SparseRows.MAX_COLS) {
                throw bad(name, lineNo, "more than " + SparseRows.MAX_ROWS + " users or "
                        + SparseRows.MAX_COLS + " items");
            }
            if (count == us.length) {
                int n = (int) Math.min((long) count * 2, SparseRows.MAX_NNZ);
                us = Arrays.copyOf(us, n);
                is = Arrays.copyOf(is, n);
                vs = Arrays.copyOf(vs, n);
            }
            us[count] = u;
            is[count] = i;
            vs[count] = v;
            count++;
        }

        private static int id(Map<String, Integer> ids, List<String> names, String key) {
            Integer k = ids.get(key);
            if (k == null) {
                k = names.size();
                ids.put(key, k);
                names.add(key);
            }
            return k;
        }

        Interactions build(String name, double minValue, int minItemUsers, int minUserItems)
                throws InvalidDataException {
            // Per user, item -> largest value, only entries above the threshold.
            List<Map<Integer, Double>> rows = new ArrayList<>();
            for (int u = 0; u < userNames.size(); u++) {
                rows.add(new HashMap<>());
            }
            for (int k = 0; k < count; k++) {
                if (vs[k] > minValue) {
                    rows.get(us[k]).merge(is[k], vs[k], Math::max);
                }
            }
            int[] itemUsers = new int[itemNames.size()];
            for (Map<Integer, Double> r : rows) {
                for (int i : r.keySet()) {
                    itemUsers[i]++;
                }
            }
            // Number kept items and users in order of first appearance in the file.
            int[] itemCol = new int[itemNames.size()];
            Arrays.fill(itemCol, -1);
            List<String> keptItems = new ArrayList<>();
            List<String> keptUsers = new ArrayList<>();
            List<int[]> keptRows = new ArrayList<>();
            List<float[]> keptValues = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int u = us[k];
                Map<Integer, Double> r = rows.get(u);
                if (r == null) {
                    continue;
                }
                rows.set(u, null);
                int[] items = r.keySet().stream().mapToInt(Integer::intValue)
                        .filter(i -> itemUsers[i] >= minItemUsers).sorted().toArray();
                if (items.length < minUserItems || items.length == 0) {
                    continue;
                }
                float[] values = new float[items.length];
                for (int j = 0; j < items.length; j++) {
                    values[j] = binary ? 1f : (float) (double) r.get(items[j]);
                }
                keptUsers.add(userNames.get(u));
                keptRows.add(items);
                keptValues.add(values);
            }
            // Columns in order of first appearance among kept rows' entries in the file would need
            // a second pass; numbering by first kept row keeps it deterministic and cheap.
            for (int[] items : keptRows) {
                for (int i : items) {
                    if (itemCol[i] < 0) {
                        itemCol[i] = keptItems.size();
                        keptItems.add(itemNames.get(i));
                    }
                }
            }
            if (keptUsers.isEmpty()) {
                throw new InvalidDataException(name + ": no user is left after the filters (value"
                        + " > " + minValue + ", items with >= " + minItemUsers + " users, users"
                        + " with >= " + minUserItems + " items)");
            }
            return assemble(name, keptUsers, keptItems, keptRows, keptValues, itemCol);
        }

        private static Interactions assemble(String name, List<String> users, List<String> items,
                List<int[]> rows, List<float[]> values, int[] itemCol) {
            int[] ptr = new int[rows.size() + 1];
            for (int u = 0; u < rows.size(); u++) {
                ptr[u + 1] = ptr[u] + rows.get(u).length;
            }
            int[] idx = new int[ptr[rows.size()]];
            float[] val = new float[idx.length];
            for (int u = 0; u < rows.size(); u++) {
                int[] r = rows.get(u);
                Integer[] order = new Integer[r.length];
                for (int j = 0; j < r.length; j++) {
                    order[j] = j;
                }
                Arrays.sort(order, (a, b) -> Integer.compare(itemCol[r[a]], itemCol[r[b]]));
                for (int j = 0; j < r.length; j++) {
                    idx[ptr[u] + j] = itemCol[r[order[j]]];
                    val[ptr[u] + j] = values.get(u)[order[j]];
                }
            }
            return new Interactions(new SparseRows(items.size(), ptr, idx, val, name), users,
                    items);
        }
    }
}
