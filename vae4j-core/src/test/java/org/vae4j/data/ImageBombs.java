package org.vae4j.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Small files whose headers declare huge images, for the tests of the pixel budget. */
public final class ImageBombs {

    private ImageBombs() {}

    /**
     * A PNG of a few dozen bytes whose header declares an 8-bit gray image of the given size;
     * its pixel data is a handful of zero rows, so decoding it would allocate the whole declared
     * raster before finding the data short.
     *
     * @param width declared width
     * @param height declared height
     * @return the file's bytes
     */
    public static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit gray, deflate, no filter, no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            Deflater d = new Deflater();
            d.setInput(new byte[4 * (width + 1)]);
            d.finish();
            byte[] z = new byte[1 << 16];
            int n = d.deflate(z);
            d.end();
            byte[] idat = new byte[n];
            System.arraycopy(z, 0, idat, 0, n);
            chunk(out, "IDAT", idat);
            chunk(out, "IEND", new byte[0]);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data)
            throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
