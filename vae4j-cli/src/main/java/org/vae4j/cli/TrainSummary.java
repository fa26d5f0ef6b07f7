package org.vae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.train.BestEpoch;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingResult;

/** What {@code train --json} prints when a run ends. */
final class TrainSummary {

    private TrainSummary() {}

    /**
     * The run, its last epoch's metrics (the family's: {@code train_} loss first, then every
     * {@code val_} one), the best epoch, whether it stopped early, throughput and history.
     *
     * @param root the run directory
     * @param result how training ended
     * @return the JSON object's fields, in order
     */
    static Map<String, Object> of(Path root, TrainingResult result) {
        EpochMetrics last = result.last();
        BestEpoch best = result.best();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run", root.toString());
        r.put("epochs", last.epoch());
        String loss = last.train().names().get(0);
        r.put("train_" + loss, last.train(loss));
        for (String name : last.validation().names()) {
            r.put("val_" + name, last.validation(name));
        }
        if (best.exists()) {
            r.put("best_epoch", best.epoch());
            r.put("best_val_" + best.metric(), best.value());
        }
        r.put("stopped_early", result.stoppedEarly());
        r.put("images_per_s", last.imagesPerSecond());
        r.put("history", result.history());
        return r;
    }
}
