package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void factorDropsAfterEachMilestone() {
        LearningRateSchedule s = new LearningRateSchedule(List.of(3, 5), 0.1);
        double[] want = {1, 1, 1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1};
        for (int e = 1; e <= want.length; e++) {
            assertEquals(want[e - 1], s.factor(e), 1e-15, "epoch " + e);
        }
        assertEquals(1.0, LearningRateSchedule.CONSTANT.factor(1000));
        assertTrue(LearningRateSchedule.CONSTANT.isConstant());
        assertFalse(s.isConstant());
        assertEquals("x0.1 after epochs [3, 5]", s.toString());
    }

    @Test
    void optionsGiveTheEpochsRate() {
        TrainOptions o = new TrainOptions().withLrSchedule(new LearningRateSchedule(List.of(2), 0.5));
        assertEquals(1e-3, o.learningRate(2), 1e-18);
        assertEquals(5e-4, o.learningRate(3), 1e-18);
        assertEquals(LearningRateSchedule.CONSTANT, new TrainOptions().lrSchedule());
    }

    @Test
    void aScheduleAgreesWithAnotherOnlyIfNoTrainedEpochChanges() {
        LearningRateSchedule constant = LearningRateSchedule.CONSTANT;
        LearningRateSchedule later = new LearningRateSchedule(List.of(300), 0.1);
        assertTrue(later.agreesWith(constant, 300));
        assertFalse(later.agreesWith(constant, 301));
        LearningRateSchedule two = new LearningRateSchedule(List.of(300, 330), 0.1);
        assertTrue(two.agreesWith(later, 330));
        assertFalse(new LearningRateSchedule(List.of(300), 0.5).agreesWith(later, 330));
    }

    @Test
    void badSchedulesAreRefusedWithTheValue() {
        assertEquals("learning-rate milestones must be increasing epochs >= 1, got [5, 5]",
                assertThrows(IllegalArgumentException.class,
                        () -> new LearningRateSchedule(List.of(5, 5), 0.1)).getMessage());
        assertEquals("learning-rate milestones must be increasing epochs >= 1, got [0]",
                assertThrows(IllegalArgumentException.class,
                        () -> new LearningRateSchedule(List.of(0), 0.1)).getMessage());
        assertEquals("learning-rate gamma must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class,
                        () -> new LearningRateSchedule(List.of(1), 1.5)).getMessage());
    }
}
