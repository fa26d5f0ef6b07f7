package org.vae4j.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The checks and the content hash of an {@link ImageSet}'s arrays, kept out of the class. */
final class Fingerprint {

    private Fingerprint() {}

    /**
     * SHA-256 over the shape (count, C, H, W as big-endian int32, then a labels flag), the pixels
     * and the labels if any.
     */
    static String of(int count, int channels, int height, int width, byte[] pixels,
            int[] labels) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        // A labels flag in the header keeps "no labels" distinct from any label content.
        sha.update(ByteBuffer.allocate(17).putInt(count).putInt(channels).putInt(height)
                .putInt(width).put((byte) (labels == null ? 0 : 1)).array());
        sha.update(pixels);
        if (labels != null) {
            ByteBuffer b = ByteBuffer.allocate(4 * labels.length);
            b.asIntBuffer().put(labels);
            sha.update(b.array());
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** Class names need labels, none blank, and a name for every label. */
    static List<String> checkedNames(List<String> names, int[] labels, String source) {
        if (labels == null) {
            throw new IllegalArgumentException(source + ": class names need labels");
        }
        for (String n : names) {
            if (n.isBlank()) {
                throw new IllegalArgumentException(source + ": blank class name in " + names);
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= names.size()) {
                throw new IllegalArgumentException(source + ": image " + i + " has label "
                        + labels[i] + " but there are " + names.size() + " class names");
            }
        }
        return names;
    }
}
