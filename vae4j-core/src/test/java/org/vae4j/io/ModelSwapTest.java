package org.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.VaeModel;

/**
 * A model directory is replaced as a unit: whatever step of a save a kill interrupts, what is
 * left loads (the old model or the new one, never a mix), and {@link ModelStore#recover} puts it
 * back in place. Each state below is the one a kill at that step leaves.
 */
class ModelSwapTest {

    @TempDir Path tmp;

    /** Saves seed 5 into {@code dir}, then writes seed 6's files as a save would, stopped at a step. */
    private byte[][] stateAfterKill(Path dir, int step) throws IOException {
        byte[] oldParams;
        byte[] newParams;
        try (VaeModel a = VaeModel.create(ModelStoreTest.CONFIG, 5);
                VaeModel b = VaeModel.create(ModelStoreTest.CONFIG, 6)) {
            ModelStore.save(a, ModelStoreTest.provenance(), dir);
            oldParams = Files.readAllBytes(dir.resolve(ModelStore.PARAMETERS));
            Path fresh = ModelSwap.fresh(dir);
            // The new directory, written file by file: provenance last.
            ModelStore.save(b, ModelStoreTest.provenance(), fresh);
            newParams = Files.readAllBytes(fresh.resolve(ModelStore.PARAMETERS));
        }
        Path fresh = ModelSwap.fresh(dir);
        switch (step) {
            case 0 -> Files.delete(fresh.resolve(ModelStore.PROVENANCE)); // killed mid-write
            case 1 -> { } // written, not yet swapped
            case 2 -> Files.move(dir, ModelSwap.old(dir), StandardCopyOption.ATOMIC_MOVE);
            case 3 -> {
                Files.move(dir, ModelSwap.old(dir), StandardCopyOption.ATOMIC_MOVE);
                Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            }
            default -> throw new IllegalArgumentException("step " + step);
        }
        return new byte[][] {oldParams, newParams};
    }

    @Test
    void everyInterruptedSaveLeavesAModelThatLoadsAndIsRecovered() throws Exception {
        for (int step = 0; step <= 3; step++) {
            Path dir = tmp.resolve("s" + step).resolve("model");
            Files.createDirectories(dir.getParent());
            byte[][] params = stateAfterKill(dir, step);
            // Before the swap the old model is what a reader gets; after it, the new one.
            byte[] want = step <= 1 ? params[0] : params[1];
            try (SavedModel m = ModelStore.load(dir)) {
                assertArrayEquals(want, ModelStore.parameterBytes(m.model()), "step " + step);
            }
            ModelStore.recover(dir);
            assertTrue(ModelSwap.complete(dir), "step " + step);
            assertFalse(Files.exists(ModelSwap.fresh(dir)), "step " + step);
            assertFalse(Files.exists(ModelSwap.old(dir)), "step " + step);
            assertArrayEquals(want, Files.readAllBytes(dir.resolve(ModelStore.PARAMETERS)));
        }
    }

    @Test
    void aSaveReplacesTheDirectoryAndLeavesNothingBeside() throws Exception {
        Path dir = tmp.resolve("model");
        try (VaeModel a = VaeModel.create(ModelStoreTest.CONFIG, 5);
                VaeModel b = VaeModel.create(ModelStoreTest.CONFIG, 6)) {
            ModelStore.save(a, ModelStoreTest.provenance(), dir);
            Files.writeString(dir.resolve("stray.txt"), "from the old model");
            ModelStore.save(b, ModelStoreTest.provenance(), dir);
            assertArrayEquals(ModelStore.parameterBytes(b),
                    Files.readAllBytes(dir.resolve(ModelStore.PARAMETERS)));
        }
        assertFalse(Files.exists(dir.resolve("stray.txt")), "the directory was replaced whole");
        assertFalse(Files.exists(ModelSwap.fresh(dir)));
        assertFalse(Files.exists(ModelSwap.old(dir)));
    }
}
