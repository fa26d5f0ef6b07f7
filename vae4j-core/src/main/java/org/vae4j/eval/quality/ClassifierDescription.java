package org.vae4j.eval.quality;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** {@link ClassifierInfo} as the properties of a cached classifier's description file. */
final class ClassifierDescription {

    private ClassifierDescription() {}

    static Properties of(ClassifierInfo info) {
        Properties p = new Properties();
        ClassifierOptions o = info.options();
        p.setProperty("format", Integer.toString(ClassifierCache.FORMAT));
        p.setProperty("network", "lenet5-bn");
        p.setProperty("image.channels", Integer.toString(info.channels()));
        p.setProperty("image.height", Integer.toString(info.height()));
        p.setProperty("image.width", Integer.toString(info.width()));
        p.setProperty("classes", Integer.toString(info.classes()));
        p.setProperty("options.convChannels", Integer.toString(o.convChannels()));
        p.setProperty("options.epochs", Integer.toString(o.epochs()));
        p.setProperty("options.batchSize", Integer.toString(o.batchSize()));
        p.setProperty("options.learningRate", Double.toString(o.learningRate()));
        p.setProperty("options.dropout", Double.toString(o.dropout()));
        p.setProperty("options.seed", Long.toString(o.seed()));
        p.setProperty("train.fingerprint", info.trainFingerprint());
        p.setProperty("train.images", Integer.toString(info.trainImages()));
        p.setProperty("test.fingerprint", info.testFingerprint());
        p.setProperty("test.images", Integer.toString(info.testImages()));
        p.setProperty("test.accuracy", String.format(Locale.ROOT, "%.6f", info.testAccuracy()));
        return p;
    }

    /** Reads a description; a missing or malformed value is an IllegalArgumentException. */
    static ClassifierInfo parse(Properties p, Path file) {
        int format = integer(p, "format", file);
        if (format != ClassifierCache.FORMAT) {
            throw new IllegalArgumentException(file + " has format " + format + ", this vae4j"
                    + " writes " + ClassifierCache.FORMAT);
        }
        ClassifierOptions o = new ClassifierOptions(integer(p, "options.convChannels", file),
                integer(p, "options.epochs", file), integer(p, "options.batchSize", file),
                number(p, "options.learningRate", file), number(p, "options.dropout", file),
                Long.parseLong(value(p, "options.seed", file)));
        return new ClassifierInfo(integer(p, "image.channels", file),
                integer(p, "image.height", file), integer(p, "image.width", file),
                integer(p, "classes", file), o, value(p, "train.fingerprint", file),
                integer(p, "train.images", file), value(p, "test.fingerprint", file),
                integer(p, "test.images", file), number(p, "test.accuracy", file));
    }

    /** Why a cached classifier does not serve, or null if it does. */
    static String mismatch(ClassifierInfo want, ClassifierInfo got) {
        if (!want.trainFingerprint().equals(got.trainFingerprint())) {
            return "was trained on other images (" + got.trainFingerprint() + ")";
        }
        if (!want.testFingerprint().equals(got.testFingerprint())) {
            return "was tested on other images (" + got.testFingerprint() + ")";
        }
        if (!want.options().equals(got.options())) {
            return "has other options (" + got.options().key() + ", wanted "
                    + want.options().key() + ")";
        }
        if (want.channels() != got.channels() || want.height() != got.height()
                || want.width() != got.width() || want.classes() != got.classes()) {
            return "reads other images (" + got.channels() + "x" + got.height() + "x"
                    + got.width() + ", " + got.classes() + " classes)";
        }
        return null;
    }

    private static String value(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + " lacks " + key);
        }
        return v.trim();
    }

    private static int integer(Properties p, String key, Path file) {
        try {
            return Integer.parseInt(value(p, key, file));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " is not an integer", e);
        }
    }

    private static double number(Properties p, String key, Path file) {
        try {
            return Double.parseDouble(value(p, key, file));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " is not a number", e);
        }
    }
}
