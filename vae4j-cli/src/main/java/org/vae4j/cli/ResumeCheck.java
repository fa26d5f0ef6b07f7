package org.vae4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vae4j.data.ImageSet;
import org.vae4j.io.CheckpointHeader;
import org.vae4j.model.ModelConfig;
import org.vae4j.train.LearningRateSchedule;
import org.vae4j.train.Objective;
import org.vae4j.train.TrainOptions;
import picocli.CommandLine;

/**
 * What {@code vae4j train --resume} refuses: a run keeps the configuration and options it
 * started with, compared field by field with the records the flags build now.
 */
final class ResumeCheck {

    private ResumeCheck() {}

    /**
     * A resumed run keeps the settings it started with: a run-defining flag given again must
     * repeat the run's value, or the resume is refused rather than silently ignoring it.
     */
    static void checkUnchanged(CommandLine cl, CommandLine.ParseResult parsed, CheckpointHeader h,
            ImageSet all, NetworkFlags network, TrainingFlags training,
            List<Integer> excludeClasses) {
        TrainOptions was = h.options();
        ModelConfig cfg = h.config();
        // The objective and K not given take the run's, so that repeating `--k 10` of an iwae
        // run reads as the same K and not as a K for the elbo.
        if (parsed.hasMatchedOption("--objective")) {
            Objective given = NetworkFlags.parse(cl, "--objective",
                    () -> Objective.parse(training.objective));
            if (given != was.objective()) {
                throw new CommandLine.ParameterException(cl, "--objective cannot change when resuming: the run uses "
                        + was.objective().id() + ", got " + given.id());
            }
        } else {
            training.objective = was.objective().id();
        }
        if (!parsed.hasMatchedOption("--k")) {
            training.importanceSamples = was.importanceSamples();
        }
        TrainOptions now = training.options(cl, was.epochs());
        // Without --family (or a family id as --model) the flags describe the run's own family,
        // so that a vqvae's --codebook-size given again is compared, not refused as a vae's.
        boolean modelIsFamily = parsed.hasMatchedOption("--model")
                && org.vae4j.family.Families.exists(network.model);
        if (!parsed.hasMatchedOption("--family") && !modelIsFamily) {
            network.family = cfg.family();
        }
        ModelConfig nowCfg = network.config(cl, all, excludeClasses);
        // Field by field: every component of the saved records against the new ones; a flag
        // given again must repeat the run's value.
        Map<String, Object[]> values = new LinkedHashMap<>();
        values.put("--family", new Object[] {cfg.family(), nowCfg.family()});
        compare(values, cfg, nowCfg, NetworkFlags.COMPONENT_FLAGS);
        compare(values, was, now, OPTION_FLAGS);
        Object[] prior = values.get("--prior");
        if (prior != null) {
            // These flags set parts of the prior record: compared as the whole prior.
            values.put("--pseudo-inputs", prior);
            values.put("--clamp-pseudo-inputs", prior);
        }
        for (Map.Entry<String, Object[]> e : values.entrySet()) {
            Object[] v = e.getValue();
            // Objects.equals: a run without log-variance bounds records null.
            if (parsed.hasMatchedOption(e.getKey()) && !Objects.equals(v[0], v[1])) {
                throw new CommandLine.ParameterException(cl, e.getKey() + " cannot change when resuming: the run uses " + v[0]
                        + ", got " + v[1]);
            }
        }
    }

    /** The flag that sets each training option compared on resume. */
    private static final Map<String, String> OPTION_FLAGS = Map.ofEntries(
            Map.entry("batchSize", "--batch"), Map.entry("learningRate", "--lr"),
            Map.entry("optimizer", "--optimizer"), Map.entry("momentum", "--momentum"),
            Map.entry("beta", "--beta"), Map.entry("validationFraction", "--val-fraction"),
            Map.entry("seed", "--seed"), Map.entry("klWarmupEpochs", "--kl-warmup"),
            Map.entry("klCycles", "--kl-cycles"), Map.entry("freeBits", "--free-bits"),
            Map.entry("importanceSamples", "--k"), Map.entry("perturb", "--perturb"));

    /** Adds {flag: [saved, now]} for every component of two records that a flag sets. */
    private static void compare(Map<String, Object[]> values, Object saved, Object now,
            Map<String, String> flags) {
        if (!(saved instanceof Record) || saved.getClass() != now.getClass()) {
            return; // another family: --family (or --model) already differs
        }
        for (java.lang.reflect.RecordComponent c : saved.getClass().getRecordComponents()) {
            String flag = flags.get(c.getName());
            if (flag == null) {
                continue;
            }
            try {
                Object a = c.getAccessor().invoke(saved);
                Object b = c.getAccessor().invoke(now);
                if (flag.equals("--conditional")) {
                    a = ((Integer) a) > 0;
                    b = ((Integer) b) > 0;
                }
                values.put(flag, new Object[] {a, b});
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }


    /**
     * The schedule given on the command line for a resumed run: it may differ from the run's only
     * in epochs not trained yet, so the saved options still describe every trained epoch.
     */
    static LearningRateSchedule resumedSchedule(CommandLine cl, TrainingFlags training,
            LearningRateSchedule was, int trainedEpochs) {
        LearningRateSchedule now = training.lrSchedule(cl, training.lrMilestones == null
                || training.lrMilestones.isEmpty() ? was.milestones() : training.lrMilestones);
        if (!now.agreesWith(was, trainedEpochs)) {
            throw new CommandLine.ParameterException(cl, "--lr-milestones " + now.milestones() + " with --lr-gamma " + now.gamma()
                    + " would change the learning rate of epochs already trained (1-"
                    + trainedEpochs + ", schedule " + was + "); add milestones after epoch "
                    + trainedEpochs + " only");
        }
        return now;
    }
}
