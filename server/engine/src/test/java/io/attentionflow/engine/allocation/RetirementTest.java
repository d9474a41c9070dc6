package io.attentionflow.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetirementTest {

    private final Retirement rule = new Retirement(0.95, 3, 10, 1000);

    @Test
    void retiresAConfidentItemOnlyOnceItHasTheMinimumAnswers() {
        assertFalse(rule.isRetired(0.99, 2, 0));
        assertTrue(rule.isRetired(0.99, 3, 0));
        assertFalse(rule.isRetired(0.94, 9, 0));
    }

    @Test
    void retiresAtTheMaximumAnswersAndWhenTheBudgetIsSpent() {
        assertTrue(rule.isRetired(0.5, 10, 0));
        assertTrue(rule.isRetired(0.5, 0, 1000));
        assertTrue(rule.budgetSpent(1000));
        assertFalse(rule.budgetSpent(999));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Retirement(0.9, 1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Retirement(0.9, 1, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Retirement(0, 1, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> new Retirement(0.9, -1, 5, 10));
    }
}
