package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionReaderTest {

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void movieLensKeepsHighRatingsAndUsersWithFiveItems() throws IOException {
        StringBuilder b = new StringBuilder("userId,movieId,rating,timestamp\n");
        // user 7: five ratings > 3.5 (one movie twice) and one of 3.5 -> kept with 5 items
        for (int m : new int[] {10, 11, 12, 13, 14}) {
            b.append("7,").append(m).append(",4.0,1\n");
        }
        b.append("7,10,5.0,2\n7,15,3.5,3\n");
        // user 8: only four high ratings -> dropped
        for (int m : new int[] {10, 11, 12, 16}) {
            b.append("8,").append(m).append(",5,1\n");
        }
        Interactions in = InteractionReader.movieLens(write("ratings.csv", b.toString()));
        assertEquals(List.of("7"), in.users());
        assertEquals(List.of("10", "11", "12", "13", "14"), in.items());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, in.matrix().items(0));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, in.matrix().values(0));
    }

    @Test
    void genericTsvWithHeaderValuesAndItemFilter() throws IOException {
        String text = "user\titem\tvalue\na\tx\t2\na\ty\nb\tx\t0\nc\tx\nc\ty\t1\nd\tz\n";
        Interactions in = new InteractionReader(0, 2, 1).generic(write("f.tsv", text));
        // b's only entry has value 0 (dropped); z has one user (dropped), so d has nothing.
        assertEquals(List.of("a", "c"), in.users());
        assertEquals(List.of("x", "y"), in.items());
        assertArrayEquals(new float[] {2, 1}, in.matrix().values(0));
        assertEquals(0, in.userIndex("a"));
        assertThrows(IllegalArgumentException.class, () -> in.userIndex("b"));
    }

    @Test
    void badRowIsOneLineWithFileAndLineNumber() throws IOException {
        Path p = write("bad.csv", "u1,i1\nu1,i2,notanumber\n");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> new InteractionReader(0, 1, 1).generic(p));
        assertTrue(e.getMessage().startsWith(p + ":2: value 'notanumber'"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        Path q = write("few.csv", "u1\n");
        e = assertThrows(InvalidDataException.class,
                () -> new InteractionReader(0, 1, 1).generic(q));
        assertTrue(e.getMessage().startsWith(q + ":1: expected 2 or 3 fields"), e.getMessage());
        Path ml = write("ratings.csv", "user,movie\n");
        e = assertThrows(InvalidDataException.class, () -> InteractionReader.movieLens(ml));
        assertTrue(e.getMessage().contains(":1: expected the MovieLens header"), e.getMessage());
    }

    @Test
    void boundsAndEmptyResults() throws IOException {
        Path longLine = write("long.csv", "u," + "x".repeat(InteractionReader.MAX_LINE) + "\n");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> new InteractionReader(0, 1, 1).generic(longLine));
        assertTrue(e.getMessage().contains(":1: line longer than"), e.getMessage());
        Path longId = write("id.csv", "u," + "x".repeat(InteractionReader.MAX_ID + 1) + "\n");
        assertThrows(InvalidDataException.class,
                () -> new InteractionReader(0, 1, 1).generic(longId));
        Path none = write("none.csv", "u,i,0\n");
        e = assertThrows(InvalidDataException.class,
                () -> new InteractionReader(0, 1, 1).generic(none));
        assertTrue(e.getMessage().contains("no user is left"), e.getMessage());
        assertThrows(InvalidDataException.class,
                () -> new InteractionReader(0, 1, 1).generic(dir.resolve("missing.csv")));
        assertThrows(IllegalArgumentException.class, () -> new InteractionReader(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new InteractionReader(0, 0, 1));
    }
}
