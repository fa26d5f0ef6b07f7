package org.vae4j.io;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.vae4j.model.GenerativeModel;
import org.vae4j.train.GroupOptimizers;

/**
 * A training checkpoint: one file holding the header (JSON), the model's parameters and the
 * optimizer's state, with a CRC-32 trailer.
 *
 * <p>Layout: {@code "VAE4JCKP"}, int format, then three length-prefixed sections (header JSON,
 * parameter bytes as in {@code parameters.params}, optimizer state as an encoded NDList whose
 * arrays are named {@code GROUP:NAME} per parameter group), then
 * the CRC-32 of everything before it. The file is replaced atomically, so a crash or {@code kill
 * -9} mid-write leaves the previous checkpoint intact; the CRC catches any other damage.
 *
 * @param header counters, config and options
 * @param model the model with the saved parameters (owns native memory: close it)
 * @param optimizerState the encoded optimizer arrays, decoded by {@link #optimizerState}
 */
public record Checkpoint(CheckpointHeader header, GenerativeModel model, byte[] optimizerState)
        implements AutoCloseable {

    private static final byte[] MAGIC = "VAE4JCKP".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;

    /**
     * Writes a checkpoint atomically.
     *
     * @param file the checkpoint file
     * @param header the JSON part
     * @param model the model
     * @param optimizer every parameter group's optimizer (state saved by group name)
     * @throws IOException if writing fails (the previous file is then unchanged)
     */
    public static void write(
            Path file, CheckpointHeader header, GenerativeModel model, GroupOptimizers optimizer)
            throws IOException {
        byte[] json = Json.toJson(header).getBytes(StandardCharsets.UTF_8);
        byte[] params = ModelStore.parameterBytes(model);
        byte[] opt = optimizer.state().encode();
        AtomicFiles.write(
                file,
                raw -> {
                    CRC32 crc = new CRC32();
                    DataOutputStream out =
                            new DataOutputStream(new java.util.zip.CheckedOutputStream(raw, crc));
                    out.write(MAGIC);
                    out.writeInt(FORMAT);
                    for (byte[] section : new byte[][] {json, params, opt}) {
                        out.writeInt(section.length);
                        out.write(section);
                    }
                    out.flush();
                    new DataOutputStream(raw).writeLong(crc.getValue());
                });
    }

    /**
     * Reads a checkpoint.
     *
     * @param file the checkpoint file
     * @param device where to put the parameters
     * @return the checkpoint
     * @throws IOException with a one-line message naming the file and the problem
     */
    public static Checkpoint read(Path file, Device device) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such checkpoint");
        } catch (IOException e) {
            throw new IOException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        }
        if (all.length < MAGIC.length + 12
                || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException(file + ": not a vae4j checkpoint (bad magic)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException(file + ": corrupt checkpoint (checksum mismatch)");
        }
        try (DataInputStream in =
                new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException(
                        file + ": unsupported checkpoint format " + format + ", expected "
                                + FORMAT);
            }
            String json = new String(section(in), StandardCharsets.UTF_8);
            CheckpointHeader header = Json.GSON.fromJson(json, CheckpointHeader.class);
            byte[] params = section(in);
            byte[] opt = section(in);
            GenerativeModel model = ModelStore.readParameters(file, params, header.config(), device);
            return new Checkpoint(header, model, opt);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated checkpoint");
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable checkpoint: " + e.getMessage());
        }
    }

    private static byte[] section(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
            throw new EOFException();
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    /**
     * Decodes the optimizer state onto a manager.
     *
     * @param manager the manager that will own the arrays
     * @return the arrays
     */
    public NDList optimizerState(NDManager manager) {
        // Plain SGD has no state, and DJL cannot decode the encoding of an empty list.
        if (Arrays.equals(optimizerState, new NDList().encode())) {
            return new NDList();
        }
        return NDList.decode(manager, optimizerState);
    }

    @Override
    public void close() {
        model.close();
    }
}
