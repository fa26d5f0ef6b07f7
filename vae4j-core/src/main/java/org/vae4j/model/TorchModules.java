package org.vae4j.model;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The TorchScript modules of the layers DJL's PyTorch engine lacks ({@link TransposedConv2d}) or
 * cannot express (the bf16 layers of {@link MixedLinear}, {@link MixedConv2d}), each loaded once
 * per JVM from {@code /org/vae4j/model/NAME.pt} into a manager that lives as long. The modules
 * hold no parameters, so one instance serves every layer and thread.
 */
final class TorchModules {

    private static final Map<String, PtSymbolBlock> LOADED = new HashMap<>();

    private TorchModules() {}

    /**
     * Returns the module, loading it on first use.
     *
     * @param name the resource's base name, e.g. {@code linear_bf16}
     * @return the module
     * @throws UnsupportedOperationException under an engine other than PyTorch
     */
    static synchronized PtSymbolBlock get(String name) {
        return LOADED.computeIfAbsent(name, TorchModules::load);
    }

    private static PtSymbolBlock load(String name) {
        String resource = "/org/vae4j/model/" + name + ".pt";
        NDManager base = NDManager.newBaseManager();
        if (!(base instanceof PtNDManager)) {
            base.close();
            throw new UnsupportedOperationException(name + " needs DJL's PyTorch engine, got "
                    + base.getEngine().getEngineName());
        }
        try (InputStream in = TorchModules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return JniUtils.loadModule((PtNDManager) base, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource, e);
        }
    }
}
