package org.vae4j.io;

import org.vae4j.util.Hashing;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vae4j.family.Families;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.ModelConfig;

/**
 * Saves and loads models as a directory that needs nothing else to be used:
 *
 * <ul>
 *   <li>{@code parameters.params}: a vae4j header then DJL's block parameter format;
 *   <li>{@code config.json}: the {@link ModelConfig}, tagged with its family ({@code "family":
 *       "vae"}; a file without the tag, as every one written before families existed, is a VAE);
 *   <li>{@code provenance.json}: the {@link Provenance}, including the parameters' SHA-256.
 * </ul>
 *
 * <p>Each file is written atomically, provenance last, into a fresh directory that then replaces
 * the old one as a unit ({@code ModelSwap}); loading checks the parameters against the recorded
 * hash, so a directory mixed from two saves is refused rather than silently used.
 */
public final class ModelStore {

    /** File name of the parameters. */
    public static final String PARAMETERS = "parameters.params";

    /** File name of the configuration. */
    public static final String CONFIG = "config.json";

    /** File name of the provenance. */
    public static final String PROVENANCE = "provenance.json";

    private static final byte[] MAGIC = "VAE4JPRM".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;

    private ModelStore() {}

    /**
     * Saves a model into {@code dir} (created if needed).
     *
     * @param model the model
     * @param provenance how it was made (its parameter hash is filled in here)
     * @param dir the model directory
     * @throws IOException if writing fails
     */
    public static void save(GenerativeModel model, Provenance provenance, Path dir) throws IOException {
        byte[] params = parameterBytes(model);
        // The directory is replaced as a unit: never new parameters beside old provenance.
        ModelSwap.replace(dir, d -> {
            AtomicFiles.write(d.resolve(PARAMETERS), out -> out.write(params));
            AtomicFiles.writeString(d.resolve(CONFIG),
                    Json.GSON.toJson(model.config(), ModelConfig.class));
            AtomicFiles.writeString(
                    d.resolve(PROVENANCE),
                    Json.toJson(provenance.withParametersSha256(Hashing.sha256(params))));
        });
    }

    /**
     * Puts a model directory back in place after a save that a kill interrupted (keeping the old
     * or the new model, whichever is complete) and removes what the save left beside it.
     *
     * @param dir the model directory
     * @throws IOException if a rename or delete fails
     */
    public static void recover(Path dir) throws IOException {
        ModelSwap.recover(dir);
    }

    /**
     * Serialises a model's parameters with vae4j's header.
     *
     * @param model the model
     * @return the bytes of {@code parameters.params}
     * @throws IOException never in practice (in-memory)
     */
    public static byte[] parameterBytes(GenerativeModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            model.writeParameters(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads a model directory on the CPU.
     *
     * @param dir the directory written by {@link #save}
     * @return the model and its provenance
     * @throws IOException with a one-line message naming the file and the problem
     */
    public static SavedModel load(Path dir) throws IOException {
        return load(dir, Device.cpu());
    }

    /**
     * Loads a model directory.
     *
     * @param dir the directory written by {@link #save}
     * @param device where to put the parameters
     * @return the model and its provenance
     * @throws IOException with a one-line message naming the file and the problem
     */
    public static SavedModel load(Path dir, Device device) throws IOException {
        // After a save killed between its renames, the complete directory beside dir.
        dir = ModelSwap.readable(dir);
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    dir + (Files.exists(dir) ? ": not a model directory" : ": no such directory"));
        }
        ModelConfig config = Json.read(dir.resolve(CONFIG), ModelConfig.class);
        Provenance provenance = Json.read(dir.resolve(PROVENANCE), Provenance.class);
        Path paramsFile = dir.resolve(PARAMETERS);
        byte[] params;
        try {
            params = Files.readAllBytes(paramsFile);
        } catch (NoSuchFileException e) {
            throw new IOException(paramsFile + ": no such file");
        } catch (IOException e) {
            throw new IOException(paramsFile + ": cannot read: " + e.getMessage(), e);
        }
        String sha = Hashing.sha256(params);
        if (provenance.parametersSha256() == null) {
            // Every save records the hash; without it the parameters cannot be trusted to be the
            // ones this provenance (and config) describe.
            throw new IOException(dir.resolve(PROVENANCE) + ": has no parameters_sha256, so "
                    + PARAMETERS + " cannot be checked; refusing to load it");
        }
        if (!provenance.parametersSha256().equals(sha)) {
            throw new IOException(
                    paramsFile
                            + ": SHA-256 "
                            + sha
                            + " does not match "
                            + PROVENANCE
                            + " ("
                            + provenance.parametersSha256()
                            + "): the file changed or comes from another save");
        }
        return new SavedModel(readParameters(paramsFile, params, config, device), provenance);
    }

    /**
     * Builds a model from the bytes of a {@code parameters.params} file.
     *
     * @param name the file's name, for messages
     * @param params the bytes
     * @param config the architecture
     * @param device where to put the parameters
     * @return the model
     * @throws IOException with a one-line message if the bytes are not valid parameters
     */
    public static GenerativeModel readParameters(Object name, byte[] params, ModelConfig config,
            Device device) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(name + ": not a vae4j parameter file (bad magic)");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException(
                        name + ": unsupported parameter format " + format + ", expected " + FORMAT);
            }
            return Families.read(config, in, device);
        } catch (EOFException e) {
            throw new IOException(name + ": truncated parameter file");
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(name + ": unreadable parameters: " + e.getMessage());
        }
    }
}
