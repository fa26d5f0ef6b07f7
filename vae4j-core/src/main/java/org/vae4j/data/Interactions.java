package org.vae4j.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Implicit feedback as read from a file: the user × item matrix and the original ids of its rows
 * and columns (row {@code u} is user {@code users().get(u)}, column {@code i} item {@code
 * items().get(i)}).
 *
 * @param matrix the interactions
 * @param users the user ids, one per row
 * @param items the item ids, one per column
 */
public record Interactions(SparseRows matrix, List<String> users, List<String> items) {

    /** Checks that there is one id per row and per column, and copies the lists. */
    public Interactions {
        users = List.copyOf(users);
        items = List.copyOf(items);
        if (users.size() != matrix.size() || items.size() != matrix.cols()) {
            throw new IllegalArgumentException(matrix.source() + ": " + users.size()
                    + " user ids for " + matrix.size() + " rows, " + items.size()
                    + " item ids for " + matrix.cols() + " columns");
        }
    }

    /**
     * The row of a user id.
     *
     * @param user the id as in the file
     * @return the row
     * @throws IllegalArgumentException if the user is not in the data (or was filtered out)
     */
    public int userIndex(String user) {
        int u = users.indexOf(user);
        if (u < 0) {
            throw new IllegalArgumentException("user '" + user + "' is not in " + matrix.source()
                    + " (or has too few interactions to be kept)");
        }
        return u;
    }

    /**
     * A map from item id to column.
     *
     * @return the index
     */
    public Map<String, Integer> itemIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            m.put(items.get(i), i);
        }
        return m;
    }
}
