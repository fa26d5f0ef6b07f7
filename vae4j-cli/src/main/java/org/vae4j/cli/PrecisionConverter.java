package org.vae4j.cli;

import org.vae4j.engine.Precision;
import picocli.CommandLine;

/** Reads {@code --precision fp32|bf16|auto}; a bad value is a usage error naming the choices. */
final class PrecisionConverter implements CommandLine.ITypeConverter<Precision> {

    /** The flag's help text, shared by train and the commands that load a model. */
    static final String HELP = "fp32, bf16 or auto: bf16 runs the layers' matrix products and"
            + " convolutions in bf16 (fp32 weights, loss and optimizer; files stay fp32); auto"
            + " picks bf16 where the CPU has bf16 units (AMX, AVX512-BF16), else fp32"
            + " (default: ${DEFAULT-VALUE}).";

    @Override
    public Precision convert(String value) {
        try {
            return Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
