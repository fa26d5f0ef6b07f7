package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
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

    /**
     * Runs a module on {@code (x, weight, bias)}, the signature of every layer module: {@code x}
     * and the two parameters' values for x's device. {@code training = true} keeps autograd on
     * inside the module (without it DJL runs modules under a no-grad guard), so gradients reach
     * x, weight and bias; outputs join x's manager.
     *
     * @param name the module
     * @param ps the parameter store
     * @param x the input
     * @param weight the weight parameter
     * @param bias the bias parameter
     * @param training whether gradients are wanted
     * @return the module's outputs
     */
    static NDList forward(String name, ParameterStore ps, NDArray x, Parameter weight,
            Parameter bias, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return IValueUtils.forward(get(name), new NDList(x, w, b), training);
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
