package org.vae4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run directory while a process trains in it: {@code RUN_DIR/.lock},
 * locked with the operating system's file lock (released when the process ends, even by {@code
 * kill -9}) and holding the owner's PID for the message a second process gets. Two {@code train
 * --out R} at once used to write R together until one failed on a rename and the other's work
 * was gone.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name in the run directory. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a run directory, which must exist.
     *
     * @param runDir the run directory
     * @return the lock; close it when training ends
     * @throws IOException naming the directory and the owner's PID if another process (or
     *     another trainer in this one) holds it
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            ch.close();
            throw new IOException(runDir + ": is being trained by "
                    + (owner.isEmpty() ? "another process" : "process " + owner) + " (" + file
                    + "); wait for it to finish or choose another --out");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.UTF_8)), 0);
        return new RunLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
